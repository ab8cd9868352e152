package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves a chunked HTTP watch ({@code ?watch=true}, what client-java and kubectl use) by opening a WebSocket watch on
 * the mock (the only kind it serves) and streaming each event as one JSON line. It drops the replay of objects the
 * client already has (resourceVersion not newer than the one asked for), applies field selectors, and turns objects
 * into one-row Tables for {@code kubectl get -w}.
 */
final class WatchBridge {
    private static final Logger LOG = Logger.getLogger(WatchBridge.class.getName());
    /** Marks the end of the stream in an event queue. */
    private static final String END = "\u0000end";

    private final Backend backend;
    private final Set<BlockingQueue<String>> open = ConcurrentHashMap.newKeySet();

    WatchBridge(Backend backend) {
        this.backend = backend;
    }

    void watch(HttpExchange exchange, ResourceTarget target, Map<String, String> query) throws IOException {
        FieldSelector selector = FieldSelector.parse(query.get("fieldSelector"));
        long since = parseVersion(query.get("resourceVersion"));
        String timeout = query.get("timeoutSeconds");
        long deadline = timeout == null || timeout.isBlank() ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(timeout));
        boolean table = Exchanges.wantsTable(exchange);
        String labels = query.get("labelSelector");
        String stored = target.stored().path() + "?watch=true"
                + (labels == null || labels.isBlank() ? "" : "&labelSelector=" + Exchanges.encode(labels));

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        WebSocket socket;
        try {
            socket = backend.watch(stored, new Collector(events)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Exchanges.sendStatus(exchange, StatusResponses.failure(500, "InternalError",
                    "cannot open the watch on the in-memory store: " + e));
            return;
        }
        open.add(events);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Transfer-Encoding", "chunked");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.flush();
            while (true) {
                long left = deadline == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(3600) : deadline - System.nanoTime();
                String message = left <= 0 ? END : events.poll(left, TimeUnit.NANOSECONDS);
                if (message == null) {
                    if (deadline != Long.MAX_VALUE) {
                        break;
                    }
                    continue;
                }
                if (message == END) {
                    break;
                }
                JsonNode event = target.served(Json.parse(message));
                if (!wanted(event, since, selector)) {
                    continue;
                }
                GracefulDeletion.hide(event);
                if (table && !"ERROR".equals(event.path("type").asString())) {
                    ((ObjectNode) event).set("object", TableConverter.toTable(target.path().resource(),
                            event.path("object")));
                }
                out.write(Json.bytes(event));
                out.write('\n');
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            LOG.log(Level.FINE, "watch client went away", clientGone);
        } finally {
            open.remove(events);
            socket.abort();
        }
    }

    /** Ends every open watch, as a real server does when it stops. */
    void closeAll() {
        open.forEach(queue -> queue.add(END));
    }

    private static boolean wanted(JsonNode event, long since, FieldSelector selector) {
        JsonNode object = event.path("object");
        if ("ADDED".equals(event.path("type").asString())
                && parseVersion(Json.text(object, "metadata.resourceVersion")) <= since) {
            return false;
        }
        return selector.matchesEverything() || "ERROR".equals(event.path("type").asString())
                || selector.matches(object);
    }

    private static long parseVersion(String version) {
        try {
            return version == null || version.isEmpty() ? 0 : Long.parseLong(version);
        } catch (NumberFormatException notNumeric) {
            return 0;
        }
    }

    /** Joins WebSocket fragments into whole messages and queues them. */
    private static final class Collector implements WebSocket.Listener {
        private final BlockingQueue<String> events;
        private final StringBuilder partial = new StringBuilder();

        Collector(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                events.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            return onText(webSocket, new String(bytes, StandardCharsets.UTF_8), last);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(END);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(END);
        }
    }
}
