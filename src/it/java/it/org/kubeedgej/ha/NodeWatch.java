package it.org.kubeedgej.ha;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Counts the writes to one Node as the API server's watch reports them (every accepted write is one MODIFIED event),
 * so a test can tell one write from two whatever they contain.
 */
final class NodeWatch implements AutoCloseable {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private NodeWatch(CompletableFuture<HttpResponse<Stream<String>>> response) {
        this.response = response;
    }

    static NodeWatch start(String apiServer, String node) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiServer + "/api/v1/nodes?watch=true"
                + "&fieldSelector=metadata.name%3D" + node)).GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        NodeWatch watch = new NodeWatch(response);
        response.thenAcceptAsync(r -> r.body().forEach(watch.events::add));
        // The watch lists what exists first (ADDED); wait for it so that later writes are the ones counted.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (watch.events.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return watch;
    }

    /** @return how many MODIFIED events came */
    long modified() {
        return events.stream().filter(e -> e.matches(".*\"type\"\\s*:\\s*\"MODIFIED\".*")).count();
    }

    /** @return the events' types and Ready statuses, for failure messages */
    List<String> events() {
        return events.stream().map(e -> e.length() > 300 ? e.substring(0, 300) + "..." : e).toList();
    }

    @Override
    public void close() {
        response.cancel(true);
    }
}
