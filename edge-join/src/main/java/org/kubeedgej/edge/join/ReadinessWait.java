package org.kubeedgej.edge.join;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits until edgecore's {@code /health/ready} answers 200 (its database open and its node connected to CloudHub),
 * for the launcher on hosts without curl. {@code wait-ready --url URL [--pid PID] [--timeout SECONDS]}. Exit codes:
 * 0 ready, 3 the process exited, 4 not ready in time (the last answer is printed: MicroProfile Health names the check
 * that is down and why).
 */
final class ReadinessWait {

    private ReadinessWait() {
        throw new AssertionError();
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String url = null;
        long pid = -1;
        long timeoutSeconds = 180;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--pid" -> pid = Long.parseLong(args[i + 1]);
                case "--timeout" -> timeoutSeconds = Long.parseLong(args[i + 1]);
                default -> {
                    err.println("wait-ready: unknown flag " + args[i]);
                    return 2;
                }
            }
        }
        if (url == null) {
            err.println("usage: wait-ready --url URL [--pid PID] [--timeout SECONDS]");
            return 2;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (pid > 0 && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                err.println("edgecore (pid " + pid + ") exited; last answer from " + url + ": " + last);
                return 3;
            }
            Optional<HttpResponse<String>> answer = get(client, request);
            if (answer.isPresent()) {
                if (answer.get().statusCode() == 200) {
                    out.println(answer.get().body());
                    return 0;
                }
                last = "HTTP " + answer.get().statusCode() + " " + answer.get().body();
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 4;
            }
        }
        err.println("edgecore is not ready after " + timeoutSeconds + " s; last answer from " + url + ": " + last);
        return 4;
    }

    private static Optional<HttpResponse<String>> get(HttpClient client, HttpRequest request) {
        try {
            return Optional.of(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
