package org.kubeedgej.shared.model;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Typed field access for {@code fromJson}, with the rules of Go's {@code encoding/json}: a missing field or JSON
 * {@code null} leaves the zero value, a value of the wrong type is an error. Errors name the field by its path.
 */
final class JsonReading {

    private JsonReading() {
        throw new AssertionError("no instances");
    }

    /** @return the jakarta.json provider, looked up once (on first use, not on class loading). */
    static JsonProvider provider() {
        return ProviderHolder.PROVIDER;
    }

    private static final class ProviderHolder {
        static final JsonProvider PROVIDER = JsonProvider.provider();
    }

    static JsonObject requireObject(final JsonObject parent, final String key, final String path) {
        final JsonValue value = parent.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new MessageFormatException(path, "Missing required field '" + path + "' (a JSON object)");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw wrongType(path, "a JSON object", value);
        }
        return value.asJsonObject();
    }

    static String requireString(final JsonObject object, final String key, final String path) {
        final String value = optString(object, key, path);
        if (value.isEmpty()) {
            throw new MessageFormatException(path, "Missing required field '" + path + "' (a non-empty string)");
        }
        return value;
    }

    static String optString(final JsonObject object, final String key, final String path) {
        final JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw wrongType(path, "a string", value);
        }
        return ((JsonString) value).getString();
    }

    static long optLong(final JsonObject object, final String key, final String path) {
        final JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return 0L;
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw wrongType(path, "an integer (int64)", value);
        }
        try {
            return ((JsonNumber) value).longValueExact();
        } catch (final ArithmeticException e) {
            throw wrongType(path, "an integer (int64)", value);
        }
    }

    static boolean optBoolean(final JsonObject object, final String key, final String path) {
        final JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return false;
        }
        if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
            throw wrongType(path, "a boolean", value);
        }
        return value.getValueType() == JsonValue.ValueType.TRUE;
    }

    private static MessageFormatException wrongType(final String path, final String expected, final JsonValue value) {
        String shown = value.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new MessageFormatException(path,
                "Field '" + path + "' must be " + expected + " but was " + value.getValueType() + ": " + shown);
    }
}
