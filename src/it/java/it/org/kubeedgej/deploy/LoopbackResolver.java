package it.org.kubeedgej.deploy;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster's DNS and ports as the packaged processes meet them in a test. Each StatefulSet pod gets an address of
 * its own on the loopback network (127.0.0.2, 127.0.0.3, ...: its pod IP), under every name a pod resolves for it
 * ({@code sts-0.svc.ns.svc}, ... under its headless governing Service); a Service resolves to the pod it selects when
 * it selects exactly one, else to 127.0.0.1 ({@code svc}, {@code svc.ns}, {@code svc.ns.svc},
 * {@code svc.ns.svc.cluster.local}). Each port the manifests name gets a private test port. A name or port outside
 * these fails the test: the manifests point at an object they do not create.
 */
final class LoopbackResolver {

    private static final String LOOPBACK = "127.0.0.1";

    private final Map<String, String> addresses;
    private final Map<String, String> podIps;
    private final Map<Integer, Integer> ports;

    private LoopbackResolver(Map<String, String> addresses, Map<String, String> podIps, Map<Integer, Integer> ports) {
        this.addresses = addresses;
        this.podIps = podIps;
        this.ports = ports;
    }

    /**
     * @param client the API server the manifests were applied to
     * @param namespace where their Services and StatefulSets are
     * @param ports each port of the manifests and the test port that stands for it
     * @return the names as applied
     * @throws ApiException when the objects cannot be listed
     */
    static LoopbackResolver of(ApiClient client, String namespace, Map<Integer, Integer> ports) throws ApiException {
        List<V1Service> services = new CoreV1Api(client).listNamespacedService(namespace).execute().getItems();
        Map<String, String> addresses = new TreeMap<>();
        Map<String, String> podIps = new TreeMap<>();
        Map<String, List<String>> podsOfService = new TreeMap<>();
        for (V1StatefulSet set : new AppsV1Api(client).listNamespacedStatefulSet(namespace).execute().getItems()) {
            for (int ordinal = 0; ordinal < set.getSpec().getReplicas(); ordinal++) {
                String pod = set.getMetadata().getName() + "-" + ordinal;
                String ip = "127.0.0." + (2 + podIps.size());
                podIps.put(pod, ip);
                for (V1Service service : services) {
                    Map<String, String> selector = service.getSpec().getSelector();
                    if (selector != null && set.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                            .containsAll(selector.entrySet())) {
                        podsOfService.computeIfAbsent(service.getMetadata().getName(), s -> new ArrayList<>()).add(ip);
                    }
                }
                // Pods get DNS names only under a headless governing Service.
                services.stream().filter(s -> s.getMetadata().getName().equals(set.getSpec().getServiceName())
                        && "None".equals(s.getSpec().getClusterIP())).findFirst().ifPresent(governing ->
                                addForms(addresses, pod + "." + governing.getMetadata().getName() + "." + namespace,
                                        ip));
            }
        }
        for (V1Service service : services) {
            String name = service.getMetadata().getName();
            List<String> ips = podsOfService.getOrDefault(name, List.of());
            String ip = ips.size() == 1 ? ips.get(0) : LOOPBACK;
            addresses.put(name, ip);
            addForms(addresses, name + "." + namespace, ip);
        }
        return new LoopbackResolver(addresses, podIps, Map.copyOf(ports));
    }

    private static void addForms(Map<String, String> addresses, String nameDotNamespace, String ip) {
        addresses.put(nameDotNamespace, ip);
        addresses.put(nameDotNamespace + ".svc", ip);
        addresses.put(nameDotNamespace + ".svc.cluster.local", ip);
    }

    /** @param name a host name from the manifests @return its address in the test */
    String host(String name) {
        String ip = addresses.get(name);
        if (ip == null) {
            throw new AssertionError(name + " is no Service or StatefulSet pod the manifests create; known: "
                    + addresses.keySet());
        }
        return ip;
    }

    /** @param pod a StatefulSet's pod (name-ordinal) @return its pod IP in the test */
    String podIp(String pod) {
        String ip = podIps.get(pod);
        if (ip == null) {
            throw new AssertionError("no StatefulSet makes pod " + pod + "; pods: " + podIps.keySet());
        }
        return ip;
    }

    /** @param port a port from the manifests, as text @return the test port standing for it */
    String port(String port) {
        Integer test = ports.get(Integer.valueOf(port));
        if (test == null) {
            throw new AssertionError("port " + port + " is not one the test expected; known: " + ports.keySet());
        }
        return String.valueOf(test);
    }
}
