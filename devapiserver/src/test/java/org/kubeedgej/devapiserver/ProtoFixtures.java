package org.kubeedgej.devapiserver;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** Kubernetes protobuf bodies built from client-java-proto messages, as client-go and kubectl send them. */
final class ProtoFixtures {
    /** 2024-05-01T10:00:00Z. */
    static final long CREATED = 1_714_557_600L;
    /** 2024-05-01T10:01:00Z. */
    static final long STARTED = CREATED + 60;

    /** What kubectl 1.32.4 sent for {@code kubectl create namespace kubeedge} (captured on the wire). */
    static final byte[] KUBECTL_CREATE_NAMESPACE = HexFormat.of().parseHex("6b3873000a0f0a02763112094e616d6573"
            + "7061636512200a180a086b7562656564676512001a0022002a0032003800420012001a020a001a002200");

    private ProtoFixtures() {
    }

    /** The magic k8s\0 and a runtime.Unknown holding the message. */
    static byte[] envelope(String apiVersion, String kind, Message message) {
        Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(message.toByteString())
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'k', '8', 's', 0});
        try {
            unknown.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static V1.Namespace namespace(String name) {
        return V1.Namespace.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName(name)).build();
    }

    /**
     * A pod as a Go client fills it in: the zero values of non-pointer fields are sent too (uid "", hostNetwork
     * false, hostPort 0, phase of a condition...), next to a port, resource limits, an IntOrString, an inline volume
     * source, times, and pointer or required fields that hold zero values.
     */
    static V1.Pod pod(String name, String namespace) {
        return V1.Pod.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName(name).setNamespace(namespace).setUid("")
                        .setResourceVersion("").setGeneration(0)
                        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(CREATED))
                        .putLabels("app", name).putLabels("node-role.kubernetes.io/edge", ""))
                .setSpec(V1.PodSpec.newBuilder().setNodeName("").setHostNetwork(false)
                        .setAutomountServiceAccountToken(false).setTerminationGracePeriodSeconds(0)
                        .addContainers(V1.Container.newBuilder().setName("main").setImage("nginx:1.27")
                                .addPorts(V1.ContainerPort.newBuilder().setName("http").setContainerPort(80)
                                        .setHostPort(0).setProtocol("TCP"))
                                .setResources(V1.ResourceRequirements.newBuilder()
                                        .putLimits("cpu", quantity("500m"))
                                        .putLimits("memory", quantity("128Mi"))
                                        .putRequests("cpu", quantity("100m")))
                                .setReadinessProbe(V1.Probe.newBuilder().setInitialDelaySeconds(0)
                                        .setHandler(V1.ProbeHandler.newBuilder().setHttpGet(
                                                V1.HTTPGetAction.newBuilder().setPath("/healthz")
                                                        .setPort(IntStr.IntOrString.newBuilder().setType(1)
                                                                .setStrVal("http"))))))
                        .addVolumes(V1.Volume.newBuilder().setName("config").setVolumeSource(
                                V1.VolumeSource.newBuilder().setConfigMap(V1.ConfigMapVolumeSource.newBuilder()
                                        .setLocalObjectReference(V1.LocalObjectReference.newBuilder()
                                                .setName("web-config"))))))
                .setStatus(V1.PodStatus.newBuilder().setPhase("Running")
                        .setStartTime(Meta.Time.newBuilder().setSeconds(STARTED))
                        .addContainerStatuses(V1.ContainerStatus.newBuilder().setName("main").setReady(false)
                                .setRestartCount(0).setImage("nginx:1.27").setImageID("")))
                .build();
    }

    /** What {@link #pod} is in JSON, as kube-apiserver's encoding/json writes it. */
    static String podJson(String name, String namespace) {
        return """
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "%1$s", "namespace": "%2$s", "creationTimestamp": "2024-05-01T10:00:00Z",
                              "labels": {"app": "%1$s", "node-role.kubernetes.io/edge": ""}},
                 "spec": {"automountServiceAccountToken": false, "terminationGracePeriodSeconds": 0,
                          "containers": [{"name": "main", "image": "nginx:1.27",
                                          "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}],
                                          "resources": {"limits": {"cpu": "500m", "memory": "128Mi"},
                                                        "requests": {"cpu": "100m"}},
                                          "readinessProbe": {"httpGet": {"path": "/healthz", "port": "http"}}}],
                          "volumes": [{"name": "config", "configMap": {"name": "web-config"}}]},
                 "status": {"phase": "Running", "startTime": "2024-05-01T10:01:00Z",
                            "containerStatuses": [{"name": "main", "ready": false, "restartCount": 0,
                                                   "image": "nginx:1.27", "imageID": ""}]}}
                """.formatted(name, namespace);
    }

    static Resource.Quantity quantity(String value) {
        return Resource.Quantity.newBuilder().setString(value).build();
    }
}
