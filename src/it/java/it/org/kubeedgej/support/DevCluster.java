package it.org.kubeedgej.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kubeedgej.devapiserver.DevApiServer;

/**
 * The development API server for a test class, in the test JVM, with a kubeconfig file the servers under test
 * read. It can be stopped and restarted on the same port to play an API server that goes away.
 */
public final class DevCluster implements AutoCloseable {

    private final Path kubeconfig;
    private final int port;
    private DevApiServer server;

    private DevCluster(DevApiServer server, Path kubeconfig) {
        this.server = server;
        this.port = server.port();
        this.kubeconfig = kubeconfig;
    }

    /** @return a running development API server on a free port, and its kubeconfig */
    public static DevCluster start() {
        DevApiServer server = DevApiServer.start(0);
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("it.work.dir")));
            Path kubeconfig = Files.createTempFile(dir, "kubeconfig-", ".yaml");
            server.writeKubeconfig(kubeconfig);
            return new DevCluster(server, kubeconfig);
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        }
    }

    /** @return the kubeconfig file pointing at this server */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** @return the server's base URL */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the server; clients now get connection refused. */
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts an empty server again on the same port. */
    public void restart() {
        stop();
        server = DevApiServer.start(port);
    }

    @Override
    public void close() {
        stop();
    }
}
