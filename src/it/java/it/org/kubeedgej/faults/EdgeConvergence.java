package it.org.kubeedgej.faults;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1Pod;
import it.org.kubeedgej.support.DeviceStatusReads;
import it.org.kubeedgej.support.Http;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What "converged" means after the faults, as a list of what is still wrong (empty when all is right): every
 * ConfigMap at the edge (MetaServer) in the version the cluster holds, every live pod running in exactly one
 * container and known to the edge under its UID, every deleted pod gone from the cluster, the edge and Docker, and
 * the Device's reported twin at the last value the mapper had confirmed.
 */
public final class EdgeConvergence {

    private final CoreV1Api api;
    private final CustomObjectsApi custom;
    private final DockerClient docker;
    private final int metaServerPort;

    public EdgeConvergence(CoreV1Api api, CustomObjectsApi custom, DockerClient docker, int metaServerPort) {
        this.api = api;
        this.custom = custom;
        this.docker = docker;
        this.metaServerPort = metaServerPort;
    }

    public List<String> mismatches(ClusterChanges changes, String device, String property, long lastValue) {
        List<String> wrong = new ArrayList<>();
        try {
            changes.counters().forEach((name, counter) -> configMap(name, counter, wrong));
            for (Map.Entry<String, String> pod : changes.livePods().entrySet()) {
                livePod(pod.getKey(), pod.getValue(), wrong);
            }
            for (Map.Entry<String, String> pod : changes.deletedPods().entrySet()) {
                deletedPod(pod.getKey(), pod.getValue(), wrong);
            }
            device(device, property, lastValue, wrong);
        } catch (IOException | ApiException | RuntimeException e) {
            wrong.add("cannot read the state: " + e);
        }
        return wrong;
    }

    private void configMap(String name, long counter, List<String> wrong) {
        try {
            String clusterVersion = api.readNamespacedConfigMap(name, ClusterChanges.NAMESPACE).execute()
                    .getMetadata().getResourceVersion();
            HttpResponse<String> edge = metaServer("/api/v1/namespaces/default/configmaps/" + name);
            if (edge.statusCode() != 200) {
                wrong.add("configmap " + name + ": MetaServer answers " + edge.statusCode());
                return;
            }
            JsonObject object = Http.json(edge.body());
            String edgeCounter = object.getJsonObject("data").getString("counter", null);
            String edgeVersion = object.getJsonObject("metadata").getString("resourceVersion", null);
            if (!String.valueOf(counter).equals(edgeCounter) || !clusterVersion.equals(edgeVersion)) {
                wrong.add("configmap " + name + ": edge has counter " + edgeCounter + " (resourceVersion "
                        + edgeVersion + "), the cluster " + counter + " (resourceVersion " + clusterVersion + ")");
            }
        } catch (IOException | ApiException e) {
            wrong.add("configmap " + name + ": " + e);
        }
    }

    private void livePod(String name, String uid, List<String> wrong) throws IOException, ApiException {
        V1Pod pod = api.readNamespacedPod(name, ClusterChanges.NAMESPACE).execute();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (!uid.equals(pod.getMetadata().getUid()) || !"Running".equals(phase)) {
            wrong.add("pod " + name + " (" + uid + "): the cluster shows phase " + phase + " for UID "
                    + pod.getMetadata().getUid());
        }
        List<Container> containers = containersOf(uid);
        long running = containers.stream().filter(c -> "running".equals(c.getState())).count();
        if (running != 1) {
            wrong.add("pod " + name + " (" + uid + "): " + running + " running containers of "
                    + containers.stream().map(c -> c.getNames()[0] + "=" + c.getState()).toList());
        }
        HttpResponse<String> edge = metaServer("/api/v1/namespaces/default/pods/" + name);
        if (edge.statusCode() != 200 || !uid.equals(Http.json(edge.body()).getJsonObject("metadata")
                .getString("uid", null))) {
            wrong.add("pod " + name + " (" + uid + "): the edge's copy is " + edge.statusCode() + " "
                    + abbreviate(edge.body()));
        }
    }

    private void deletedPod(String name, String uid, List<String> wrong) throws IOException {
        try {
            V1Pod pod = api.readNamespacedPod(name, ClusterChanges.NAMESPACE).execute();
            wrong.add("pod " + name + " (" + uid + "): deleted, but the cluster still has it (deletionTimestamp "
                    + pod.getMetadata().getDeletionTimestamp() + ")");
        } catch (ApiException e) {
            if (e.getCode() != 404) {
                wrong.add("pod " + name + ": " + e.getCode() + " " + e.getResponseBody());
            }
        }
        List<Container> containers = containersOf(uid);
        if (!containers.isEmpty()) {
            wrong.add("pod " + name + " (" + uid + "): deleted, but Docker still has "
                    + containers.stream().map(c -> c.getNames()[0] + "=" + c.getState()).toList());
        }
        HttpResponse<String> edge = metaServer("/api/v1/namespaces/default/pods/" + name);
        if (edge.statusCode() != 404) {
            wrong.add("pod " + name + " (" + uid + "): deleted, but MetaServer answers " + edge.statusCode());
        }
    }

    @SuppressWarnings("unchecked")
    private void device(String name, String property, long lastValue, List<String> wrong) throws ApiException {
        Map<String, Object> device = (Map<String, Object>) custom.getNamespacedCustomObject(DeviceStatusReads.GROUP,
                "v1beta1", "default", "devices", name).execute();
        String reported = DeviceStatusReads.reported(device, property);
        if (!String.valueOf(lastValue).equals(reported)) {
            wrong.add("device " + name + ": reported " + property + " is " + reported + ", the mapper's last is "
                    + lastValue);
        }
    }

    public List<Container> containersOf(String uid) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.kubeedgej.pod.uid", uid))
                .exec();
    }

    private HttpResponse<String> metaServer(String path) throws IOException {
        return Http.get("http://127.0.0.1:" + metaServerPort + path);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
