package it.org.kubeedgej.deploy;

import static it.org.kubeedgej.deploy.AppliedDeploy.NAMESPACE;
import static it.org.kubeedgej.deploy.AppliedDeploy.cloudcoreYaml;
import static it.org.kubeedgej.deploy.AppliedDeploy.container;
import static it.org.kubeedgej.deploy.AppliedDeploy.deployment;
import static it.org.kubeedgej.deploy.AppliedDeploy.env;
import static it.org.kubeedgej.deploy.AppliedDeploy.service;
import static it.org.kubeedgej.deploy.AppliedDeploy.statefulSet;
import static it.org.kubeedgej.deploy.HaManifests.arg;
import static it.org.kubeedgej.deploy.HaManifests.assertApartOnNodes;
import static it.org.kubeedgej.deploy.HaManifests.assertSelects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.apis.PolicyV1Api;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import it.org.kubeedgej.ha.StandaloneBrokerProcess;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.Kubectl;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/ha/, CloudCore highly available, applied as deploy/README.md says (the namespace, the pair's Secret, then
 * {@code kubectl apply -k deploy/ha/}) to the development API server and read back: the broker pair's StatefulSets,
 * Services and journal claims, CloudCore's two replicas pointed at the pair, the disruption budgets and the
 * anti-affinity. Then the pair and two CloudCores run with exactly those arguments and environments, names resolved
 * to loopback and ports to private ones ({@link LoopbackResolver}): both replicas get ready on the pair and exactly
 * one leads. No image is built here (deploy/README.md); the development API server runs no controllers, so no pod
 * or claim is made from the templates.
 */
class DeployHaOverlayIT {

    private static final int HTTP_A = 19600;
    private static final int HTTP_B = 19700;
    /** The pair's ports in the manifests, and the private ones standing for them (apart from other tests' pairs). */
    private static final Map<Integer, Integer> PORTS = Map.of(61616, 29636, 61617, 29637);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NETTY = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory";
    private static final String PASSWORD = "deploy-ha-it-" + UUID.randomUUID();

    private static DevCluster cluster;
    private static ApiClient client;

    @BeforeAll
    static void applyOverlay() throws Exception {
        cluster = DevCluster.start().installProjectCrds();
        client = cluster.client();
        Kubectl kubectl = new Kubectl(cluster.kubeconfig());
        Path deploy = Path.of(System.getProperty("kubeedgej.root"), "deploy");
        kubectl.ok("apply", "-f", deploy.resolve("base").resolve("namespace.yaml").toString());
        kubectl.ok("-n", NAMESPACE, "create", "secret", "generic", "broker-cluster",
                "--from-literal=password=" + PASSWORD);
        String out = kubectl.ok("apply", "-k", deploy.resolve("ha").toString());
        assertTrue(out.contains("statefulset.apps/broker-primary created"), out);
        assertTrue(out.contains("poddisruptionbudget.policy/cloudcore created"), out);
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(cluster);
    }

