package org.kubeedgej.edge.metaserver;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain HTTP watch client for tests: reads the stream's lines on a thread; {@link #next} waits for one. */
final class WatchLines implements AutoCloseable {

    /** Put on the queue when the server ended the stream. */
    static final String END = "<end of stream>";

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private WatchLines(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "watch-lines");
        reader.setDaemon(true);
        reader.start();
    }

    static WatchLines open(HttpClient client, URI uri) throws IOException, InterruptedException {
        return new WatchLines(client.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return response.statusCode();
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    /** @return the next event, or null if none came within the time */
    JsonObject next(Duration within) throws InterruptedException {
        String line = lines.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || END.equals(line)) {
            if (END.equals(line)) {
                lines.add(END);
            }
            return null;
        }
        return Json.createReader(new StringReader(line)).readObject();
    }

    /** @return the next event that is not a bookmark, or null */
    JsonObject nextChange(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event == null || !"BOOKMARK".equals(event.getString("type"))) {
                return event;
            }
        }
        return null;
    }

    /** @return whether the server ended the stream within the time */
    boolean ended(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (END.equals(line)) {
                lines.add(END);
                return true;
            }
        }
        return false;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // closed by the test
        }
        lines.add(END);
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
