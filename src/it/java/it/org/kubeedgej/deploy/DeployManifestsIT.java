package it.org.kubeedgej.deploy;

import static it.org.kubeedgej.deploy.AppliedDeploy.NAME;
import static it.org.kubeedgej.deploy.AppliedDeploy.NAMESPACE;
import static it.org.kubeedgej.deploy.AppliedDeploy.cloudcoreYaml;
import static it.org.kubeedgej.deploy.AppliedDeploy.configMapName;
import static it.org.kubeedgej.deploy.AppliedDeploy.container;
import static it.org.kubeedgej.deploy.AppliedDeploy.containerPort;
import static it.org.kubeedgej.deploy.AppliedDeploy.deployment;
import static it.org.kubeedgej.deploy.AppliedDeploy.env;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/ as an operator uses it: {@code kubectl apply -k deploy/} against the development API server (after the
 * CRDs, as README says), then every object read back with the official client and checked for what makes CloudCore
 * work in a cluster: MicroProfile Health probes on the HTTP port, RBAC rules that are exactly the calls in
 * CloudCore's code, the Service's CloudHub and certificate ports, and a cloudcore.yaml CloudCore understands.
 * Last, the packaged CloudCore runs with the Deployment's settings and answers its probes (no container image is
 * built here: see deploy/README.md).
 */
class DeployManifestsIT {

    private static final long MIB = 1024 * 1024;
    private static final int CLOUDCORE_HTTP = 19840;

    /** deploy/base/clusterrole.yaml, as derived from the code (its comments say which class makes each call). */
    private static final Map<String, Set<String>> CLUSTER_ROLE = Map.ofEntries(
            entry("pods", Set.of("get", "list", "watch", "delete")),
            entry("pods/status", Set.of("update", "patch")),
            entry("nodes", Set.of("get", "list", "watch", "create", "update")),
            entry("nodes/status", Set.of("update", "patch")),
            entry("namespaces[kubeedge]", Set.of("get")),
            entry("configmaps", Set.of("list", "watch")),
            entry("secrets", Set.of("list", "watch")),
            entry("events", Set.of("create", "update", "patch")),
            entry("coordination.k8s.io/leases", Set.of("get", "create", "update")),
            entry("devices.kubeedge.io/devices", Set.of("get", "list", "watch")),
            entry("devices.kubeedge.io/devices/status", Set.of("update")),
            entry("devices.kubeedge.io/devicemodels", Set.of("list", "watch")),
            entry("reliablesyncs.kubeedge.io/objectsyncs", Set.of("get", "list", "watch", "create", "delete")),
            entry("reliablesyncs.kubeedge.io/clusterobjectsyncs", Set.of("get", "list", "watch", "create", "delete")),
            entry("reliablesyncs.kubeedge.io/objectsyncs/status", Set.of("patch")),
            entry("reliablesyncs.kubeedge.io/clusterobjectsyncs/status", Set.of("patch")));

    /** deploy/base/role.yaml: the certificate service's Secrets in namespace kubeedge. */
    private static final Map<String, Set<String>> ROLE = Map.of(
            "secrets[casecret,cloudcoresecret,tokensecret]", Set.of("get", "update"),
            "secrets", Set.of("create"));

    /** Granted for the certificate service whether or not its code is in this tree yet. */
    private static final Set<String> CERTIFICATE_SERVICE = Set.of("secrets:get", "secrets:create", "secrets:update",
            "namespaces:get");

    /** Calls in the code the manifests leave out on purpose, and why. */
    private static final Map<String, String> NOT_GRANTED = Map.of("namespaces:create",
            "CaSecrets creates namespace kubeedge only when it is missing; deploy/base/namespace.yaml makes it first");

    private static DevCluster cluster;
    private static ApiClient client;
    private static boolean rbacStandIn;

