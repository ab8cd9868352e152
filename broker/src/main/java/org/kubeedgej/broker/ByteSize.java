package org.kubeedgej.broker;

import java.util.Locale;

/** Reads a size option: a number of bytes, or one with a binary suffix ({@code 64k}, {@code 1m}, {@code 2g}). */
final class ByteSize {

    private ByteSize() {
        throw new AssertionError();
    }

    /**
     * @param option the option's name, for the error
     * @param value what was given
     * @return the size in bytes, at least 1
     */
    static long parse(String option, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
            unit = switch (v.charAt(v.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                default -> 1L << 30;
            };
            v = v.substring(0, v.length() - 1);
        }
        try {
            long bytes = Math.multiplyExact(Long.parseLong(v), unit);
            if (bytes < 1) {
                throw new NumberFormatException();
            }
            return bytes;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("--" + option + "=" + value + " is not a size: give bytes, or a"
                    + " number with k, m or g (e.g. 1m)", e);
        }
    }
}
