package org.kubeedgej.edge.devicetwin;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * KubeEdge's rules for twin names, values and types ({@code dtcommon.ValidateTwinKey}, {@code ValidateTwinValue},
 * {@code ValidateValue}), with KubeEdge's own error texts, which mappers see as the {@code reason} of a 400.
 * KubeEdge's type list leaves out {@code double} and {@code bytes}, the DeviceModel v1beta1 types it names in its
 * own constants; here they count as float and string, so twins of such properties can be updated.
 */
final class TwinRules {

    /** The type KubeEdge gives a twin it has deleted (cloud sync); never kept as a type here. */
    static final String DELETED = "deleted";
    static final String KEY_ERROR = "The key of twin must only include upper or lowercase letters, number, english,"
            + " and special letter - _ . , : / @ # and the length of key should be less than 128 bytes";
    static final String VALUE_ERROR = "The value of twin must only include upper or lowercase letters, number,"
            + " english, and special letter - _ . , : / @ # and the length of value should be less than 512 bytes";
    static final String TYPE_NOT_ALLOWED = "the value type is not allowed";

    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9\\-_.,:/@#]{1,128}");
    private static final Pattern VALUE = Pattern.compile("[a-zA-Z0-9\\-_.,:/@#]{1,512}");
    private static final Pattern INT = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern FLOAT_WORD = Pattern.compile("[+-]?(inf|infinity)|nan", Pattern.CASE_INSENSITIVE);

    private TwinRules() {
        throw new AssertionError();
    }

    /** @return whether a twin name is allowed: 1 to 128 of {@code a-z A-Z 0-9 - _ . , : / @ #} */
    static boolean validKey(String key) {
        return KEY.matcher(key).matches();
    }

    /** @return whether a value is allowed: empty, or 1 to 512 of the key's characters */
    static boolean validValue(String value) {
        return value.isEmpty() || VALUE.matcher(value).matches();
    }

    /** @return whether values of this type can be checked (and so a twin of it created) */
    static boolean knownType(String type) {
        return switch (type) {
            case "", "string", "bytes", "stream", "int", "integer", "float", "double", "boolean" -> true;
            default -> false;
        };
    }

    /**
     * @param type a twin's type ("" is string)
     * @param value a value for it
     * @return KubeEdge's error text when the value is not of the type
     */
    static Optional<String> typeError(String type, String value) {
        return Optional.ofNullable(switch (type) {
            case "", "string", "bytes", "stream" -> null;
            case "int", "integer" -> isInt(value) ? null : "the value is not int or integer";
            case "float", "double" -> isFloat(value) ? null : "the value is not float";
            case "boolean" -> "true".equals(value) || "false".equals(value) ? null
                    : "the bool value must be true or false";
            default -> TYPE_NOT_ALLOWED;
        });
    }

    /** As Go's {@code strconv.ParseInt(v, 10, 64)}. */
    private static boolean isInt(String value) {
        if (!INT.matcher(value).matches()) {
            return false;
        }
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** As Go's {@code strconv.ParseFloat(v, 64)} for decimal text: out of range is an error too. */
    private static boolean isFloat(String value) {
        if (FLOAT_WORD.matcher(value).matches()) {
            return true;
        }
        return FLOAT.matcher(value).matches() && Double.isFinite(Double.parseDouble(value));
    }

    /** @return a DeviceModel v1beta1 property type ({@code INT}, {@code DOUBLE}, ...) as a twin type */
    static String ofModelType(String modelType) {
        return modelType.toLowerCase(Locale.ROOT);
    }
}
