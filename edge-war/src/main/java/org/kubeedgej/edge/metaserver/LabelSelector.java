package org.kubeedgej.edge.metaserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector ({@code labelSelector=} query parameter): comma-separated requirements
 * {@code k=v}, {@code k==v}, {@code k!=v}, {@code k}, {@code !k}, {@code k in (a,b)} and {@code k notin (a,b)}, all
 * of which must hold. As in Kubernetes, {@code !=} and {@code notin} also match objects without the label.
 */
final class LabelSelector {

    /** Matches everything. */
    static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    private static final String KEY = "(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*"
            + "[A-Za-z0-9])?";
    private static final Pattern KEY_PATTERN = Pattern.compile(KEY);
    private static final Pattern VALUE = Pattern.compile("(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    private static final Pattern SET = Pattern.compile("(" + KEY + ")\\s+(in|notin)\\s*\\((.*)\\)");

    private enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    private record Requirement(String key, Operator operator, Set<String> values) {

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
            };
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    /**
     * @param text the selector as sent, already URL-decoded; null or blank selects everything
     * @return the selector
     * @throws IllegalArgumentException if it does not parse; the message says which part
     */
    static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitOutsideParentheses(text)) {
            requirements.add(requirement(part.strip()));
        }
        return new LabelSelector(requirements);
    }

    /** @return whether objects with these labels are selected */
    boolean matches(Map<String, String> labels) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether this selects everything */
    boolean isEmpty() {
        return requirements.isEmpty();
    }

    private static Requirement requirement(String part) {
        Matcher set = SET.matcher(part);
        if (set.matches()) {
            List<String> values = new ArrayList<>();
            for (String value : set.group(3).split(",", -1)) {
                values.add(value(value.strip(), part));
            }
            return new Requirement(set.group(1), "in".equals(set.group(2)) ? Operator.IN : Operator.NOT_IN,
                    Set.copyOf(values));
        }
        if (part.startsWith("!")) {
            return new Requirement(key(part.substring(1).strip(), part), Operator.DOES_NOT_EXIST, Set.of());
        }
        int notEquals = part.indexOf("!=");
        if (notEquals >= 0) {
            return new Requirement(key(part.substring(0, notEquals).strip(), part), Operator.NOT_EQUALS,
                    Set.of(value(part.substring(notEquals + 2).strip(), part)));
        }
        int equals = part.indexOf('=');
        if (equals >= 0) {
            int valueStart = part.startsWith("==", equals) ? equals + 2 : equals + 1;
            return new Requirement(key(part.substring(0, equals).strip(), part), Operator.EQUALS,
                    Set.of(value(part.substring(valueStart).strip(), part)));
        }
        return new Requirement(key(part, part), Operator.EXISTS, Set.of());
    }

    private static String key(String key, String part) {
        if (!KEY_PATTERN.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid label selector requirement \"" + part + "\": \"" + key
                    + "\" is not a label key");
        }
        return key;
    }

    private static String value(String value, String part) {
        if (!VALUE.matcher(value).matches() || value.length() > 63) {
            throw new IllegalArgumentException("invalid label selector requirement \"" + part + "\": \"" + value
                    + "\" is not a label value");
        }
        return value;
    }

    private static List<String> splitOutsideParentheses(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
            if (depth < 0 || depth > 1) {
                throw new IllegalArgumentException("invalid label selector \"" + text + "\": unbalanced parentheses");
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("invalid label selector \"" + text + "\": unbalanced parentheses");
        }
        parts.add(text.substring(start));
        return parts;
    }
}