    @BeforeAll
    static void applyDeploy() throws Exception {
        cluster = DevCluster.start().installProjectCrds();
        client = cluster.client();
        rbacStandIn = RbacStandIn.serveIfMissing(client);
        String out = kubectl(cluster, "apply", "-k", root().resolve("deploy").toString());
        assertTrue(out.contains("deployment.apps/cloudcore created"), out);
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(cluster);
    }

    @Test
    void probesAreMicroProfileHealthOnTheHttpPort() throws Exception {
        V1Deployment deployment = deployment(client);
        assertEquals(1, deployment.getSpec().getReplicas());
        assertEquals(NAME, deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
        V1Container container = container(deployment);
        assertProbe(container, container.getStartupProbe(), "/health/started");
        assertProbe(container, container.getLivenessProbe(), "/health/live");
        assertProbe(container, container.getReadinessProbe(), "/health/ready");
        assertEquals(Set.of(10000, 10002, 10003, 10004, 9080), container.getPorts().stream()
                .map(p -> p.getContainerPort()).collect(Collectors.toSet()));
        Map<String, String> env = env(container);
        assertEquals("9080", env.get("CLOUDCORE_HTTP_PORT"));
        assertEquals("0.0.0.0", env.get("CLOUDHUB_HOST"), "CloudHub must listen on the pod IP");
        assertEquals("0.0.0.0", env.get("CLOUDCORE_HOST"), "the kubelet probes the pod IP");
    }

    @Test
    void heapFitsTheMemoryLimit() throws Exception {
        V1Container container = container(deployment(client));
        long limit = container.getResources().getLimits().get("memory").getNumber().longValue();
        long request = container.getResources().getRequests().get("memory").getNumber().longValue();
        assertNotNull(container.getResources().getRequests().get("cpu"));
        assertNotNull(container.getResources().getLimits().get("cpu"));
        Matcher xmx = Pattern.compile("-Xmx(\\d+)([mMgG])").matcher(env(container).get("JVM_ARGS"));
        assertTrue(xmx.find(), "JVM_ARGS sets the heap");
        long heap = Long.parseLong(xmx.group(1)) * (xmx.group(2).equalsIgnoreCase("g") ? 1024 : 1) * MIB;
        // Idle CloudCore is about 700 MiB RSS (docs/benchmarks.md); metaspace, code, threads and direct buffers need
        // at least 512 MiB besides the heap.
        assertTrue(request >= 768 * MIB, "request " + request);
        assertTrue(heap + 512 * MIB <= limit, "heap " + heap + " leaves too little of the limit " + limit);
    }

    @Test
    void rolesGrantExactlyWhatTheCodeUses() throws Exception {
        RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(client);
        Map<String, Set<String>> clusterRole = RbacRules.table(rbac.readClusterRole(NAME).execute().getRules());
        Map<String, Set<String>> role = RbacRules.table(rbac.readNamespacedRole(NAME, NAMESPACE).execute().getRules());
        assertEquals(new TreeMap<>(CLUSTER_ROLE), clusterRole);
        assertEquals(new TreeMap<>(ROLE), role);
        assertEquals(NAME, rbac.readClusterRoleBinding(NAME).execute().getRoleRef().getName());
        assertEquals("ServiceAccount/kubeedge/cloudcore", subject(rbac.readClusterRoleBinding(NAME).execute()
                .getSubjects().get(0)));
        assertEquals("ServiceAccount/kubeedge/cloudcore", subject(rbac.readNamespacedRoleBinding(NAME, NAMESPACE)
                .execute().getSubjects().get(0)));

        Map<String, TreeSet<String>> used = CloudCoreApiCalls.scan(root());
        Set<String> granted = new TreeSet<>(RbacRules.pairs(clusterRole));
        granted.addAll(RbacRules.pairs(role));
        Map<String, TreeSet<String>> missing = new TreeMap<>(used);
        missing.keySet().removeAll(granted);
        missing.keySet().removeAll(NOT_GRANTED.keySet());
        assertTrue(missing.isEmpty(), "the code makes calls deploy/ does not grant (resource:verb -> classes): "
                + missing);
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(used.keySet());
        unused.removeAll(CERTIFICATE_SERVICE);
        assertTrue(unused.isEmpty(), "deploy/ grants what the code no longer uses: " + unused);
    }

    @Test
    void serviceExposesCloudHubAndTheCertificateService() throws Exception {
        V1Service service = new CoreV1Api(client).readNamespacedService(NAME, NAMESPACE).execute();
        V1Deployment deployment = deployment(client);
        assertEquals("ClusterIP", service.getSpec().getType());
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
        Map<Integer, Integer> ports = new TreeMap<>();
        for (V1ServicePort port : service.getSpec().getPorts()) {
            ports.put(port.getPort(), containerPort(container(deployment), port.getTargetPort().toString()));
        }
        assertEquals(Map.of(10000, 10000, 10002, 10002, 10003, 10003, 10004, 10004), ports);
    }

    @Test
    void configMapHoldsACloudcoreYamlCloudCoreReads() throws Exception {
        V1Deployment deployment = deployment(client);
        assertTrue(configMapName(deployment).startsWith(NAME + "-"), "kustomize names the ConfigMap by its content");
        String yaml = cloudcoreYaml(client, deployment);
        Map<String, Object> document = new org.yaml.snakeyaml.Yaml().load(yaml);
        assertEquals("CloudCore", document.get("kind"));
        assertEquals("cloudcore.config.kubeedge.io/v1alpha1", document.get("apiVersion"));
        Map<String, Object> cloudHub = map(map(document, "modules"), "cloudHub");
        assertTrue(cloudHub.get("nodeLimit") instanceof Integer, "modules.cloudHub.nodeLimit: " + cloudHub);
        assertTrue(cloudHub.get("keepaliveInterval") instanceof Integer, "keepaliveInterval: " + cloudHub);
        Set<String> unknown = new TreeSet<>(CloudCoreConfigKeys.flatten(document));
        unknown.removeAll(CloudCoreConfigKeys.read(root()));
        unknown.removeAll(Set.of("apiVersion", "kind"));
        assertTrue(unknown.isEmpty(), "deploy/base/cloudcore.yaml sets keys CloudCore does not read: " + unknown);
        V1Container container = container(deployment);
        V1VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getName().equals("config"))
                .findFirst().orElseThrow();
        assertEquals(mount.getMountPath() + "/cloudcore.yaml", env(container).get("KUBEEDGE_CONFIG"));
    }

