package org.kubeedgej.devapiserver;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Field selectors evaluated by the front on any field ({@code spec.nodeName=edge-1,status.phase!=Running}), because
 * the mock only understands a few and silently returns nothing for the rest (KubeEdge lists pods per node).
 */
final class FieldSelector {
    private record Term(String field, String value, boolean equal) {
    }

    private final List<Term> terms = new ArrayList<>();

    private FieldSelector(String expression) {
        for (String part : expression.split(",")) {
            String term = part.trim();
            if (term.isEmpty()) {
                continue;
            }
            int notEqual = term.indexOf("!=");
            if (notEqual >= 0) {
                terms.add(new Term(term.substring(0, notEqual).trim(), term.substring(notEqual + 2).trim(), false));
                continue;
            }
            int equal = term.indexOf('=');
            if (equal < 0) {
                throw new IllegalArgumentException("invalid field selector: " + expression);
            }
            int valueStart = term.startsWith("==", equal) ? equal + 2 : equal + 1;
            terms.add(new Term(term.substring(0, equal).trim(), term.substring(valueStart).trim(), true));
        }
    }

    /** Parses a selector; null or empty selects everything. */
    static FieldSelector parse(String expression) {
        return new FieldSelector(expression == null ? "" : expression);
    }

    boolean matchesEverything() {
        return terms.isEmpty();
    }

    boolean matches(JsonNode object) {
        for (Term term : terms) {
            if (Json.text(object, term.field()).equals(term.value()) != term.equal()) {
                return false;
            }
        }
        return true;
    }
}
