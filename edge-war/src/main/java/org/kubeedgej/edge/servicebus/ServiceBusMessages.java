package org.kubeedgej.edge.servicebus;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kubeedgej.shared.model.BoundedJson;

/**
 * The JSON ServiceBus speaks, with every key defined once in {@link JsonFields}: KubeEdge's {@code HTTPRequest} and
 * {@code HTTPResponse} (common/types/http.go) as message content, and the local app's request to the listener
 * ({@code serverRequest} in edge/pkg/servicebus/servicebus.go). Bodies are Go {@code []byte}: base64 strings.
 */
public final class ServiceBusMessages {

    /** The JSON keys. */
    public static final class JsonFields {
        /** HTTPRequest and HTTPResponse: Go {@code http.Header}, an object of string arrays. */
        public static final String HEADER = "header";
        /** HTTPRequest and HTTPResponse: Go {@code []byte}, a base64 string or null. */
        public static final String BODY = "body";
        /** HTTPRequest: the HTTP method. */
        public static final String METHOD = "method";
        /** HTTPRequest: the URL the cloud router was called with; ServiceBus does not use it. */
        public static final String URL = "url";
        /** HTTPResponse: the status code. */
        public static final String STATUS_CODE = "status_code";
        /** A local app's request: where the cloud should deliver it (must be on the allow-list). */
        public static final String TARGET_URL = "targetURL";
        /** Our replies to a local app: what went wrong. */
        public static final String ERROR = "error";
        /** Our replies to a local app: what happened ({@link #SENT}). */
        public static final String STATUS = "status";

        private JsonFields() {
            throw new AssertionError("no instances");
        }
    }

    /** The {@code status} of an accepted upload. */
    public static final String SENT = "sent";

    /** The source of cloud router servicebus messages ({@code modules.RouterSourceServiceBus}). */
    public static final String ROUTER_SOURCE = "router_servicebus";

    /** The header KubeEdge puts on error responses it makes itself ({@code buildErrorResponse}). */
    static final Map<String, List<String>> ERROR_HEADER = Map.of("Server", List.of("kubeedge-edgecore"));

    private ServiceBusMessages() {
        throw new AssertionError("no instances");
    }

    /**
     * A request for a local service, the content of a cloud→edge ServiceBus message.
     *
     * @param method the HTTP method, "" if the cloud did not say
     * @param header the request headers
     * @param body the request body
     * @param url the URL the cloud router received, "" if none
     */
    public record Request(String method, Map<String, List<String>> header, byte[] body, String url) {

        public Request {
            method = Objects.requireNonNull(method, "method");
            header = copy(header);
            body = Objects.requireNonNull(body, "body").clone();
            url = Objects.requireNonNull(url, "url");
        }

        /**
         * Reads the content as Go does: a string's bytes or the JSON of other content, unmarshalled.
         *
         * @param data the content bytes ({@link org.kubeedgej.shared.model.Message#contentData()})
         * @return the request
         * @throws IllegalArgumentException if the bytes are not an HTTPRequest
         */
        public static Request parse(byte[] data) {
            JsonObject json = readObject(data);
            return new Request(optString(json, JsonFields.METHOD), readHeader(json), readBody(json),
                    optString(json, JsonFields.URL));
        }

        /** @param newMethod the method @return a copy with it */
        public Request withMethod(String newMethod) {
            return new Request(newMethod, header, body, url);
        }

        /** @return the JSON, keys in Go's order */
        public JsonObject toJson() {
            return Json.createObjectBuilder().add(JsonFields.HEADER, headerJson(header))
                    .add(JsonFields.BODY, base64(body)).add(JsonFields.METHOD, method).add(JsonFields.URL, url)
                    .build();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Request r && method.equals(r.method) && header.equals(r.header)
                    && Arrays.equals(body, r.body) && url.equals(r.url);
        }

        @Override
        public int hashCode() {
            return Objects.hash(method, header, Arrays.hashCode(body), url);
        }

