package org.kubeedgej.devapiserver;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Where kube-apiserver sends a pod's kubelet request (logs, exec, attach): the container named, or the pod's only
 * one; the node's kubelet endpoint, its InternalIP (then Hostname) and {@code daemonEndpoints.kubeletEndpoint.Port}
 * (as with {@code --kubelet-preferred-address-types=InternalIP,Hostname}).
 */
record KubeletTarget(String nodeName, String container, String host, int port) {

    private static final int DEFAULT_KUBELET_PORT = 10250;

    /** @throws StatusException with kube-apiserver's answer when there is no such pod, container or node address */
    static KubeletTarget resolve(Backend backend, String namespace, String name, String container)
            throws IOException, StatusException {
        Backend.Response podAnswer = backend.get("/api/v1/namespaces/" + namespace + "/pods/" + name);
        if (!podAnswer.ok()) {
            throw new StatusException(StatusResponses.notFound("pods", name));
        }
        JsonNode pod = podAnswer.json();
        List<String> containers = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> containers.add(c.path("name").asString()));
        String chosen = container == null ? "" : container;
        if (chosen.isEmpty()) {
            if (containers.size() != 1) {
                throw new StatusException(StatusResponses.badRequest("a container name must be specified for pod "
                        + name + ", choose one of: " + containers));
            }
            chosen = containers.get(0);
        } else if (!containers.contains(chosen)) {
            throw new StatusException(StatusResponses.badRequest("container " + chosen + " is not valid for pod "
                    + name));
        }
        String nodeName = pod.path("spec").path("nodeName").asString("");
        if (nodeName.isEmpty()) {
            throw new StatusException(StatusResponses.badRequest("pod " + name + " does not have a host assigned"));
        }
        Backend.Response nodeAnswer = backend.get("/api/v1/nodes/" + nodeName);
        if (!nodeAnswer.ok()) {
            throw new StatusException(StatusResponses.notFound("nodes", nodeName));
        }
        JsonNode node = nodeAnswer.json();
        String address = null;
        for (String type : List.of("InternalIP", "Hostname")) {
            for (JsonNode a : node.path("status").path("addresses")) {
                if (address == null && type.equals(a.path("type").asString(""))) {
                    address = a.path("address").asString("");
                }
            }
        }
        if (address == null || address.isEmpty()) {
            throw new StatusException(StatusResponses.failure(500, "InternalError", "node " + nodeName
                    + " has no InternalIP or Hostname address"));
        }
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        return new KubeletTarget(nodeName, chosen, address, port == 0 ? DEFAULT_KUBELET_PORT : port);
    }

    /** @param pathAndQuery e.g. /containerLogs/ns/pod/c?follow=true */
    URI uri(String pathAndQuery) {
        return URI.create("https://" + authority() + pathAndQuery);
    }

    String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
