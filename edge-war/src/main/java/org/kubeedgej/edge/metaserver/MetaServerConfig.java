package org.kubeedgej.edge.metaserver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * MetaServer's settings, named as in KubeEdge's edgecore.yaml ({@code modules.metaManager.metaServer.enable} and
 * {@code server}). Differences, on purpose: KubeEdge's metaServer is off by default, ours is on (edge apps need it
 * to work offline and it only listens on loopback); the watch limits are ours, because every open watch holds a
 * thread on a small edge machine.
 */
@ApplicationScoped
public class MetaServerConfig {

    private static final String PREFIX = "modules.metaManager.metaServer.";

    @Inject
    @ConfigProperty(name = PREFIX + "enable", defaultValue = "true")
    boolean enabled;

    /** host:port; the host must be a loopback address (edge apps on this node only). */
    @Inject
    @ConfigProperty(name = PREFIX + "server", defaultValue = "127.0.0.1:10550")
    String server;

    /** Watches open at once; one more is refused with 429 until one ends. */
    @Inject
    @ConfigProperty(name = PREFIX + "maxWatches", defaultValue = "32")
    int maxWatches;

    /**
     * The longest a watch runs before MetaServer ends it (the client's timeoutSeconds when shorter). Kubernetes
     * clients then watch again from their last resourceVersion; it also bounds how long a client that vanished from
     * an idle watch keeps its slot.
     */
    @Inject
    @ConfigProperty(name = PREFIX + "watchTimeoutSeconds", defaultValue = "600")
    int watchTimeoutSeconds;

    /** How often an idle watch that allows bookmarks gets one (which also notices clients that went away). */
    @Inject
    @ConfigProperty(name = PREFIX + "bookmarkSeconds", defaultValue = "30")
    int bookmarkSeconds;

    /** Changes kept per resource so a watch can resume from an older resourceVersion (else 410 Expired). */
    @Inject
    @ConfigProperty(name = PREFIX + "watchCacheSize", defaultValue = "100")
    int watchCacheSize;

    /** Changes a slow watcher may lag behind before its watch is ended (it watches again and catches up). */
    @Inject
    @ConfigProperty(name = PREFIX + "watchQueueSize", defaultValue = "1000")
    int watchQueueSize;

    /**
     * Whether Secrets are served only to clients that send the token in {@link #tokenFile} (Authorization: Bearer).
     * MetaServer has no other authentication, and any local process reaches loopback.
     */
    @Inject
    @ConfigProperty(name = PREFIX + "requireTokenForSecrets", defaultValue = "true")
    boolean requireTokenForSecrets;

    /** Where the token is kept (made at first start, owner-only); relative paths are under the server's directory. */
    @Inject
    @ConfigProperty(name = PREFIX + "tokenFile", defaultValue = "metaserver.token")
    String tokenFile;

    public boolean enabled() {
        return enabled;
    }

    /**
     * @return the settings for {@link MetaServerHttpServer}
     * @throws IllegalArgumentException when a setting is invalid; the message names it (see {@link #problem()})
     */
    public MetaServerSettings settings() {
        ServerAddress address = ServerAddress.parse(server);
        Optional<MetaServerToken> token = Optional.empty();
        if (requireTokenForSecrets) {
            try {
                token = Optional.of(MetaServerToken.loadOrCreate(Path.of(tokenFile)));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(PREFIX + "tokenFile=" + tokenFile + " cannot be used (" + e
                        + "); make its directory writable, point it elsewhere, or set " + PREFIX
                        + "requireTokenForSecrets=false to serve Secrets to any local process", e);
            }
        }
        return new MetaServerSettings(address.host(), address.port(), maxWatches,
                Duration.ofSeconds(watchTimeoutSeconds), Duration.ofSeconds(bookmarkSeconds), watchCacheSize,
                watchQueueSize, token);
    }

    /** @return what is wrong with the settings, so that MetaServer can refuse to start with a clear reason */
    public Optional<String> problem() {
        try {
            ServerAddress.parse(server);
        } catch (IllegalArgumentException e) {
            return Optional.of(PREFIX + "server=" + server + ": " + e.getMessage());
        }
        if (maxWatches < 1 || watchTimeoutSeconds < 1 || bookmarkSeconds < 1 || watchCacheSize < 1
                || watchQueueSize < 1) {
            return Optional.of(PREFIX + "maxWatches, watchTimeoutSeconds, bookmarkSeconds, watchCacheSize and"
                    + " watchQueueSize must be at least 1");
        }
        return Optional.empty();
    }

    /** KubeEdge's {@code server} value, host:port. */
    record ServerAddress(String host, int port) {

        static ServerAddress parse(String text) {
            int colon = text == null ? -1 : text.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected host:port, e.g. 127.0.0.1:10550");
            }
            String host = text.substring(0, colon).strip();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the port is not a number");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("the port is not a TCP port (0-65535)");
            }
            if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("::1")) {
                throw new IllegalArgumentException("MetaServer listens on loopback only (127.0.0.1, ::1 or"
                        + " localhost): it has no authentication");
            }
            return new ServerAddress(host, port);
        }
    }
}
