package org.kubeedgej.devapiserver;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The kinds whose protobuf bodies the server decodes: what a kubelet-like edge system and kubectl's create commands
 * send. Core kinds come from client-java-proto; it has no coordination.k8s.io, so Lease is described here from
 * k8s.io/api v0.32.13 coordination/v1/generated.proto.
 */
final class ProtobufKinds {
    private static final Map<String, Descriptor> KINDS = kinds();

    private ProtobufKinds() {
    }

    private static Map<String, Descriptor> kinds() {
        Map<String, Descriptor> kinds = new LinkedHashMap<>();
        kinds.put("v1/Namespace", V1.Namespace.getDescriptor());
        kinds.put("v1/Pod", V1.Pod.getDescriptor());
        kinds.put("v1/ConfigMap", V1.ConfigMap.getDescriptor());
        kinds.put("v1/Secret", V1.Secret.getDescriptor());
        kinds.put("v1/Node", V1.Node.getDescriptor());
        kinds.put("v1/Service", V1.Service.getDescriptor());
        kinds.put("v1/Event", V1.Event.getDescriptor());
        kinds.put("v1/ServiceAccount", V1.ServiceAccount.getDescriptor());
        kinds.put("coordination.k8s.io/v1/Lease", lease());
        return Map.copyOf(kinds);
    }

    /** The message of a kind; DeleteOptions (a DELETE's body) under whichever group version the client names. */
    static Optional<Descriptor> find(String apiVersion, String kind) {
        if (kind.equals("DeleteOptions")) {
            return Optional.of(Meta.DeleteOptions.getDescriptor());
        }
        return Optional.ofNullable(KINDS.get(apiVersion + "/" + kind));
    }

    /** The kinds for messages: "v1/Namespace, v1/Pod, ...". */
    static String names() {
        return String.join(", ", new TreeSet<>(KINDS.keySet()));
    }

    /** Every message the server decodes at the top level, for checks over all the types they reach. */
    static Iterable<Descriptor> all() {
        List<Descriptor> all = new ArrayList<>(KINDS.values());
        all.add(Meta.DeleteOptions.getDescriptor());
        return all;
    }

    private static Descriptor lease() {
        String meta = ".k8s.io.apimachinery.pkg.apis.meta.v1.";
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName("k8s.io/api/coordination/v1/generated.proto")
                .setPackage("k8s.io.api.coordination.v1")
                .addDependency(Meta.getDescriptor().getName())
                .addMessageType(DescriptorProto.newBuilder().setName("Lease")
                        .addField(field("metadata", 1, meta + "ObjectMeta"))
                        .addField(field("spec", 2, ".k8s.io.api.coordination.v1.LeaseSpec")))
                .addMessageType(DescriptorProto.newBuilder().setName("LeaseSpec")
                        .addField(field("holderIdentity", 1, FieldDescriptorProto.Type.TYPE_STRING))
                        .addField(field("leaseDurationSeconds", 2, FieldDescriptorProto.Type.TYPE_INT32))
                        .addField(field("acquireTime", 3, meta + "MicroTime"))
                        .addField(field("renewTime", 4, meta + "MicroTime"))
                        .addField(field("leaseTransitions", 5, FieldDescriptorProto.Type.TYPE_INT32))
                        .addField(field("strategy", 6, FieldDescriptorProto.Type.TYPE_STRING))
                        .addField(field("preferredHolder", 7, FieldDescriptorProto.Type.TYPE_STRING)))
                .build();
        try {
            return FileDescriptor.buildFrom(file, new FileDescriptor[] {Meta.getDescriptor()})
                    .findMessageTypeByName("Lease");
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("the Lease descriptor is invalid", e);
        }
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).build();
    }

    private static FieldDescriptorProto field(String name, int number, String messageType) {
        return field(name, number, FieldDescriptorProto.Type.TYPE_MESSAGE).toBuilder().setTypeName(messageType)
                .build();
    }
}
