package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Small helpers over {@link HttpExchange}: reading queries, answering JSON or text. */
final class Exchanges {
    private Exchanges() {
    }

    /** Query parameters decoded (a selector arrives as {@code metadata.name%3Dx}); the last value wins. */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        queryValues(exchange.getRequestURI().getRawQuery())
                .forEach((key, values) -> params.put(key, values.get(values.size() - 1)));
        return params;
    }

    /** Every value of each parameter, in order ({@code command=sh&command=-c}). */
    static Map<String, java.util.List<String>> queryValues(String raw) {
        Map<String, java.util.List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.computeIfAbsent(decode(key), k -> new java.util.ArrayList<>()).add(decode(value));
        }
        return params;
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    static boolean wantsTable(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        return accept != null && accept.contains("as=Table");
    }

    static void sendJson(HttpExchange exchange, int code, JsonNode body) throws IOException {
        send(exchange, code, "application/json", Json.bytes(body));
    }

    static void sendStatus(HttpExchange exchange, JsonNode status) throws IOException {
        sendJson(exchange, status.path("code").asInt(500), status);
    }

    static void sendText(HttpExchange exchange, int code, String text) throws IOException {
        send(exchange, code, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache, private");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(code, -1);
            return;
        }
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
