package org.kubeedgej.shared.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes JSON the way Go's {@code encoding/json} (Go 1.22 and later, HTML escaping on) does: compact, object keys in
 * the given order; {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as six-character unicode escapes (backslash, u,
 * four lower-case hex digits), short escapes for backspace, form feed, newline, carriage return and tab, other
 * control characters as unicode escapes, and {@code /} not escaped.
 */
final class GoJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final BigDecimal EXPONENT_HIGH = new BigDecimal("1e21");
    private static final BigDecimal EXPONENT_LOW = new BigDecimal("1e-6");

    private GoJson() {
        throw new AssertionError("no instances");
    }

    static void writeValue(final StringBuilder out, final JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> writeObject(out, (JsonObject) value);
            case ARRAY -> writeArray(out, (JsonArray) value);
            case STRING -> writeString(out, ((JsonString) value).getString());
            case NUMBER -> writeNumber(out, (JsonNumber) value);
            case TRUE -> out.append("true");
            case FALSE -> out.append("false");
            default -> out.append("null");
        }
    }

    private static void writeObject(final StringBuilder out, final JsonObject object) {
        out.append('{');
        boolean first = true;
        for (final Map.Entry<String, JsonValue> entry : object.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, entry.getKey());
            out.append(':');
            writeValue(out, entry.getValue());
        }
        out.append('}');
    }

    private static void writeArray(final StringBuilder out, final JsonArray array) {
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeValue(out, array.get(i));
        }
        out.append(']');
    }

    /**
     * Integers are written exactly. Other numbers as Go writes a float64: plain notation for magnitudes in
     * [1e-6, 1e21), otherwise exponent notation like {@code 1e+21} or {@code 1.5e-7}.
     */
    static void writeNumber(final StringBuilder out, final JsonNumber number) {
        if (number.isIntegral()) {
            out.append(number.bigIntegerValue());
            return;
        }
        final BigDecimal value = number.bigDecimalValue().stripTrailingZeros();
        final BigDecimal abs = value.abs();
        if (abs.signum() == 0 || (abs.compareTo(EXPONENT_LOW) >= 0 && abs.compareTo(EXPONENT_HIGH) < 0)) {
            out.append(value.toPlainString());
            return;
        }
        final String digits = abs.unscaledValue().toString();
        final int exponent = digits.length() - 1 - value.scale();
        if (value.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    }

    static void writeString(final StringBuilder out, final String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\ufffd"); // Go writes invalid UTF-8 as the replacement character
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(final StringBuilder out, final char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
    }
}
