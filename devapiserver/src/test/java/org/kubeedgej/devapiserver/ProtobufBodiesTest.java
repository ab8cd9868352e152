package org.kubeedgej.devapiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Protobuf bodies decode to the JSON kube-apiserver (Go's encoding/json over the decoded struct) would store. */
class ProtobufBodiesTest {

    @Test
    void kubectlCreateNamespaceDecodesToWhatGoWrites() throws StatusException {
        assertJson("""
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "kubeedge", "creationTimestamp": null},
                 "spec": {}, "status": {}}
                """, ProtobufBodies.decode(ProtoFixtures.KUBECTL_CREATE_NAMESPACE));
    }

    @Test
    void podKeepsTheFieldsGoKeepsAndNamesThemAsJsonDoes() throws StatusException {
        assertJson(ProtoFixtures.podJson("web", "default"),
                ProtobufBodies.decode(ProtoFixtures.envelope("v1", "Pod", ProtoFixtures.pod("web", "default"))));
    }

    @Test
    void leaseTimesAreMicrosecondsAndPointerZerosStay() throws StatusException {
        Descriptor lease = ProtobufKinds.find("coordination.k8s.io/v1", "Lease").orElseThrow();
        Descriptor spec = lease.findFieldByName("spec").getMessageType();
        DynamicMessage message = DynamicMessage.newBuilder(lease)
                .setField(lease.findFieldByName("metadata"), Meta.ObjectMeta.newBuilder().setName("cloudcore")
                        .setNamespace("kubeedge").build())
                .setField(lease.findFieldByName("spec"), DynamicMessage.newBuilder(spec)
                        .setField(spec.findFieldByName("holderIdentity"), "cloudcore-0")
                        .setField(spec.findFieldByName("leaseDurationSeconds"), 0)
                        .setField(spec.findFieldByName("leaseTransitions"), 0)
                        .setField(spec.findFieldByName("renewTime"), Meta.MicroTime.newBuilder()
                                .setSeconds(ProtoFixtures.CREATED).setNanos(123_456_789).build())
                        .build())
                .build();
        assertJson("""
                {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                 "metadata": {"name": "cloudcore", "namespace": "kubeedge"},
                 "spec": {"holderIdentity": "cloudcore-0", "leaseDurationSeconds": 0, "leaseTransitions": 0,
                          "renewTime": "2024-05-01T10:00:00.123456Z"}}
                """, ProtobufBodies.decode(ProtoFixtures.envelope("coordination.k8s.io/v1", "Lease", message)));
    }

    @Test
    void bytesAreBase64AndIntOrStringCanBeANumber() throws StatusException {
        V1.Secret secret = V1.Secret.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("tokensecret"))
                .putData("token", ByteString.copyFromUtf8("abc")).setType("Opaque").build();
        assertJson("""
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "tokensecret"},
                 "data": {"token": "YWJj"}, "type": "Opaque"}
                """, ProtobufBodies.decode(ProtoFixtures.envelope("v1", "Secret", secret)));
        V1.Service service = V1.Service.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("web"))
                .setSpec(V1.ServiceSpec.newBuilder().putSelector("app", "web").addPorts(V1.ServicePort.newBuilder()
                        .setPort(80).setNodePort(0).setTargetPort(IntStr.IntOrString.newBuilder().setIntVal(8080))))
                .build();
        assertJson("""
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
                 "spec": {"ports": [{"port": 80, "targetPort": 8080}], "selector": {"app": "web"}}}
                """, ProtobufBodies.decode(ProtoFixtures.envelope("v1", "Service", service)));
    }

    @Test
    void requiredZeroValuesStayAsGoWritesThem() throws StatusException {
        V1.Node node = V1.Node.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("edge-1"))
                .setSpec(V1.NodeSpec.newBuilder().setUnschedulable(false))
                .setStatus(V1.NodeStatus.newBuilder().setDaemonEndpoints(V1.NodeDaemonEndpoints.newBuilder()
                        .setKubeletEndpoint(V1.DaemonEndpoint.newBuilder().setPort(0))))
                .build();
        assertJson("""
                {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "edge-1"}, "spec": {},
                 "status": {"daemonEndpoints": {"kubeletEndpoint": {"Port": 0}}}}
                """, ProtobufBodies.decode(ProtoFixtures.envelope("v1", "Node", node)));
    }

    @Test
    void deleteOptionsDecodeUnderAnyGroupVersion() throws StatusException {
        Meta.DeleteOptions options = Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(0).build();
        JsonNode json = ProtobufBodies.decode(ProtoFixtures.envelope("meta.k8s.io/v1", "DeleteOptions", options));
        assertEquals(0, json.path("gracePeriodSeconds").asInt(-1));
    }

    @Test
    void otherKindsAreUnsupportedMediaTypes() {
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("web")).build();
        StatusException refused = assertThrows(StatusException.class,
                () -> ProtobufBodies.decode(ProtoFixtures.envelope("apps/v1", "Deployment", deployment)));
        assertEquals(415, refused.status().path("code").asInt());
        assertEquals("UnsupportedMediaType", refused.status().path("reason").asString());
        assertTrue(refused.getMessage().contains("Deployment"), refused.getMessage());
    }

    @Test
    void malformedBodiesAreBadRequests() {
        byte[] pod = ProtoFixtures.envelope("v1", "Pod", ProtoFixtures.pod("web", "default"));
        byte[] truncated = Arrays.copyOf(pod, pod.length - 7);
        byte[] noMagic = Arrays.copyOfRange(pod, 4, pod.length);
        byte[] badMessage = ProtoFixtures.envelope("v1", "Pod", V1.ConfigMap.newBuilder()
                .putData("x", "y").build());
        badMessage[badMessage.length - 1] = (byte) 0xff;
        for (byte[] body : new byte[][] {truncated, noMagic, badMessage, {'k', '8', 's'}}) {
            StatusException refused = assertThrows(StatusException.class, () -> ProtobufBodies.decode(body));
            assertEquals(400, refused.status().path("code").asInt(), refused.getMessage());
            assertEquals("BadRequest", refused.status().path("reason").asString());
        }
    }

    /** Compares as JSON text trees, so that 0 as int and 0 as int64 compare equal, and key order does not matter. */
    private static void assertJson(String expected, JsonNode actual) {
        assertEquals(Json.parse(expected), Json.parse(Json.string(actual)), Json.string(actual));
    }
}
