package org.kubeedgej.edge.servicebus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;

/**
 * What the ServiceBus listener does with a local app's POST: read at most {@code maxBodyBytes} (413 past it), parse
 * the JSON (400 if it is not an object with a {@code targetURL}), check the URL against the allow-list (403), and
 * send the request up as an {@code upload} message to the cloud (202 {"status":"sent"}).
 *
 * <p>KubeEdge waits for the cloud router's answer ({@code SendSync}, {@code modules.serviceBus.timeout}) and returns it
 * as {"code","msg","body"}. KubeEdge-J has no cloud router yet, so nothing would answer: the app gets 202 as soon as
 * EdgeHub has the message (sent, or buffered while the cloud is unreachable), and no response body from the target.
 */
final class LocalUploadHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(LocalUploadHandler.class.getName());

    private final TargetUrlAllowList allowList;
    private final int maxBodyBytes;
    private final Consumer<Message> cloud;

    /**
     * @param allowList the URLs apps may send to
     * @param maxBodyBytes the largest request body accepted
     * @param cloud sends a message to the cloud (EdgeHub)
     */
    LocalUploadHandler(TargetUrlAllowList allowList, int maxBodyBytes, Consumer<Message> cloud) {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.maxBodyBytes = maxBodyBytes;
        this.cloud = Objects.requireNonNull(cloud, "cloud");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                reply(exchange, 405, error("ServiceBus takes POST with a JSON body {\"targetURL\": ...}"));
                return;
            }
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            if (declared != null && declared.strip().matches("\\d{1,19}") && Long.parseLong(declared.strip())
                    > maxBodyBytes) {
                reply(exchange, 413, tooLarge());
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(maxBodyBytes + 1);
            }
            if (body.length > maxBodyBytes) {
                reply(exchange, 413, tooLarge());
                return;
            }
            forward(exchange, body);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ServiceBus failed on a local request", e);
        } finally {
            exchange.close();
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        JsonObject request;
        try {
            request = ServiceBusMessages.readObject(body);
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, error("the request body must be a JSON object with \""
                    + ServiceBusMessages.JsonFields.TARGET_URL + "\": " + e.getMessage()));
            return;
        }
        if (!(request.get(ServiceBusMessages.JsonFields.TARGET_URL) instanceof JsonString target)
                || target.getString().isBlank()) {
            reply(exchange, 400, error("the request has no \"" + ServiceBusMessages.JsonFields.TARGET_URL
                    + "\" string"));
            return;
        }
        String url = target.getString().strip();
        if (!allowList.allows(url)) {
            reply(exchange, 403, error("target URL " + url + " is not on ServiceBus's allow-list"
                    + " (modules.serviceBus.targetURLs)"));
            return;
        }
        Message upload = Message.newRequest(Groups.SERVICEBUS, Groups.USER, Operations.UPLOAD, url, request);
        try {
            cloud.accept(upload);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ServiceBus could not hand an upload to EdgeHub", e);
            reply(exchange, 503, error("EdgeHub did not take the message: " + e.getMessage()));
            return;
        }
        LOG.fine(() -> "ServiceBus sent upload " + upload.header().id() + " for " + url);
        reply(exchange, 202, Json.createObjectBuilder()
                .add(ServiceBusMessages.JsonFields.STATUS, ServiceBusMessages.SENT).build());
    }

    private JsonObject tooLarge() {
        return error("the request body is larger than " + maxBodyBytes + " bytes (modules.serviceBus.maxBodyBytes)");
    }

    private static JsonObject error(String text) {
        return Json.createObjectBuilder().add(ServiceBusMessages.JsonFields.ERROR, text).build();
    }

    private static void reply(HttpExchange exchange, int status, JsonObject json) throws IOException {
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
