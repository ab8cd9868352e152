package org.kubeedgej.bench;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bench's pods in the API: busybox {@code sleep 3600} on the host network, bound to the edge node (the
 * development API server has no scheduler, and KubeEdge's EdgeController sends pods by {@code spec.nodeName}),
 * labelled so the watch, the clean-up and {@code kubectl delete -l} find them.
 */
final class PodFleet {

    static final String LABEL = "kubeedgej-bench";
    static final String LABEL_VALUE = "pod-start";
    static final String SELECTOR = LABEL + "=" + LABEL_VALUE;

    private final CoreV1Api api;
    private final String namespace;
    private final String node;
    private final String image;
    private final long graceSeconds;

    PodFleet(ApiClient client, String namespace, String node, String image, long graceSeconds) {
        this.api = new CoreV1Api(client);
        this.namespace = namespace;
        this.node = node;
        this.image = image;
        this.graceSeconds = graceSeconds;
    }

    String namespace() {
        return namespace;
    }

    /**
     * Creates one pod.
     *
     * @return System.nanoTime() taken just before the create call
     * @throws ApiException if the API server refuses it
     */
    long create(String name) throws ApiException {
        V1Pod pod = new V1Pod().apiVersion("v1").kind("Pod")
                .metadata(new V1ObjectMeta().name(name).namespace(namespace).labels(Map.of(LABEL, LABEL_VALUE)))
                .spec(new V1PodSpec().nodeName(node).hostNetwork(true).terminationGracePeriodSeconds(graceSeconds)
                        .addContainersItem(new V1Container().name("main").image(image)
                                .imagePullPolicy("IfNotPresent").command(List.of("sleep", "3600"))));
        long before = System.nanoTime();
        api.createNamespacedPod(namespace, pod).execute();
        return before;
    }

    /** @return names of the bench's pods the API still has (terminating ones included) */
    List<String> remaining() throws ApiException {
        List<String> names = new ArrayList<>();
        for (V1Pod pod : api.listNamespacedPod(namespace).labelSelector(SELECTOR).execute().getItems()) {
            names.add(pod.getMetadata().getName());
        }
        return names;
    }

    /**
     * Deletes the given pods gracefully (the edge stops the containers, then the pod goes) and waits until the
     * API no longer lists any of the bench's pods.
     *
     * @return seconds from the first delete call until none was left, or -1 if some were still there at the limit
     */
    double deleteAndAwaitGone(List<String> names, Duration limit) throws ApiException, InterruptedException {
        long start = System.nanoTime();
        for (String name : names) {
            try {
                api.deleteNamespacedPod(name, namespace).execute();
            } catch (ApiException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
        long deadline = start + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (remaining().isEmpty()) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(250);
        }
        return -1;
    }
}
