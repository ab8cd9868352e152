package it.org.kubeedgej.deploy;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import it.org.kubeedgej.ha.StandaloneBrokerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One half of deploy/ha's broker pair run as its StatefulSet's pod would run it: the container's arguments with
 * {@code $(VAR)} expanded from its environment as the kubelet does, the pair's password read from the Secret the
 * container names, JAVA_TOOL_OPTIONS as given. What the cluster provides comes from the test: the pod IP (a loopback
 * address of the pod's own), names and ports through {@link LoopbackResolver}, and a directory for each volume.
 */
final class DeployedBroker {

    private static final Pattern VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private DeployedBroker() {
        throw new AssertionError();
    }

    /**
     * @param set the applied StatefulSet (one replica)
     * @param client the API server, for the Secrets the container reads
     * @param dns the cluster's names and ports in the test
     * @param work where the pod's volumes go
     * @return the started broker
     * @throws IOException when it cannot be started
     * @throws ApiException when a Secret cannot be read
     */
    static StandaloneBrokerProcess start(V1StatefulSet set, ApiClient client, LoopbackResolver dns, Path work)
            throws IOException, ApiException {
        String pod = set.getMetadata().getName() + "-0";
        V1Container container = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = env(container, client, set.getMetadata().getNamespace(), dns.podIp(pod));
        Path podDir = Files.createDirectories(work.resolve(pod));
        List<String> args = new ArrayList<>();
        String role = "?";
        Path readyFile = null;
        for (String arg : container.getArgs()) {
            int eq = arg.indexOf('=');
            String key = arg.substring(0, eq);
            String value = expand(arg.substring(eq + 1), env);
            switch (key) {
                case "--role" -> role = value;
                case "--peer-host" -> value = dns.host(value);
                case "--port", "--peer-port" -> value = dns.port(value);
                case "--data-dir" -> value = volumePath(container, value, podDir).toString();
                case "--ready-file" -> {
                    readyFile = volumePath(container, value, podDir);
                    value = readyFile.toString();
                }
                default -> {
                    // --host: $(POD_IP), expanded above
                }
            }
            args.add(key + "=" + value);
        }
        if (readyFile == null) {
            throw new AssertionError(pod + " names no --ready-file, which its readiness probe needs");
        }
        return StandaloneBrokerProcess.run(role, List.of(), args, env, readyFile, podDir.resolve("broker.log"));
    }

    /** The container's environment as the kubelet gives it: values, the pod IP, Secret keys. */
    private static Map<String, String> env(V1Container container, ApiClient client, String namespace, String podIp)
            throws ApiException {
        Map<String, String> env = new TreeMap<>();
        for (V1EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), expand(var.getValue(), env));
            } else if (var.getValueFrom().getFieldRef() != null) {
                if (!"status.podIP".equals(var.getValueFrom().getFieldRef().getFieldPath())) {
                    throw new AssertionError("the test gives a pod its IP only, not " + var.getValueFrom());
                }
                env.put(var.getName(), podIp);
            } else {
                var ref = var.getValueFrom().getSecretKeyRef();
                byte[] value = new CoreV1Api(client).readNamespacedSecret(ref.getName(), namespace).execute().getData()
                        .get(ref.getKey());
                if (value == null) {
                    throw new AssertionError("Secret " + ref.getName() + " has no key " + ref.getKey());
                }
                env.put(var.getName(), new String(value, StandardCharsets.UTF_8));
            }
        }
        return env;
    }

    /** $(VAR) of an earlier variable becomes its value; an unknown one stays as written, as the kubelet leaves it. */
    private static String expand(String value, Map<String, String> env) {
        Matcher m = VAR.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    /** A path in the container, under one of its volume mounts, as a path in the test's directory for that volume. */
    private static Path volumePath(V1Container container, String path, Path podDir) throws IOException {
        for (V1VolumeMount mount : container.getVolumeMounts()) {
            String prefix = mount.getMountPath();
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                Path volume = Files.createDirectories(podDir.resolve(mount.getName()));
                return path.equals(prefix) ? volume : volume.resolve(path.substring(prefix.length() + 1));
            }
        }
        throw new AssertionError(path + " is on no volume of container " + container.getName()
                + ": what the broker writes there is lost with the container");
    }
}
