package it.org.kubeedgej.deploy;

import io.kubernetes.client.openapi.models.V1Deployment;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The packaged cloudcore server started with what deploy/deployment.yaml gives its container: the same environment
 * (0.0.0.0 hosts, JVM_ARGS, KUBEEDGE_CONFIG) and the ConfigMap's cloudcore.yaml. What a pod gets from the cluster
 * comes from the test instead: the kubeconfig of the development API server for the ServiceAccount, a temporary
 * directory for the data volume, certgen's stores for the certs Secret, and private ports, so a running
 * {@code bin/kubeedge-j up} is never met.
 */
final class DeployedCloudCore {

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
     * @return the server, started (its /health/started answered)
     * @throws IOException when the files cannot be written
     */
    static LibertyServer start(V1Deployment deployment, String cloudcoreYaml, DevCluster cluster, int httpPort)
            throws IOException {
        Path dir = Files.createDirectories(configFile().getParent());
        Files.writeString(configFile(), cloudcoreYaml);
        Map<String, String> env = new TreeMap<>(AppliedDeploy.env(AppliedDeploy.container(deployment)));
        env.keySet().removeIf(name -> name.endsWith("_PORT"));
        env.put("KUBEEDGE_CONFIG", configFile().toString());
        env.put("CLOUDHUB_CERTS_DIR", TestCertificates.generate(dir.resolve("certs")).dir().toString());
        env.put("CLOUDHUB_HTTPS_PORT", String.valueOf(httpPort + 2000));
        env.put("KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString());
        env.put("MODULES_CLOUDHUB_BROKER_DATADIR", dir.resolve("artemis").toString());
        return LibertyServer.start("cloudcore", httpPort, env);
    }
}
