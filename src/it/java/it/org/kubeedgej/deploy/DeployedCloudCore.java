package it.org.kubeedgej.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.openapi.models.V1Deployment;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.TestCertificates;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The packaged cloudcore server started with what deploy/base/deployment.yaml (or an overlay of it) gives its
 * container: the same environment (0.0.0.0 hosts, JVM_ARGS, KUBEEDGE_CONFIG, the broker's settings) and the
 * ConfigMap's cloudcore.yaml. What a pod gets from the cluster comes from the test instead: the kubeconfig of the
 * development API server for the ServiceAccount, a temporary directory for the data volume, certgen's stores for the
 * certs Secret, and private ports, so a running {@code bin/kubeedge-j up} is never met.
 */
final class DeployedCloudCore {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String BROKER = "MODULES_CLOUDHUB_BROKER_";
    private static TestCertificates certs;

    private DeployedCloudCore() {
        throw new AssertionError();
    }

    /** @return where the started server's cloudcore.yaml is written */
    static Path configFile() {
        return Path.of(System.getProperty("it.work.dir"), "deploy", "cloudcore.yaml");
    }

    /**
     * @param deployment the applied Deployment
     * @param cloudcoreYaml the content of its ConfigMap
     * @param cluster the development API server
     * @param httpPort the plain HTTP port to use instead of the Deployment's 9080
     * @param overrides what the test puts in place of the Deployment's values (every *_PORT of the Deployment is
     *     replaced by the test's ports, so broker ports must come back through here: {@link #brokerEnv})
     * @return the server, started (its /health/started answered)
     * @throws IOException when the files cannot be written
     */
    static LibertyServer start(V1Deployment deployment, String cloudcoreYaml, DevCluster cluster, int httpPort,
            Map<String, String> overrides) throws IOException {
        Path dir = Files.createDirectories(configFile().getParent());
        Files.writeString(configFile(), cloudcoreYaml);
        Map<String, String> env = new TreeMap<>(AppliedDeploy.env(AppliedDeploy.container(deployment)));
        env.keySet().removeIf(name -> name.endsWith("_PORT"));
        env.put("KUBEEDGE_CONFIG", configFile().toString());
        env.put("CLOUDHUB_CERTS_DIR", certs(dir).dir().toString());
        env.put("CLOUDHUB_HTTPS_PORT", String.valueOf(httpPort + 2000));
        env.put("KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString());
        env.put("MODULES_CLOUDHUB_BROKER_DATADIR", dir.resolve("artemis-" + httpPort).toString());
        env.putAll(overrides);
        return LibertyServer.start("cloudcore", httpPort, env);
    }

    /** One set of stores for every replica, as they share the cloudcore-certs Secret. */
    private static synchronized TestCertificates certs(Path dir) {
        if (certs == null) {
            certs = TestCertificates.generate(dir.resolve("certs"));
        }
        return certs;
    }

    /**
     * @param env the Deployment container's environment
     * @param dns the cluster's names and ports in the test
     * @return its broker settings ({@code MODULES_CLOUDHUB_BROKER_*}) with each host and port resolved
     */
    static Map<String, String> brokerEnv(Map<String, String> env, LoopbackResolver dns) {
        Map<String, String> broker = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(BROKER)) {
                broker.put(name, switch (name.substring(BROKER.length())) {
                    case "HOST", "BACKUPHOST" -> dns.host(value);
                    case "PORT", "BACKUPPORT" -> dns.port(value);
                    case "CONNECTIONPARAMETERS" -> connectionParameters(value, dns);
                    default -> value;
                });
            }
        });
        return broker;
    }

    /** The resource adapter's {@code host=..;port=..} per broker, comma-separated, resolved. */
    private static String connectionParameters(String value, LoopbackResolver dns) {
        List<String> brokers = new ArrayList<>();
        for (String broker : value.split(",")) {
            List<String> pairs = new ArrayList<>();
            for (String pair : broker.split(";")) {
                String[] kv = pair.split("=", 2);
                pairs.add(kv[0] + "=" + switch (kv[0]) {
                    case "host" -> dns.host(kv[1]);
                    case "port" -> dns.port(kv[1]);
                    default -> kv[1];
                });
            }
            brokers.add(String.join(";", pairs));
        }
        return String.join(",", brokers);
    }

    /** Polls a health path until it answers 200; fails with its last answer. */
    static void awaitOk(LibertyServer server, String path) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpResponse<String> response = Http.get(server.url(path));
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(500));
            response = Http.get(server.url(path));
        }
        assertEquals(200, response.statusCode(), path + " answered " + response.body());
    }
}
