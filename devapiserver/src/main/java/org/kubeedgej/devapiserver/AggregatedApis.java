package org.kubeedgej.devapiserver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The API aggregation layer's registry: APIService objects (apiregistration.k8s.io/v1) with a {@code spec.service}
 * name a group and version that another server serves, as metrics-server's {@code v1beta1.metrics.k8s.io} does.
 * The endpoint is found as kube-apiserver finds it: the Service's port (spec.service.port, default 443), its
 * targetPort, and the first address of the Service's Endpoints.
 */
final class AggregatedApis {

    static final String PATH = "/apis/apiregistration.k8s.io/v1/apiservices";

    /** One registered group/version and where its server answers. */
    record Registration(String group, String version, String serviceNamespace, String serviceName, int port) {
        String groupVersion() {
            return group + "/" + version;
        }
    }

    private final Backend backend;

    AggregatedApis(Backend backend) {
        this.backend = backend;
    }

    List<Registration> all() throws IOException {
        List<Registration> found = new ArrayList<>();
        Backend.Response response = backend.get(PATH);
        if (!response.ok()) {
            return found;
        }
        for (JsonNode item : response.json().path("items")) {
            JsonNode spec = item.path("spec");
            JsonNode service = spec.path("service");
            if (service.isMissingNode() || service.isNull() || spec.path("group").asString("").isEmpty()) {
                continue; // a local APIService: served here, nothing to proxy
            }
            found.add(new Registration(spec.path("group").asString(), spec.path("version").asString(),
                    service.path("namespace").asString(""), service.path("name").asString(""),
                    service.path("port").asInt(443)));
        }
        return found;
    }

    Optional<Registration> find(String group, String version) throws IOException {
        return all().stream().filter(r -> r.group().equals(group) && r.version().equals(version)).findFirst();
    }

    /** @return host:port of the service's first endpoint, or empty with no endpoint (503 then, as kube-apiserver) */
    Optional<String> endpoint(Registration registration) throws IOException {
        String base = "/api/v1/namespaces/" + registration.serviceNamespace();
        Backend.Response service = backend.get(base + "/services/" + registration.serviceName());
        if (!service.ok()) {
            return Optional.empty();
        }
        int target = registration.port();
        String portName = "";
        for (JsonNode port : service.json().path("spec").path("ports")) {
            if (port.path("port").asInt() == registration.port()) {
                target = port.path("targetPort").asInt(registration.port());
                portName = port.path("name").asString("");
            }
        }
        Backend.Response endpoints = backend.get(base + "/endpoints/" + registration.serviceName());
        if (!endpoints.ok()) {
            return Optional.empty();
        }
        for (JsonNode subset : endpoints.json().path("subsets")) {
            JsonNode address = subset.path("addresses").path(0);
            if (address.isMissingNode()) {
                continue;
            }
            int port = target;
            for (JsonNode p : subset.path("ports")) {
                if (portName.isEmpty() || portName.equals(p.path("name").asString(""))) {
                    port = p.path("port").asInt(target);
                    break;
                }
            }
            String ip = address.path("ip").asString("");
            return Optional.of((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port);
        }
        return Optional.empty();
    }
}
