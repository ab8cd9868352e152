package org.kubeedgej.devapiserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the development API server as a process:
 * {@code java -jar devapiserver.jar [--port 6443] [--kubeconfig FILE] [--ready-file FILE]
 * [--kubelet-client-p12 FILE]} (the store's password in KUBEEDGEJ_STORE_PASSWORD, default kubeedge-j). Stops on SIGTERM.
 */
public final class DevApiServerMain {
    private DevApiServerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 6443;
        Path kubeconfig = null;
        Path readyFile = null;
        Path kubeletClient = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--kubeconfig" -> kubeconfig = Path.of(required(args[i], value));
                case "--ready-file" -> readyFile = Path.of(required(args[i], value));
                case "--kubelet-client-p12" -> kubeletClient = Path.of(required(args[i], value));
                default -> {
                    System.err.println("usage: DevApiServerMain [--port P] [--kubeconfig FILE] [--ready-file FILE]"
                            + " [--kubelet-client-p12 FILE]");
                    System.exit(2);
                }
            }
            i++;
        }
        DevApiServer server = DevApiServer.start(port, kubeletClient);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            // JUL resets itself in its own shutdown hook, so the stop is reported on stdout as well.
            System.out.println("development API server stopped");
            System.out.flush();
            stopped.countDown();
        }, "devapiserver-shutdown"));
        if (kubeconfig != null) {
            write(kubeconfig, kubeconfig(server.url()));
        }
        if (readyFile != null) {
            // Written last and whole (rename), so a watcher never reads a half-written URL.
            write(readyFile, server.url() + "\n");
        }
        System.out.println("development API server ready at " + server.url());
        System.out.flush();
        stopped.await();
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    static String kubeconfig(String url) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: kubeedge-j-dev
                  cluster:
                    server: %s
                users:
                - name: kubeedge-j-dev
                  user: {}
                contexts:
                - name: kubeedge-j-dev
                  context:
                    cluster: kubeedge-j-dev
                    user: kubeedge-j-dev
                    namespace: default
                current-context: kubeedge-j-dev
                preferences: {}
                """.formatted(url);
    }

    private static void write(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
