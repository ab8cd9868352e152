package org.kubeedgej.devapiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Go field table agrees with the protobuf descriptors the server decodes with. */
class GoJsonFieldsTest {
    /** apimachinery messages that are plain structs in JSON; any other one needs its own JSON form. */
    private static final Set<String> PLAIN_APIMACHINERY = Set.of("ObjectMeta", "OwnerReference", "ManagedFieldsEntry",
            "LabelSelector", "LabelSelectorRequirement", "DeleteOptions", "Preconditions", "Condition");
    /**
     * Fields of Kubernetes 1.31 and 1.32 that client-java-proto 24.0.0 does not have yet: a client that sends them
     * in protobuf loses them here (the decoder skips unknown fields, as Go does for fields it does not know).
     */
    private static final Set<String> NEWER_THAN_CLIENT_JAVA_PROTO = Set.of(
            "k8s.io.api.core.v1.LinuxContainerUser gid", "k8s.io.api.core.v1.LinuxContainerUser uid",
            "k8s.io.api.core.v1.NodeFeatures supplementalGroupsPolicy",
            "k8s.io.api.core.v1.NodeRuntimeHandlerFeatures userNamespaces", "k8s.io.api.core.v1.PodLogOptions stream",
            "k8s.io.api.core.v1.PodResourceClaim resourceClaimName",
            "k8s.io.api.core.v1.PodResourceClaim resourceClaimTemplateName",
            "k8s.io.api.core.v1.PodSecurityContext seLinuxChangePolicy",
            "k8s.io.api.core.v1.PodSecurityContext supplementalGroupsPolicy",
            "k8s.io.api.core.v1.ResourceHealth resourceID", "k8s.io.api.core.v1.ResourceStatus name",
            "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions ignoreStoreReadErrorWithClusterBreakingPotential",
            "k8s.io.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement key",
            "k8s.io.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement operator");
    private static final Set<String> OWN_JSON_FORM = Set.of("Time", "MicroTime", "FieldsV1", "Quantity",
            "IntOrString");

    private final GoJsonFields underTest = GoJsonFields.KUBERNETES;

    @Test
    void everyMarkedFieldExistsWithAFittingType() {
        Map<String, Descriptor> messages = reachable(List.of(V1.getDescriptor().getMessageTypes(),
                Meta.getDescriptor().getMessageTypes(), toList(ProtobufKinds.all())));
        Set<String> missing = new TreeSet<>();
        Set<String> wrong = new TreeSet<>();
        underTest.marks().forEach((key, mark) -> {
            String[] parts = key.split(" ");
            Descriptor message = messages.get(parts[0]);
            FieldDescriptor field = message == null ? null : message.findFieldByName(parts[1]);
            if (field == null) {
                missing.add(key);
            } else if (isMessage(field) != (mark == GoJsonFields.Mark.INLINE)) {
                wrong.add(key + " " + mark);
            }
        });
        assertEquals(Set.of(), wrong);
        assertEquals(NEWER_THAN_CLIENT_JAVA_PROTO, missing);
        assertTrue(underTest.marks().size() > 250, "the table is the generated one: " + underTest.marks().size());
    }

    @Test
    void decodedKindsReachNoApimachineryTypeWithoutItsJsonForm() {
        Set<String> unknown = new TreeSet<>();
        reachable(List.of(toList(ProtobufKinds.all()))).forEach((name, message) -> {
            if (name.startsWith("k8s.io.apimachinery.") && !PLAIN_APIMACHINERY.contains(message.getName())
                    && !OWN_JSON_FORM.contains(message.getName()) && !message.getOptions().getMapEntry()) {
                unknown.add(name);
            }
        });
        assertEquals(Set.of(), unknown);
    }

    private static boolean isMessage(FieldDescriptor field) {
        return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
    }

    private static List<Descriptor> toList(Iterable<Descriptor> descriptors) {
        List<Descriptor> list = new ArrayList<>();
        descriptors.forEach(list::add);
        return list;
    }

    private static Map<String, Descriptor> reachable(List<List<Descriptor>> roots) {
        Map<String, Descriptor> seen = new HashMap<>();
        Deque<Descriptor> todo = new ArrayDeque<>();
        roots.forEach(todo::addAll);
        while (!todo.isEmpty()) {
            Descriptor message = todo.pop();
            if (seen.putIfAbsent(message.getFullName(), message) == null) {
                message.getFields().stream().filter(GoJsonFieldsTest::isMessage)
                        .forEach(field -> todo.push(field.getMessageType()));
                todo.addAll(message.getNestedTypes());
            }
        }
        return seen;
    }
}
