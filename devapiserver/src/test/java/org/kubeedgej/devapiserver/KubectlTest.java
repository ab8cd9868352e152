package org.kubeedgej.devapiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against the server, with its default (strict) validation. kubectl must be on PATH: CI installs it,
 * so a missing kubectl fails the test instead of skipping it.
 */
class KubectlTest {
    private static DevApiServer server;
    private static String kubectl;

    @TempDir
    static Path home;

    @BeforeAll
    static void start() throws IOException {
        kubectl = findKubectl();
        server = DevApiServer.start(0);
        Files.writeString(home.resolve("kubeconfig"), DevApiServerMain.kubeconfig(server.url()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void kubectlFlows() throws Exception {
        assertTrue(run("create", "-f", fixture("crd.yaml")).contains("devices.devices.kubeedge.io created"));
        assertTrue(run("create", "-f", fixture("device.yaml")).contains("thermometer-1 created"));
        assertTrue(run("get", "devices").contains("thermometer-1"));
        devicesOfBothVersions();

        assertTrue(run("create", "-f", fixture("node.json")).contains("node/edge-node-1 created"));
        String nodes = run("get", "nodes");
        assertTrue(nodes.contains("ROLES"), nodes);
        assertTrue(nodes.matches("(?s).*edge-node-1\\s+Ready\\s+agent,edge\\s+\\S+\\s+v1\\.32\\.0-kubeedge-j.*"), nodes);

        assertTrue(run("apply", "-f", fixture("pod.yaml")).contains("pod/web created"));
        assertTrue(run("apply", "-f", fixture("pod-changed.yaml")).contains("pod/web configured"));
        assertEquals("second front", run("get", "pod", "web", "-o",
                "jsonpath={.spec.containers[0].env[0].value} {.metadata.labels.tier}").trim());
        String pods = run("get", "pods");
        assertTrue(pods.matches("(?s)NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+web\\s+0/1\\s+Pending\\s+0\\s+.*"), pods);

        watchSeesAnEvent();

        assertTrue(run("delete", "pod", "web").contains("pod \"web\" deleted"));
        assertTrue(run("get", "pods", "-o", "name").isBlank());
        assertTrue(run("delete", "-f", fixture("device.yaml")).contains("deleted"));
        assertTrue(run("delete", "-f", fixture("device-v1alpha1.yaml")).contains("deleted"));
    }

    /** kubectl 1.32 creates built-in kinds with protobuf bodies (Content-Type application/vnd.kubernetes.protobuf). */
    @Test
    void kubectlCreateSendsProtobuf() throws Exception {
        assertEquals("namespace/kubeedge created", run("create", "namespace", "kubeedge").trim());
        assertEquals("kubeedge", run("get", "namespace", "kubeedge", "-o", "jsonpath={.metadata.name}").trim());
        assertTrue(run("create", "configmap", "settings", "-n", "kubeedge", "--from-literal=mode=edge")
                .contains("configmap/settings created"));
        assertTrue(run("create", "secret", "generic", "tokensecret", "-n", "kubeedge", "--from-literal=token=abc")
                .contains("secret/tokensecret created"));
        assertEquals("edge YWJj", run("get", "configmap", "settings", "-n", "kubeedge", "-o",
                "jsonpath={.data.mode}").trim() + " " + run("get", "secret", "tokensecret", "-n", "kubeedge", "-o",
                "jsonpath={.data.token}").trim());
        assertTrue(run("delete", "namespace", "kubeedge").contains("namespace \"kubeedge\" deleted"));
    }

    @Test
    void kubeletSubresourcesAreAClearErrorAndUnknownOnesNotFoundNeverAListing() throws Exception {
        run("run", "logs-pod", "--image=busybox", "--restart=Never");
        run("create", "secret", "generic", "not-to-leak", "--from-literal=password=s3cret");
        String logs = failing("logs", "logs-pod");
        assertTrue(logs.contains("pods/log is proxied to the node's kubelet"), logs);
        assertTrue(!logs.contains("not-to-leak") && !logs.contains("s3cret"), "never a listing: " + logs);
        String exec = failing("exec", "logs-pod", "--", "echo", "hi");
        assertTrue(exec.contains("pods/exec is proxied"), exec);
        String unknown = failing("get", "--raw", "/api/v1/namespaces/default/pods/logs-pod/nonsense");
        assertTrue(unknown.contains("NotFound") || unknown.contains("not found"), unknown);
        assertTrue(!unknown.contains("not-to-leak"), unknown);
    }

    /** Runs kubectl expecting it to fail; returns what it printed. */
    private static String failing(String... args) throws IOException, InterruptedException {
        Process process = command(args).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("kubectl " + String.join(" ", args) + " did not finish");
        }
        assertTrue(process.exitValue() != 0, "kubectl " + String.join(" ", args) + " should have failed");
        return new String(output, StandardCharsets.UTF_8);
    }

    /**
     * One store for both versions of the Device CRD: kubectl reads devices in the preferred version (v1beta1), so it
     * lists one written as v1alpha1 too, and either version lists both.
     */
    private void devicesOfBothVersions() throws Exception {
        assertTrue(run("create", "-f", fixture("device-v1alpha1.yaml")).contains("thermometer-old created"));
        String devices = run("get", "devices");
        assertTrue(devices.contains("thermometer-1") && devices.contains("thermometer-old"), devices);
        String items = "jsonpath={range .items[*]}{.metadata.name} {.apiVersion};{end}";
        assertEquals("thermometer-1 devices.kubeedge.io/v1beta1;thermometer-old devices.kubeedge.io/v1beta1;",
                run("get", "devices", "-o", items).trim());
        assertEquals("thermometer-1 devices.kubeedge.io/v1alpha1;thermometer-old devices.kubeedge.io/v1alpha1;",
                run("get", "devices.v1alpha1.devices.kubeedge.io", "-o", items).trim());
        assertEquals("20", run("get", "device", "thermometer-old", "-o",
                "jsonpath={.status.twins[0].desired.value}").trim(), "v1alpha1 writes status (no subresource)");
    }

    /** {@code kubectl get pods -w} prints the pod, then a line per change; it never ends by itself. */
    private void watchSeesAnEvent() throws Exception {
        Process watch = command("get", "pods", "-w").start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch listed = new CountDownLatch(1);
        CountDownLatch changed = new CountDownLatch(2);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    if (line.startsWith("web ")) {
                        listed.countDown();
                        changed.countDown();
                    }
                }
            } catch (IOException ended) {
                // the process was destroyed
            }
        });
        reader.start();
        try {
            assertTrue(listed.await(30, TimeUnit.SECONDS), "kubectl get pods -w printed " + lines);
            run("label", "pod", "web", "watched=yes");
            assertTrue(changed.await(30, TimeUnit.SECONDS), "no watch event in " + lines);
        } finally {
            ProcessHandle.of(watch.pid()).ifPresent(ProcessHandle::destroy);
            assertTrue(watch.waitFor(10, TimeUnit.SECONDS), "kubectl get -w did not stop");
            reader.join(10_000);
        }
        assertTrue(lines.get(0).startsWith("NAME"), lines.toString());
    }

    private static String run(String... args) throws IOException, InterruptedException {
        Process process = command(args).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("kubectl " + String.join(" ", args) + " did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "kubectl " + String.join(" ", args) + " failed:\n" + text);
        return text;
    }

    private static ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(kubectl));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("KUBECONFIG", home.resolve("kubeconfig").toString());
        // A private HOME keeps kubectl's discovery cache from other runs out of the way.
        builder.environment().put("HOME", home.toString());
        return builder;
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(KubectlTest.class.getResource("/" + name).toURI()).toString();
    }

    private static String findKubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("kubectl is not on PATH (" + System.getenv("PATH") + "); install kubectl 1.32 to run these tests");
    }
}
