package org.kubeedgej.shared.stream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kubeedgej.shared.model.BoundedJson;

/**
 * The data of a LOGS_CONNECT, METRIC_CONNECT, EXEC_CONNECT or ATTACH_CONNECT frame: what the API server asked the
 * kubelet for, as KubeEdge's {@code EdgedLogsConnection} (and, with {@code method}, {@code EdgedExecConnection})
 * marshals it. Go has no JSON tags on {@code url.URL}, so the URL is an object with
 * {@code Scheme}, {@code Host}, {@code Path} and {@code RawQuery}; the header is Go's {@code http.Header}, a name to
 * a list of values.
 *
 * @param messageId the connection id ({@code MessID}), the same as the frame's
 * @param path the kubelet path, e.g. /containerLogs/default/web/main
 * @param rawQuery the query without '?', still URL-encoded ("" when none)
 * @param method the HTTP method of an exec or attach (its upgrade request is replayed at the edge), or null for logs
 *     and metrics, whose KubeEdge structs have no such field
 */
public record StreamConnectRequest(long messageId, String path, String rawQuery, Map<String, List<String>> header,
        String method) {

    /** Where KubeEdge's edge expects its kubelet server; a KubeEdge edgestream forwards to this address. */
    public static final String KUBELET_HOST = "127.0.0.1:10350";
    /** A connect request is a URL and headers; anything larger is not one. */
    public static final int MAX_BYTES = 64 * 1024;

    public StreamConnectRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        header.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        header = Map.copyOf(copy);
    }

    /** A logs or metrics request: a GET, with no method field on the wire. */
    public StreamConnectRequest(long messageId, String path, String rawQuery, Map<String, List<String>> header) {
        this(messageId, path, rawQuery, header, null);
    }

    /** @return the values of a header, matched without regard to case as HTTP does (Go canonicalises the names) */
    public List<String> headerValues(String name) {
        return header.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    public byte[] encode() {
        JsonObjectBuilder headers = Json.createObjectBuilder();
        header.forEach((name, values) -> {
            JsonArrayBuilder list = Json.createArrayBuilder();
            values.forEach(list::add);
            headers.add(name, list);
        });
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("MessID", messageId)
                .add("url", Json.createObjectBuilder().add("Scheme", "http").add("Host", KUBELET_HOST)
                        .add("Path", path).add("RawQuery", rawQuery))
                .add("header", headers);
        if (method != null) {
            json.add("method", method);
        }
        return json.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws StreamFormatException when the data is not such a request (the message says why) */
    public static StreamConnectRequest decode(byte[] data) {
        try {
            return read(data);
        } catch (ClassCastException | ArithmeticException e) {
            throw new StreamFormatException("connect request has a field of the wrong type: " + e.getMessage());
        }
    }

    private static StreamConnectRequest read(byte[] data) {
        if (data.length > MAX_BYTES) {
            throw new StreamFormatException("connect request of " + data.length + " bytes is over " + MAX_BYTES);
        }
        JsonObject json;
        try {
            JsonValue value = BoundedJson.read(new String(data, StandardCharsets.UTF_8));
            if (!(value instanceof JsonObject object)) {
                throw new StreamFormatException("connect request is not a JSON object");
            }
            json = object;
        } catch (JsonException e) {
            throw new StreamFormatException("connect request is not JSON: " + e.getMessage());
        }
        if (!(json.get("url") instanceof JsonObject url) || !(url.get("Path") instanceof JsonString path)) {
            throw new StreamFormatException("connect request has no url.Path");
        }
        String query = url.get("RawQuery") instanceof JsonString q ? q.getString() : "";
        Map<String, List<String>> header = new LinkedHashMap<>();
        if (json.get("header") instanceof JsonObject headers) {
            headers.forEach((name, values) -> {
                if (values instanceof JsonArray list) {
                    header.put(name, list.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
                }
            });
        }
        long id = json.containsKey("MessID") ? json.getJsonNumber("MessID").longValueExact() : 0;
        String method = json.get("method") instanceof JsonString m ? m.getString() : null;
        return new StreamConnectRequest(id, path.getString(), query, header, method);
    }
}
