package org.kubeedgej.edge.servicebus;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls a service on this node for the cloud: resource {@code <port>:<path>} becomes
 * {@code http://127.0.0.1:<port><path>}, as KubeEdge's {@code processMessage}. Only loopback is ever called: the host
 * is fixed, redirects are not followed and no proxy is used. Every outcome is a {@link ServiceBusMessages.Response}:
 * the service's own (any status passes through), or ServiceBus's error with 400 (bad resource or request),
 * 502 (nothing listens, or the call failed), 504 (no complete answer in time) or 413 (answer too large).
 */
public final class LocalServiceCaller {

    /** {@code <port>:<path>}; the path starts with '/'. */
    static final Pattern RESOURCE = Pattern.compile("(\\d{1,5}):(/.*)", Pattern.DOTALL);

    /** Headers the JDK client sets itself and refuses from callers; they would only describe the cloud's hop. */
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade");

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBodyBytes;

    /**
     * @param timeout how long a call may take, from connecting to the last byte of the answer
     * @param maxBodyBytes the largest answer body passed on; larger ones become a 413 error
     */
    public LocalServiceCaller(Duration timeout, int maxBodyBytes) {
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(timeout).build();
    }

    /**
     * @param resource a ServiceBus resource, e.g. {@code 8080:/api/v1/temp}
     * @return the loopback URI it names, empty if the resource is not {@code <port>:<path>} with a valid port
     */
    static Optional<URI> targetOf(String resource) {
        Matcher m = RESOURCE.matcher(resource);
        if (!m.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(1));
        try {
            URI uri = new URI("http://127.0.0.1:" + port + m.group(2));
            return port >= 1 && port <= 65535 && "127.0.0.1".equals(uri.getHost()) && uri.getPort() == port
                    ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * @param resource the message's resource, {@code <port>:<path>}
     * @param request the request; its method must be set
     * @return the service's answer, or ServiceBus's error response
     */
    public ServiceBusMessages.Response call(String resource, ServiceBusMessages.Request request) {
        Optional<URI> target = targetOf(resource);
        if (target.isEmpty()) {
            return ServiceBusMessages.Response.error(400, "the format of resource " + resource
                    + " is incorrect; ServiceBus expects <port>:<path>, e.g. 8080:/api/v1/temp");
        }
        HttpRequest httpRequest;
        try {
            httpRequest = build(target.get(), request);
        } catch (IllegalArgumentException e) {
            return ServiceBusMessages.Response.error(400, "invalid HTTP request for " + target.get() + ": "
                    + e.getMessage());
        }
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(httpRequest,
                info -> new CappedBodySubscriber(maxBodyBytes));
        try {
            HttpResponse<byte[]> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ServiceBusMessages.Response(headersOf(response), response.statusCode(), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            return timedOut(target.get());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return ServiceBusMessages.Response.error(502, "error to call service " + target.get()
                    + ": EdgeCore is shutting down");
        } catch (ExecutionException e) {
            return failed(target.get(), e.getCause());
        }
    }

    private HttpRequest build(URI uri, ServiceBusMessages.Request request) {
        byte[] body = request.body();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).method(request.method(),
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        request.header().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    private static Map<String, List<String>> headersOf(HttpResponse<?> response) {
        Map<String, List<String>> header = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                header.put(name, values);
            }
        });
        return header;
    }

    private ServiceBusMessages.Response timedOut(URI target) {
        return ServiceBusMessages.Response.error(504, "error to call service " + target + ": no complete answer within "
                + timeout.toSeconds() + " s (modules.serviceBus.timeoutSeconds)");
    }

    private ServiceBusMessages.Response failed(URI target, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CappedBodySubscriber.TooLargeException) {
                return ServiceBusMessages.Response.error(413, "error to receive response from " + target
                        + ": response body too large, more than " + maxBodyBytes
                        + " bytes (modules.serviceBus.maxBodyBytes)");
            }
            if (t instanceof HttpTimeoutException) {
                return timedOut(target);
            }
            if (t instanceof ConnectException) {
                return ServiceBusMessages.Response.error(502, "error to call service " + target
                        + ": connection refused, nothing listens on 127.0.0.1:" + target.getPort());
            }
        }
        String reason = cause instanceof IOException || cause == null ? String.valueOf(cause)
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return ServiceBusMessages.Response.error(502, "error to call service " + target + ": " + reason);
    }
}
