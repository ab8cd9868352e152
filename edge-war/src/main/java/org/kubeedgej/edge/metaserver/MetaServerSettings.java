package org.kubeedgej.edge.metaserver;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link MetaServerHttpServer} needs, without CDI (tests build it directly; {@link MetaServerConfig} builds it
 * from MicroProfile Config).
 *
 * @param host a loopback host name or address
 * @param port the port, 0 for any free one
 * @param maxWatches watches open at once
 * @param watchTimeout the longest a watch runs
 * @param bookmarkInterval how often an idle watch that allows bookmarks gets one
 * @param watchCacheSize changes kept per resource for watches that resume from a resourceVersion
 * @param watchQueueSize changes a watcher may lag behind before its watch is ended
 * @param secretsToken the token a client must send before it gets Secrets; empty: Secrets served to any local client
 */
public record MetaServerSettings(String host, int port, int maxWatches, Duration watchTimeout,
        Duration bookmarkInterval, int watchCacheSize, int watchQueueSize, Optional<MetaServerToken> secretsToken) {

    public MetaServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(secretsToken, "secretsToken");
        Objects.requireNonNull(watchTimeout, "watchTimeout");
        Objects.requireNonNull(bookmarkInterval, "bookmarkInterval");
        if (maxWatches < 1 || watchCacheSize < 1 || watchQueueSize < 1) {
            throw new IllegalArgumentException("maxWatches, watchCacheSize and watchQueueSize must be at least 1");
        }
    }
}