        @Override
        public String toString() {
            return "Request[method=" + method + ", header=" + header + ", body=" + body.length + " bytes, url=" + url
                    + "]";
        }
    }

    /**
     * A local service's answer (or ServiceBus's own error), the content of the edge→cloud response.
     *
     * @param header the response headers
     * @param statusCode the HTTP status
     * @param body the response body
     */
    public record Response(Map<String, List<String>> header, int statusCode, byte[] body) {

        public Response {
            header = copy(header);
            body = Objects.requireNonNull(body, "body").clone();
        }

        /**
         * @param statusCode the status
         * @param text what went wrong
         * @return an error response made by ServiceBus, with KubeEdge's {@code Server: kubeedge-edgecore} header
         */
        public static Response error(int statusCode, String text) {
            return new Response(ERROR_HEADER, statusCode, text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * @param json an HTTPResponse object
         * @return the response
         * @throws IllegalArgumentException if the JSON is not an HTTPResponse
         */
        public static Response fromJson(JsonObject json) {
            JsonValue status = json.get(JsonFields.STATUS_CODE);
            if (!(status instanceof JsonNumber number) || !number.isIntegral()) {
                throw new IllegalArgumentException(JsonFields.STATUS_CODE + " must be an integer");
            }
            return new Response(readHeader(json), number.intValue(), readBody(json));
        }

        /** @return the JSON, keys in Go's order */
        public JsonObject toJson() {
            return Json.createObjectBuilder().add(JsonFields.HEADER, headerJson(header))
                    .add(JsonFields.STATUS_CODE, statusCode).add(JsonFields.BODY, base64(body)).build();
        }

        /** @return the body as UTF-8 text, for logs and tests */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Response r && statusCode == r.statusCode && header.equals(r.header)
                    && Arrays.equals(body, r.body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(header, statusCode, Arrays.hashCode(body));
        }

        @Override
        public String toString() {
            return "Response[statusCode=" + statusCode + ", header=" + header + ", body=" + body.length + " bytes]";
        }
    }

    /**
     * @param data JSON text
     * @return the JSON object it holds
     * @throws IllegalArgumentException if it is not JSON or not an object
     */
    static JsonObject readObject(byte[] data) {
        try {
            JsonValue value = BoundedJson.read(new String(data, StandardCharsets.UTF_8));
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("expected a JSON object, got " + value.getValueType());
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static String optString(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value == null || value == JsonValue.NULL) {
            return "";
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new IllegalArgumentException(key + " must be a string");
    }

    private static Map<String, List<String>> readHeader(JsonObject json) {
        JsonValue value = json.get(JsonFields.HEADER);
        if (value == null || value == JsonValue.NULL) {
            return Map.of();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException(JsonFields.HEADER + " must be an object of string arrays");
        }
        Map<String, List<String>> header = new LinkedHashMap<>();
        value.asJsonObject().forEach((name, values) -> {
            if (!(values instanceof JsonArray array)) {
                throw new IllegalArgumentException(JsonFields.HEADER + "." + name + " must be an array of strings");
            }
            List<String> list = new ArrayList<>();
            for (JsonValue v : array) {
                if (!(v instanceof JsonString s)) {
                    throw new IllegalArgumentException(JsonFields.HEADER + "." + name + " must hold strings");
                }
                list.add(s.getString());
            }
            header.put(name, list);
        });
        return header;
    }

    private static byte[] readBody(JsonObject json) {
        String text = optString(json, JsonFields.BODY);
        try {
            return Base64.getDecoder().decode(text.replace("\r", "").replace("\n", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(JsonFields.BODY + " is not base64 (Go []byte): " + e.getMessage(), e);
        }
    }

    private static JsonObject headerJson(Map<String, List<String>> header) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        header.forEach((name, values) -> {
            JsonArrayBuilder array = Json.createArrayBuilder();
            values.forEach(array::add);
            builder.add(name, array);
        });
        return builder.build();
    }

    private static String base64(byte[] body) {
        return Base64.getEncoder().encodeToString(body);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> header) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(header, "header").forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }
}
