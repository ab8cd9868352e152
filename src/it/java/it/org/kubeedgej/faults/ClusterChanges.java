package it.org.kubeedgej.faults;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The cluster side of the change stream: ConfigMaps whose {@code counter} goes up, and small sleeper pods created
 * and deleted on the edge node. It remembers what it last wrote, which is what the edge must end up with. A holder
 * pod mounts every ConfigMap, since CloudCore sends a ConfigMap only to nodes whose pods use it.
 */
public final class ClusterChanges {

    public static final String NAMESPACE = "default";
    public static final String LABEL = "kill-nine-fault";
    public static final String HOLDER = "kn-holder";
    private static final int CONFIG_MAPS = 3;
    private static final int MAX_CHURN_PODS = 3;

    private final CoreV1Api api;
    private final String node;
    private final Random random;
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private final Map<String, String> livePods = new LinkedHashMap<>();
    private final Map<String, String> deletedPods = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private int nextPod;
    private int changes;
    private int deleteConflicts;

    public ClusterChanges(CoreV1Api api, String node, Random random) {
        this.api = api;
        this.node = node;
        this.random = random;
    }

    /** Creates the ConfigMaps and the holder pod that makes them the edge node's. */
    public synchronized void setUp() throws ApiException {
        for (int i = 0; i < CONFIG_MAPS; i++) {
            String name = "kn-config-" + i;
            api.createNamespacedConfigMap(NAMESPACE, new V1ConfigMap().apiVersion("v1").kind("ConfigMap")
                    .metadata(new V1ObjectMeta().name(name).namespace(NAMESPACE)).data(Map.of("counter", "0")))
                    .execute();
            counters.put(name, 0L);
        }
        V1Pod holder = sleeper(HOLDER);
        int i = 0;
        for (String name : counters.keySet()) {
            holder.getSpec().addVolumesItem(new V1Volume().name("cfg" + i)
                    .configMap(new V1ConfigMapVolumeSource().name(name)));
            holder.getSpec().getContainers().get(0).addVolumeMountsItem(new V1VolumeMount().name("cfg" + i)
                    .mountPath("/cfg/" + i));
            i++;
        }
        livePods.put(HOLDER, api.createNamespacedPod(NAMESPACE, holder).execute().getMetadata().getUid());
    }

    /** Makes one random change: mostly a ConfigMap update, else a churn pod created or deleted. */
    public synchronized void step() {
        int roll = random.nextInt(4);
        int churn = livePods.size() - 1;
        try {
            if (roll < 2) {
                updateConfigMap("kn-config-" + random.nextInt(CONFIG_MAPS));
            } else if ((roll == 2 && churn < MAX_CHURN_PODS) || churn == 0) {
                createPod();
            } else {
                deletePod(new ArrayList<>(livePods.keySet()).stream().filter(p -> !HOLDER.equals(p))
                        .toList().get(random.nextInt(churn)));
            }
            changes++;
        } catch (ApiException e) {
            // The development API server never goes away in this test: an error here is worth reporting.
            errors.add(e.getCode() + " " + e.getResponseBody());
        }
    }

    private void updateConfigMap(String name) throws ApiException {
        V1ConfigMap current = api.readNamespacedConfigMap(name, NAMESPACE).execute();
        long next = counters.get(name) + 1;
        current.setData(Map.of("counter", String.valueOf(next)));
        api.replaceNamespacedConfigMap(name, NAMESPACE, current).execute();
        counters.put(name, next);
    }

    private void createPod() throws ApiException {
        String name = "kn-churn-" + nextPod++;
        livePods.put(name, api.createNamespacedPod(NAMESPACE, sleeper(name)).execute().getMetadata().getUid());
    }

    private void deletePod(String name) throws ApiException {
        for (int attempt = 1; ; attempt++) {
            try {
                api.deleteNamespacedPod(name, NAMESPACE).execute();
                break;
            } catch (ApiException e) {
                // The development API server marks a pod for graceful deletion with a PUT of the version it read,
                // so a status write in between answers 409 (kube-apiserver retries that itself): delete again.
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
                deleteConflicts++;
            }
        }
        deletedPods.put(name, livePods.remove(name));
    }

    private V1Pod sleeper(String name) {
        // sleep as PID 1 ignores SIGTERM, so a short grace period keeps deletes quick.
        return new V1Pod().apiVersion("v1").kind("Pod")
                .metadata(new V1ObjectMeta().name(name).namespace(NAMESPACE).labels(Map.of("app", LABEL)))
                .spec(new V1PodSpec().nodeName(node).hostNetwork(true).terminationGracePeriodSeconds(1L)
                        .restartPolicy("Always")
                        .addContainersItem(new V1Container().name("main").image("busybox:latest")
                                .imagePullPolicy("IfNotPresent").command(List.of("sleep", "3600"))));
    }

    /** @return each ConfigMap's last written counter */
    public synchronized Map<String, Long> counters() {
        return Map.copyOf(counters);
    }

    /** @return name to UID of the pods that should run at the edge */
    public synchronized Map<String, String> livePods() {
        return Map.copyOf(livePods);
    }

    /** @return name to UID of the pods deleted in the cluster */
    public synchronized Map<String, String> deletedPods() {
        return Map.copyOf(deletedPods);
    }

    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    public synchronized int changes() {
        return changes;
    }

    /** @return how often a pod delete was answered 409 and sent again */
    public synchronized int deleteConflicts() {
        return deleteConflicts;
    }
}
