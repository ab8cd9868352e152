package org.kubeedgej.devapiserver;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.util.ClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds official-client objects for the tests. */
final class ClientSupport {
    private ClientSupport() {
    }

    /** A client without read timeout, as watches and informers need. */
    static ApiClient client(DevApiServer server) {
        ApiClient client = new ClientBuilder().setBasePath(server.url()).build();
        client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(Duration.ZERO).build());
        return client;
    }

    static V1Node node(String name) {
        return new V1Node().apiVersion("v1").kind("Node")
                .metadata(new V1ObjectMeta().name(name).labels(Map.of("node-role.kubernetes.io/edge", "")));
    }

    static V1Pod pod(String name, String nodeName) {
        return new V1Pod().apiVersion("v1").kind("Pod")
                .metadata(new V1ObjectMeta().name(name).namespace("default").labels(Map.of("app", name)))
                .spec(new V1PodSpec().nodeName(nodeName)
                        .containers(List.of(new V1Container().name("main").image("busybox:1.36"))));
    }
}
