package it.org.kubeedgej.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the kubectl-through-CloudStream tests stand on: the development API server with the kubelet client certificate,
 * one cloudcore, one edgecore on the test dockerd, the node registered. Closing it stops them and removes the
 * containers of the pods it was told about: edgecore's stop leaves pods running, as a kubelet's does.
 */
public final class StreamTestBed implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final TestCertificates certs;
    private final DevCluster cluster;
    private final LibertyServer cloudcore;
    private final LibertyServer edgecore;
    private final List<String> podUids = new ArrayList<>();

    private StreamTestBed(TestCertificates certs, DevCluster cluster, LibertyServer cloudcore,
            LibertyServer edgecore) {
        this.certs = certs;
        this.cluster = cluster;
        this.cloudcore = cloudcore;
        this.edgecore = edgecore;
    }

    /**
     * @param workName the directory under it.work.dir for certificates and the edge database
     * @param edgeEnv more edgecore settings, as name, value pairs
     */
    public static StreamTestBed start(String node, int cloudHttp, String workName, String... edgeEnv)
            throws Exception {
        String dockerHost = System.getenv("DOCKER_HOST");
        assertNotNull(dockerHost, "DOCKER_HOST is not set: run the tests through bin/kubeedge-j test");
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), workName));
        TestCertificates certs = TestCertificates.generate(work.resolve("certs"), node);
        DevCluster cluster = DevCluster.start(certs.apiServerClient()).installProjectCrds();
        LibertyServer cloudcore = LibertyServer.start("cloudcore", cloudHttp, Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString()));
        LibertyServer edgecore = LibertyServer.start("edgecore", cloudHttp + 1, EdgeCoreEnv.of(node, cloudHttp + 1000,
                certs, work.resolve("edge-db-" + System.nanoTime()), withDockerHost(dockerHost, edgeEnv)));
        StreamTestBed bed = new StreamTestBed(certs, cluster, cloudcore, edgecore);
        try {
            ClusterWaits.nodeRegistered(bed.api(), node, WAIT);
            ClusterWaits.kubeletEndpointIs(bed.api(), node, LibertyServer.streamPort(cloudHttp), WAIT);
        } catch (AssertionError | RuntimeException e) {
            bed.close(); // the class's @AfterAll has no bed to close: stop the servers here, not leave them running
            throw e;
        }
        return bed;
    }

    private static String[] withDockerHost(String dockerHost, String... edgeEnv) {
        String[] all = java.util.Arrays.copyOf(edgeEnv, edgeEnv.length + 2);
        all[edgeEnv.length] = "DOCKER_HOST";
        all[edgeEnv.length + 1] = dockerHost;
        return all;
    }

    public TestCertificates certs() {
        return certs;
    }

    public DevCluster cluster() {
        return cluster;
    }

    public CoreV1Api api() {
        return new CoreV1Api(cluster.client());
    }

    public Kubectl kubectl() {
        return new Kubectl(cluster.kubeconfig());
    }

    /** @param uid a pod whose containers go when the bed does */
    public void track(String uid) {
        podUids.add(uid);
    }

    /** A busybox container running a shell script, the image the tests pull once. */
    public static V1Container busybox(String name, String script) {
        return new V1Container().name(name).image("busybox:latest").imagePullPolicy("IfNotPresent")
                .command(List.of("sh", "-c", script));
    }

    @Override
    public void close() {
        Stoppables.stopAll(edgecore, cloudcore, cluster);
        try (com.github.dockerjava.api.DockerClient docker = TestDocker.client(System.getenv("DOCKER_HOST"))) {
            for (String uid : podUids) {
                docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.kubeedgej.pod.uid", uid))
                        .exec().forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
