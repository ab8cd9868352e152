package org.kubeedgej.devapiserver;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a decoded Kubernetes protobuf message into the JSON kube-apiserver would store for it, the way Go does
 * (protobuf into the Go struct, encoding/json out of it). Field names are the JSON names already (go-to-protobuf
 * names fields after their json tags); the differences are the apimachinery types with their own JSON form (Time,
 * MicroTime, Quantity, IntOrString, FieldsV1, RawExtension), inline embedded structs, base64 bytes, and which zero
 * values survive, which {@link GoJsonFields} knows. Fields the descriptors do not know are dropped, as Go does.
 */
final class ProtobufJson {
    private static final Logger LOG = Logger.getLogger(ProtobufJson.class.getName());
    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
    /** Go's zero time.Time (0001-01-01T00:00:00Z) in Unix seconds: encoding/json writes it as null. */
    private static final long GO_ZERO_TIME = -62_135_596_800L;
    private static final DateTimeFormatter RFC3339_MICRO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final GoJsonFields fields;

    ProtobufJson(GoJsonFields fields) {
        this.fields = fields;
    }

    ObjectNode object(Message message) {
        if (!message.getUnknownFields().asMap().isEmpty()) {
            LOG.log(Level.FINE, "dropped fields {0} of {1} that this Kubernetes release does not know", new Object[] {
                message.getUnknownFields().asMap().keySet(), message.getDescriptorForType().getName()});
        }
        ObjectNode json = NODES.objectNode();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.isRepeated() ? message.getRepeatedFieldCount(field) == 0 : !message.hasField(field)) {
                continue;
            }
            Object value = message.getField(field);
            if (fields.inline(field)) {
                json.setAll(object((Message) value));
            } else if (field.isMapField()) {
                json.set(field.getName(), map((List<?>) value));
            } else if (field.isRepeated()) {
                ArrayNode array = json.putArray(field.getName());
                ((List<?>) value).forEach(element -> array.add(value(field, element)));
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE || !isZero(value)
                    || fields.keepsZero(field)) {
                json.set(field.getName(), value(field, value));
            }
        }
        return json;
    }

    /** A protobuf map (entries with key and value) as a JSON object; keys sorted as encoding/json sorts them. */
    private ObjectNode map(List<?> entries) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Object entry : entries) {
            Message pair = (Message) entry;
            FieldDescriptor key = pair.getDescriptorForType().findFieldByNumber(1);
            FieldDescriptor value = pair.getDescriptorForType().findFieldByNumber(2);
            sorted.put(String.valueOf(pair.getField(key)), value(value, pair.getField(value)));
        }
        ObjectNode json = NODES.objectNode();
        sorted.forEach(json::set);
        return json;
    }

    private JsonNode value(FieldDescriptor field, Object value) {
        return switch (field.getJavaType()) {
            case MESSAGE -> message((Message) value);
            case STRING -> NODES.stringNode((String) value);
            case BYTE_STRING -> NODES.stringNode(Base64.getEncoder().encodeToString(
                    ((ByteString) value).toByteArray()));
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> NODES.numberNode((Long) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case ENUM -> NODES.stringNode(value.toString());
        };
    }

    private JsonNode message(Message message) {
        return switch (message.getDescriptorForType().getFullName()) {
            case META + "Time" -> time(message, false);
            case META + "MicroTime" -> time(message, true);
            case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> NODES.stringNode((String) field(message, "string"));
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> Long.valueOf(1).equals(field(message, "type"))
                    ? NODES.stringNode((String) field(message, "strVal"))
                    : NODES.numberNode((Integer) field(message, "intVal"));
            case META + "FieldsV1" -> rawJson((ByteString) field(message, "Raw"));
            case "k8s.io.apimachinery.pkg.runtime.RawExtension" -> rawJson((ByteString) field(message, "raw"));
            default -> object(message);
        };
    }

    /**
     * metav1.Time (seconds; Go drops the nanoseconds) or MicroTime (microseconds), both RFC 3339 in UTC. An empty
     * message is Go's zero time, which encoding/json writes as null.
     */
    private static JsonNode time(Message message, boolean micro) {
        FieldDescriptor seconds = message.getDescriptorForType().findFieldByName("seconds");
        long unixSeconds = (Long) message.getField(seconds);
        if (!message.hasField(seconds) || unixSeconds == GO_ZERO_TIME) {
            return NODES.nullNode();
        }
        if (!micro) {
            return NODES.stringNode(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(unixSeconds)));
        }
        int nanos = (Integer) field(message, "nanos");
        return NODES.stringNode(RFC3339_MICRO.format(Instant.ofEpochSecond(unixSeconds, nanos - nanos % 1000)));
    }

    private static JsonNode rawJson(ByteString raw) {
        return raw.isEmpty() ? NODES.nullNode() : Json.parse(raw.toByteArray());
    }

    private static Object field(Message message, String name) {
        return message.getField(message.getDescriptorForType().findFieldByName(name));
    }

    private static boolean isZero(Object value) {
        if (value instanceof String text) {
            return text.isEmpty();
        }
        if (value instanceof ByteString bytes) {
            return bytes.isEmpty();
        }
        if (value instanceof Boolean flag) {
            return !flag;
        }
        return value instanceof Number number && number.doubleValue() == 0;
    }
}