    @Test
    void cloudcoreRunsTwoReplicasOnDifferentNodes() throws Exception {
        V1Deployment deployment = deployment(client);
        assertEquals(2, deployment.getSpec().getReplicas());
        assertEquals("RollingUpdate", deployment.getSpec().getStrategy().getType(),
                "two replicas on one external broker may overlap (the base's Recreate was for the embedded one)");
        assertEquals(0, deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntValue(),
                "with required anti-affinity a surge pod finds no node on a two-node cluster");
        assertApartOnNodes(deployment.getSpec().getTemplate(), List.of(deployment.getSpec().getTemplate()));
        V1PodDisruptionBudget budget = new PolicyV1Api(client).readNamespacedPodDisruptionBudget("cloudcore",
                NAMESPACE).execute();
        assertEquals(1, budget.getSpec().getMinAvailable().getIntValue());
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(),
                budget.getSpec().getSelector().getMatchLabels());
        // The controllers' election Lease, granted by the base's ClusterRole.
        assertTrue(new RbacAuthorizationV1Api(client).readClusterRole("cloudcore").execute().getRules().stream()
                .anyMatch(r -> r.getResources().contains("leases")
                        && r.getVerbs().containsAll(Set.of("get", "create", "update"))));
    }

    @Test
    void cloudcoreReachesThePairThroughItsServices() throws Exception {
        Map<String, String> env = env(container(deployment(client)));
        assertEquals("false", env.get("MODULES_CLOUDHUB_BROKER_EMBEDDED"));
        assertEquals("true", env.get("MODULES_CLOUDHUB_BROKER_HA"));
        assertEquals(NETTY + "," + NETTY, env.get("MODULES_CLOUDHUB_BROKER_CONNECTORS"));
        String host = env.get("MODULES_CLOUDHUB_BROKER_HOST");
        String port = env.get("MODULES_CLOUDHUB_BROKER_PORT");
        String backupHost = env.get("MODULES_CLOUDHUB_BROKER_BACKUPHOST");
        String backupPort = env.get("MODULES_CLOUDHUB_BROKER_BACKUPPORT");
        assertEquals("host=" + host + ";port=" + port + ",host=" + backupHost + ";port=" + backupPort,
                env.get("MODULES_CLOUDHUB_BROKER_CONNECTIONPARAMETERS"),
                "the resource adapter and CloudHub's node queues reach the same brokers in the same order");
        assertServiceReaches(host, port, statefulSet(client, "broker-primary"));
        assertServiceReaches(backupHost, backupPort, statefulSet(client, "broker-backup"));
    }

    @Test
    void brokerHalvesAreStatefulSetsWithAJournalClaimEach() throws Exception {
        V1StatefulSet primary = statefulSet(client, "broker-primary");
        V1StatefulSet backup = statefulSet(client, "broker-backup");
        assertHalf(primary, "primary", backup);
        assertHalf(backup, "backup", primary);
        V1PodDisruptionBudget budget = new PolicyV1Api(client).readNamespacedPodDisruptionBudget("broker", NAMESPACE)
                .execute();
        assertEquals(1, budget.getSpec().getMaxUnavailable().getIntValue(), "one half down at most");
        assertSelects(budget.getSpec().getSelector().getMatchLabels(), primary.getSpec().getTemplate());
        assertSelects(budget.getSpec().getSelector().getMatchLabels(), backup.getSpec().getTemplate());
    }

    @Test
    void theManifestsRunThePairAndTwoReplicasOfWhichOneLeads() throws Exception {
        V1Deployment deployment = deployment(client);
        LoopbackResolver dns = LoopbackResolver.of(client, NAMESPACE, PORTS);
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "deploy-ha-it"));
        Map<String, String> brokerEnv = DeployedCloudCore.brokerEnv(env(container(deployment)), dns);
        String yaml = cloudcoreYaml(client, deployment);
        try (StandaloneBrokerProcess primary = DeployedBroker.start(statefulSet(client, "broker-primary"), client,
                dns, work)) {
            primary.await("active", WAIT);
            try (StandaloneBrokerProcess backup = DeployedBroker.start(statefulSet(client, "broker-backup"), client,
                    dns, work)) {
                backup.await("backup", WAIT);
                try (LibertyServer a = DeployedCloudCore.start(deployment, yaml, cluster, HTTP_A, brokerEnv);
                        LibertyServer b = DeployedCloudCore.start(deployment, yaml, cluster, HTTP_B, brokerEnv)) {
                    for (LibertyServer replica : List.of(a, b)) {
                        DeployedCloudCore.awaitOk(replica, "/health/ready");
                        JsonObject broker = readiness(replica, "jms-broker");
                        assertEquals("external", broker.getString("mode"));
                        assertEquals("(tcp://" + dns.podIp("broker-primary-0") + ":" + PORTS.get(61616) + ",tcp://"
                                + dns.podIp("broker-backup-0") + ":" + PORTS.get(61617) + ")", broker.getString("url"),
                                "both halves of the pair, primary first");
                    }
                    assertExactlyOneLeads(a, b);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** host:port, as CloudCore is given it, is a Service of the half's pods on the port the half listens on. */
    private static void assertServiceReaches(String host, String port, V1StatefulSet half) throws Exception {
        assertEquals(".kubeedge.svc", host.substring(host.indexOf('.')), host + " is a Service in kubeedge");
        V1Service service = service(client, host.substring(0, host.indexOf('.')));
        assertSelects(service.getSpec().getSelector(), half.getSpec().getTemplate());
        V1Container broker = HaManifests.brokerContainer(half);
        var servicePort = service.getSpec().getPorts().stream().filter(p -> port.equals(String.valueOf(p.getPort())))
                .findFirst().orElseThrow(() -> new AssertionError(host + " has no port " + port));
        assertEquals(arg(broker, "--port"), String.valueOf(AppliedDeploy.containerPort(broker,
                servicePort.getTargetPort().toString())), host + ":" + port + " goes to the port the broker binds");
    }

    /** One half: its role, its claim, its probe, its password, its peer, its node. */
    private static void assertHalf(V1StatefulSet half, String role, V1StatefulSet peer) throws Exception {
        String name = half.getMetadata().getName();
        assertEquals(1, half.getSpec().getReplicas(), name);
        V1Container broker = HaManifests.brokerContainer(half);
        assertEquals(role, arg(broker, "--role"));
        assertEquals("$(POD_IP)", arg(broker, "--host"), "binds and announces the pod IP");
        assertEquals("status.podIP", envVar(broker, "POD_IP").getValueFrom().getFieldRef().getFieldPath());

        V1Service pairLink = service(client, half.getSpec().getServiceName());
        assertEquals("None", pairLink.getSpec().getClusterIP(), "the governing Service is headless");
        assertTrue(pairLink.getSpec().getPublishNotReadyAddresses(), "the halves find each other before ready");
        assertSelects(pairLink.getSpec().getSelector(), half.getSpec().getTemplate());
        assertEquals(peer.getMetadata().getName() + "-0." + peer.getSpec().getServiceName() + "." + NAMESPACE + ".svc",
                arg(broker, "--peer-host"), "the peer's stable pod name");
        assertEquals(arg(HaManifests.brokerContainer(peer), "--port"), arg(broker, "--peer-port"));

        V1PersistentVolumeClaim claim = half.getSpec().getVolumeClaimTemplates().get(0);
        assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes());
        assertNotNull(claim.getSpec().getResources().getRequests().get("storage"), name + " asks for storage");
        V1VolumeMount journal = broker.getVolumeMounts().stream()
                .filter(m -> m.getName().equals(claim.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError(name + " does not mount its claim"));
        assertEquals(journal.getMountPath(), arg(broker, "--data-dir"), "the journal is on the claim");
        assertEquals(List.of("test", "-s", arg(broker, "--ready-file")),
                broker.getReadinessProbe().getExec().getCommand(), "ready when the ready file is written");

        var password = envVar(broker, "KUBEEDGEJ_BROKER_CLUSTER_PASSWORD").getValueFrom().getSecretKeyRef();
        assertEquals("broker-cluster", password.getName());
        assertEquals("password", password.getKey());
        assertFalse(Boolean.TRUE.equals(password.getOptional()), "no pair without its own password");
        assertApartOnNodes(half.getSpec().getTemplate(), List.of(half.getSpec().getTemplate(),
                peer.getSpec().getTemplate()));
    }

    private static V1EnvVar envVar(V1Container container, String name) {
        return container.getEnv().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no variable " + name));
    }

    private static JsonObject readiness(LibertyServer replica, String check) throws Exception {
        return Http.check(Http.json(Http.get(replica.url("/health/ready")).body()), check).getJsonObject("data");
    }

    /** Both replicas name the same holder, that holder is the one that says it leads, and the Lease agrees. */
    private static void assertExactlyOneLeads(LibertyServer a, LibertyServer b) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject dataA = readiness(a, "controller-leader");
        JsonObject dataB = readiness(b, "controller-leader");
        while (!agreed(dataA, dataB) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(250));
            dataA = readiness(a, "controller-leader");
            dataB = readiness(b, "controller-leader");
        }
        assertTrue(agreed(dataA, dataB), "exactly one replica leads and both name it: " + dataA + " / " + dataB);
        JsonObject leader = dataA.getBoolean("leader") ? dataA : dataB;
        assertEquals(leader.getString("replica"), leader.getString("holder"));
        assertEquals(leader.getString("holder"), new CoordinationV1Api(client)
                .readNamespacedLease("cloudcore-controllers", NAMESPACE).execute().getSpec().getHolderIdentity());
    }

    private static boolean agreed(JsonObject a, JsonObject b) {
        String holder = a.getString("holder", "");
        return !holder.isEmpty() && holder.equals(b.getString("holder", ""))
                && a.getBoolean("leader") != b.getBoolean("leader");
    }
}
