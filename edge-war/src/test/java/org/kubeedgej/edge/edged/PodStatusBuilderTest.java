package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PodStatusBuilderTest {

    private static final String T0 = "2026-01-01T00:00:00Z";
    private static final String T1 = "2026-01-01T00:00:10Z";

    static ContainerState running(String name) {
        return new ContainerState(name, "busybox:latest", "abc", ContainerState.Phase.RUNNING, 0, null, null, T0,
                null, 0);
    }

    static ContainerState exited(String name, int code) {
        return new ContainerState(name, "busybox:latest", "abc", ContainerState.Phase.TERMINATED, code,
                code == 0 ? "Completed" : "Error", null, T0, T1, 0);
    }

    static ContainerState pullFailed(String name) {
        return ContainerState.waiting(name, "nope:1", "ErrImagePull", "not present", 0);
    }

    @Test
    void phaseFollowsTheKubeletRules() {
        assertEquals("Pending", PodStatusBuilder.phase("Always", List.of()));
        assertEquals("Pending", PodStatusBuilder.phase("Always", List.of(running("a"), pullFailed("b"))));
        assertEquals("Running", PodStatusBuilder.phase("Always", List.of(running("a"), exited("b", 0))));
        assertEquals("Running", PodStatusBuilder.phase("Always", List.of(exited("a", 0))));
        assertEquals("Succeeded", PodStatusBuilder.phase("Never", List.of(exited("a", 0), exited("b", 0))));
        assertEquals("Failed", PodStatusBuilder.phase("Never", List.of(exited("a", 0), exited("b", 1))));
        assertEquals("Succeeded", PodStatusBuilder.phase("OnFailure", List.of(exited("a", 0))));
        assertEquals("Running", PodStatusBuilder.phase("OnFailure", List.of(exited("a", 2))));
        ContainerState backingOff = new ContainerState("a", "busybox", "abc", ContainerState.Phase.TERMINATED, 1,
                "Error", null, T0, T1, 3).withWaiting("CrashLoopBackOff", "back-off");
        assertEquals("Running", PodStatusBuilder.phase("Always", List.of(backingOff)));
    }

    @Test
    void readyOnlyWhenAllContainersRun() {
        JsonObject status = PodStatusBuilder.status(pod(false), List.of(running("a"), pullFailed("b")), null, T1);
        assertEquals("Pending", status.getString("phase"));
        assertEquals("False", condition(status, "Ready").getString("status"));
        assertEquals("False", condition(status, "ContainersReady").getString("status"));
        assertEquals("True", condition(status, "Initialized").getString("status"));
        assertEquals("True", condition(status, "PodScheduled").getString("status"));
        JsonObject b = status.getJsonArray("containerStatuses").getJsonObject(1);
        assertEquals("ErrImagePull", b.getJsonObject("state").getJsonObject("waiting").getString("reason"));
        assertFalse(b.getBoolean("ready"));
        assertFalse(status.containsKey("podIP"), "no pod IP without host network");
    }

    @Test
    void runningAndTerminatedContainerStatuses() {
        JsonObject status = PodStatusBuilder.status(pod(true), List.of(running("a"), exited("b", 3)), null, T1);
        JsonObject a = status.getJsonArray("containerStatuses").getJsonObject(0);
        assertTrue(a.getBoolean("ready"));
        assertEquals(T0, a.getJsonObject("state").getJsonObject("running").getString("startedAt"));
        assertEquals("docker://abc", a.getString("containerID"));
        JsonObject t = status.getJsonArray("containerStatuses").getJsonObject(1).getJsonObject("state")
                .getJsonObject("terminated");
        assertEquals(3, t.getInt("exitCode"));
        assertEquals("Error", t.getString("reason"));
        assertEquals(T1, t.getString("finishedAt"));
        assertEquals("127.0.0.1", status.getString("podIP"));
        assertEquals("127.0.0.1", status.getString("hostIP"));
    }

    @Test
    void unchangedStatusIsEqualSoItIsNotResent() {
        PodDefinition pod = pod(true);
        JsonObject first = PodStatusBuilder.status(pod, List.of(running("a")), null, T0);
        JsonObject again = PodStatusBuilder.status(pod, List.of(running("a")), first, T1);
        assertEquals(first, again);
        JsonObject changed = PodStatusBuilder.status(pod, List.of(exited("a", 1)), first, T1);
        assertEquals(T1, condition(changed, "Ready").getString("lastTransitionTime"));
        assertEquals(T0, condition(changed, "PodScheduled").getString("lastTransitionTime"));
        assertEquals(T0, changed.getString("startTime"));
    }

    @Test
    void theCloudReadsTheStatusMessageAsAV1Pod() throws Exception {
        ContainerState neverStarted = new ContainerState("c", "busybox", "def", ContainerState.Phase.TERMINATED, 128,
                "StartError", "exec: \"nope\": not found", null, null, 0);
        ContainerState backingOff = exited("d", 1).withWaiting("CrashLoopBackOff", "back-off 10s");
        PodDefinition pod = pod(true);
        JsonObject status = PodStatusBuilder.status(pod, List.of(running("a"), exited("b", 0), neverStarted,
                backingOff, pullFailed("e")), null, T0);
        // KubeEdge's PodStatusRequest {"UID", "Name", "Status"}; the cloud reads Status with the official client's
        // model, which rejects unknown fields and bad dates.
        JsonObject request = PodStatusReporter.message(pod, status).content().asJsonObject();
        assertEquals(java.util.Set.of("UID", "Name", "Status"), request.keySet());
        assertEquals("uid-1", request.getString("UID"));
        assertEquals("p", request.getString("Name"));
        io.kubernetes.client.openapi.models.V1Pod read = new io.kubernetes.client.openapi.models.V1Pod().status(
                io.kubernetes.client.openapi.JSON.deserialize(request.getJsonObject("Status").toString(),
                io.kubernetes.client.openapi.models.V1PodStatus.class));
        assertEquals("Pending", read.getStatus().getPhase(), "container e never ran");
        assertEquals(5, read.getStatus().getContainerStatuses().size());
        assertEquals(128, read.getStatus().getContainerStatuses().get(2).getState().getTerminated().getExitCode());
        assertEquals("ErrImagePull", read.getStatus().getContainerStatuses().get(4).getState().getWaiting()
                .getReason());
        assertEquals(4, read.getStatus().getConditions().size());
    }

    @Test
    void probesDecideReadyAndStartedAndLastStateShowsThePreviousAttempt() throws Exception {
        ContainerState restarted = running("a").withLastState(exited("a", 137));
        ContainerHealth notReady = new ContainerHealth() {
            @Override
            public boolean started(ContainerState c) {
                return c.running();
            }

            @Override
            public boolean ready(ContainerState c) {
                return false;
            }

            @Override
            public String killReason(ContainerState c) {
                return null;
            }
        };
        JsonObject status = PodStatusBuilder.status(pod(true), List.of(restarted), notReady, null, T1);
        assertEquals("Running", status.getString("phase"));
        assertEquals("False", condition(status, "Ready").getString("status"));
        assertEquals("False", condition(status, "ContainersReady").getString("status"));
        JsonObject a = status.getJsonArray("containerStatuses").getJsonObject(0);
        assertFalse(a.getBoolean("ready"));
        assertTrue(a.getBoolean("started"));
        assertEquals(137, a.getJsonObject("lastState").getJsonObject("terminated").getInt("exitCode"));
        JsonObject ready = PodStatusBuilder.status(pod(true), List.of(restarted), ContainerHealth.RUNNING_IS_READY,
                status, T1);
        assertEquals("True", condition(ready, "Ready").getString("status"));

        JsonObject fresh = PodStatusBuilder.containerStatus(running("b"));
        assertEquals(Json.createObjectBuilder().build(), fresh.getJsonObject("lastState"), "lastState: {} at first");
        io.kubernetes.client.openapi.models.V1Pod read = new io.kubernetes.client.openapi.models.V1Pod().status(
                io.kubernetes.client.openapi.JSON.deserialize(PodStatusReporter.message(pod(true), status).content()
                .asJsonObject().getJsonObject("Status").toString(), io.kubernetes.client.openapi.models.V1PodStatus.class));
        assertEquals(137, read.getStatus().getContainerStatuses().get(0).getLastState().getTerminated()
                .getExitCode());
        ContainerState crashLooping = exited("c", 1).withWaiting("CrashLoopBackOff", "back-off 10s");
        assertEquals("Error", crashLooping.lastState().reason(), "back-off shows the termination as lastState");
    }

    static PodDefinition pod(boolean hostNetwork) {
        return new PodDefinition(new PodRef("default", "p", "uid-1", hostNetwork), "Always", 30, false, List.of(),
                Json.createObjectBuilder().build());
    }

    private static JsonObject condition(JsonObject status, String type) {
        return status.getJsonArray("conditions").getValuesAs(JsonObject.class).stream()
                .filter(c -> type.equals(c.getString("type"))).findFirst().orElseThrow();
    }
}
