package org.kubeedgej.edge.edged;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Kubernetes resource quantities ({@code 64Mi}, {@code 1G}, {@code 500m}, {@code 0.5}, {@code 1e3}) turned into the
 * numbers Docker wants: bytes for memory, nano-CPUs for CPU.
 */
final class QuantityParser {

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")));

    private QuantityParser() {
        throw new AssertionError();
    }

    /**
     * @param quantity a Kubernetes quantity such as {@code 64Mi}
     * @return its value, rounded up to a whole number (Kubernetes rounds memory up, too)
     * @throws IllegalArgumentException naming the bad quantity
     */
    static long bytes(String quantity) {
        return parse(quantity).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * @param quantity a CPU quantity such as {@code 500m} or {@code 2}
     * @return nano-CPUs, as Docker's {@code NanoCpus}
     */
    static long nanoCpus(String quantity) {
        return parse(quantity).movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static BigDecimal parse(String quantity) {
        String q = quantity == null ? "" : quantity.trim();
        try {
            // Two-letter binary suffixes first, so "Mi" is not read as "M" followed by garbage.
            if (q.length() > 2 && SUFFIXES.containsKey(q.substring(q.length() - 2))) {
                return new BigDecimal(q.substring(0, q.length() - 2)).multiply(SUFFIXES.get(q.substring(q.length() - 2)));
            }
            if (q.length() > 1 && SUFFIXES.containsKey(q.substring(q.length() - 1))) {
                return new BigDecimal(q.substring(0, q.length() - 1)).multiply(SUFFIXES.get(q.substring(q.length() - 1)));
            }
            return new BigDecimal(q); // plain number or exponent form (1e3)
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + quantity + "' is not a Kubernetes quantity (fix: use a form like"
                    + " 64Mi, 1G, 500m or 0.5 in resources.limits)", e);
        }
    }
}
