package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import tools.jackson.databind.node.ObjectNode;

/**
 * The development API server's lifecycle: the fabric8 CRUD mock on a private loopback port, the JDK HttpServer that
 * serves the API on another, and the {@link UpgradeFront} on the requested one (it passes pods' exec and attach
 * upgrades to kubelets and everything else to the HttpServer). {@code DevApiServer server = DevApiServer.start(0); server.url(); server.close();}
 */
public final class DevApiServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DevApiServer.class.getName());
    /** Held so the level sticks: the mock logs every request at INFO, far too loud for a long-running server. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    private static final String[] INITIAL_NAMESPACES = {"default", "kube-system", "kube-public", "kube-node-lease"};

    private final KubernetesMockServer store;
    private final HttpServer api;
    private final UpgradeFront front;
    private final ExecutorService workers;
    private final WatchBridge watches;
    private final Thread drain;

    private DevApiServer(KubernetesMockServer store, HttpServer api, UpgradeFront front, ExecutorService workers,
            WatchBridge watches, Thread drain) {
        this.api = api;
        this.store = store;
        this.drain = drain;
        this.front = front;
        this.workers = workers;
        this.watches = watches;
    }

    /** Starts on 127.0.0.1 and the given port (0 = any free one); the server answers once this returns. */
    public static DevApiServer start(int port) {
        return start(port, null);
    }

    /**
     * @param kubeletClientStore a PKCS12 store with the API server's kubelet client certificate and the CA it trusts
     *     kubelets by (certs/certgen.sh apiserver-client), or null: then pods/log answers 502, as a kube-apiserver
     *     that cannot reach kubelets would
     */
    public static DevApiServer start(int port, java.nio.file.Path kubeletClientStore) {
        // Without TCP_NODELAY every small answer waits for the peer's delayed ACK (~40-55 ms per request).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        randomizeUids();
        KubernetesMockServer store = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        store.init(InetAddress.getLoopbackAddress(), 0);
        Thread drain = startDrain(store);
        ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "devapiserver-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Backend backend = new Backend(store.getPort());
            WatchBridge watches = new WatchBridge(backend);
            HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            KubeletClient kubelet = kubeletClientStore == null ? null : KubeletClient.fromStore(kubeletClientStore,
                    System.getenv().getOrDefault("KUBEEDGEJ_STORE_PASSWORD", "kubeedge-j").toCharArray());
            api.createContext("/", new ApiRouter(backend, watches, kubelet));
            api.setExecutor(workers);
            api.start();
            UpgradeFront front;
            try {
                front = new UpgradeFront(port, api.getAddress(), new PodStreamProxy(backend, kubelet, workers),
                        workers);
            } catch (IOException e) {
                api.stop(0);
                throw e;
            }
            DevApiServer server = new DevApiServer(store, api, front, workers, watches, drain);
            server.createNamespaces(backend);
            LOG.info(() -> "development API server (in memory, not for production) listening at " + server.url());
            return server;
        } catch (IOException e) {
            store.destroy();
            drain.interrupt();
            workers.shutdownNow();
            throw new UncheckedIOException("cannot start the development API server on port " + port, e);
        }
    }

    /**
     * kube-apiserver gives each new object a random UUID. The mock numbers them from 1 in each process
     * ({@code Utils.generateId}: a counter), so after a restart of this server a new pod would get the UID of an
     * earlier one, and an edge that outlived the restart (it remembers the UIDs it deleted) would take it for a
     * message sent again. The counter starts at a random point instead; UIDs stay unique across restarts.
     */
    private static void randomizeUids() {
        try {
            java.lang.reflect.Field counter = io.fabric8.kubernetes.client.utils.Utils.class
                    .getDeclaredField("leastSigBits");
            counter.setAccessible(true);
            java.util.concurrent.atomic.AtomicLong value = (java.util.concurrent.atomic.AtomicLong) counter.get(null);
            if (value.get() < (1L << 40)) {
                value.set(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40, 1L << 62));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot give the in-memory store random UIDs (fabric8 changed its"
                    + " Utils.generateId?): " + e, e);
        }
    }

    /**
     * The mock keeps every request it served in a queue for test assertions; nothing reads it here, so a daemon
     * thread empties it or a long-running server would grow without bound. It ends when the server does.
     */
    private static Thread startDrain(KubernetesMockServer store) {
        Thread drain = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    store.takeRequest();
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "devapiserver-request-drain");
        drain.setDaemon(true);
        drain.start();
        return drain;
    }

    /** A real cluster always has these; KubeEdge and kubectl assume "default" exists. */
    private void createNamespaces(Backend backend) throws IOException {
        for (String name : INITIAL_NAMESPACES) {
            ObjectNode namespace = Json.object();
            namespace.put("apiVersion", "v1");
            namespace.put("kind", "Namespace");
            namespace.putObject("metadata").put("name", name);
            namespace.putObject("status").put("phase", "Active");
            backend.post("/api/v1/namespaces", namespace);
        }
    }

    public int port() {
        return front.port();
    }

    /** The base URL, e.g. http://127.0.0.1:6443 (plain HTTP, no authentication). */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Writes a kubeconfig pointing at this server (context kubeedge-j-dev), for servers and tools under test.
     *
     * @param file where to write it
     * @throws java.io.IOException when the file cannot be written
     */
    public void writeKubeconfig(java.nio.file.Path file) throws java.io.IOException {
        java.nio.file.Files.writeString(file, DevApiServerMain.kubeconfig(url()));
    }

    /** Ends open watches, then stops the front and the store. */
    public void stop() {
        watches.closeAll();
        front.close();
        api.stop(0);
        workers.shutdownNow();
        store.destroy();
        drain.interrupt();
        LOG.info(() -> "development API server at " + url() + " stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
