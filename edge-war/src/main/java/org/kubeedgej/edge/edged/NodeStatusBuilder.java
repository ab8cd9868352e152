package org.kubeedgej.edge.edged;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The node as this machine really is: capacity and allocatable (CPUs, memory, pods), addresses, node info and a
 * Ready condition, in Kubernetes' Node JSON.
 */
final class NodeStatusBuilder {

    static final String VERSION = "v1.32.0-kubeedge-j-0.1.0";
    private static final int MAX_PODS = 110;
    /** Ready is True from edgecore's start on; its transition time stays put while it does not change. */
    private static final String READY_SINCE = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    private NodeStatusBuilder() {
        throw new AssertionError();
    }

    /** @return the Node object edged registers, with its labels and status */
    static JsonObject node(String name) {
        return Json.createObjectBuilder()
                .add("apiVersion", "v1")
                .add("kind", "Node")
                .add("metadata", Json.createObjectBuilder()
                        .add("name", name)
                        .add("labels", Json.createObjectBuilder()
                                .add("node-role.kubernetes.io/edge", "")
                                .add("role", "edge-node")
                                .add("kubernetes.io/hostname", name)
                                .add("kubernetes.io/os", "linux")
                                .add("kubernetes.io/arch", arch())))
                .add("status", status(name))
                .build();
    }

    /** @return the node's current status */
    static JsonObject status(String name) {
        JsonObjectBuilder resources = Json.createObjectBuilder()
                .add("cpu", String.valueOf(Runtime.getRuntime().availableProcessors()))
                .add("memory", (totalMemoryBytes() / 1024) + "Ki")
                .add("pods", String.valueOf(MAX_PODS));
        JsonObject capacity = resources.build();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return Json.createObjectBuilder()
                .add("capacity", capacity)
                .add("allocatable", capacity)
                .add("addresses", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "InternalIP").add("address", "127.0.0.1"))
                        .add(Json.createObjectBuilder().add("type", "Hostname").add("address", hostname(name))))
                .add("nodeInfo", Json.createObjectBuilder()
                        .add("operatingSystem", "linux")
                        .add("architecture", arch())
                        .add("osImage", osImage())
                        .add("kernelVersion", System.getProperty("os.version"))
                        .add("containerRuntimeVersion", "")
                        .add("kubeletVersion", VERSION)
                        .add("kubeProxyVersion", "")
                        .add("machineID", "").add("systemUUID", "").add("bootID", ""))
                .add("conditions", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "Ready").add("status", "True")
                        .add("reason", "EdgeReady").add("message", "edgecore is posting ready status")
                        .add("lastHeartbeatTime", now).add("lastTransitionTime", READY_SINCE)))
                .build();
    }

    private static String arch() {
        String arch = System.getProperty("os.arch");
        return "x86_64".equals(arch) ? "amd64" : "aarch64".equals(arch) ? "arm64" : arch;
    }

    private static long totalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static String hostname(String fallback) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return fallback;
        }
    }

    private static String osImage() {
        try {
            return Files.readAllLines(Path.of("/etc/os-release")).stream()
                    .filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
                    .findFirst().orElse("linux");
        } catch (IOException e) {
            return "linux";
        }
    }
}