    @Test
    void cloudcoreRunsWithTheseSettingsAndAnswersItsProbes() throws Exception {
        V1Deployment deployment = deployment(client);
        V1Container container = container(deployment);
        try (LibertyServer server = DeployedCloudCore.start(deployment, cloudcoreYaml(client, deployment), cluster,
                CLOUDCORE_HTTP, Map.of())) {
            for (V1Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
                    container.getReadinessProbe())) {
                DeployedCloudCore.awaitOk(server, probe.getHttpGet().getPath());
            }
            assertTrue(Files.readString(server.messagesLog()).contains("KubeEdge config file "
                    + DeployedCloudCore.configFile()), "CloudCore read the ConfigMap's cloudcore.yaml; see "
                    + server.messagesLog());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void assertProbe(V1Container container, V1Probe probe, String path) {
        assertNotNull(probe, path + " probe");
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(9080, containerPort(container, probe.getHttpGet().getPort().toString()));
    }

    private static String subject(RbacV1Subject subject) {
        return subject.getKind() + "/" + subject.getNamespace() + "/" + subject.getName();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertTrue(value instanceof Map, key + " is a mapping in cloudcore.yaml");
        return (Map<String, Object>) value;
    }

    static Path root() {
        return Path.of(System.getProperty("kubeedgej.root"));
    }

    static String kubectl(DevCluster cluster, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", cluster.kubeconfig().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "kubectl " + String.join(" ", args) + " failed"
                + (rbacStandIn ? " (RBAC kinds served by RbacStandIn)" : "") + ": " + out);
        return out;
    }
}
