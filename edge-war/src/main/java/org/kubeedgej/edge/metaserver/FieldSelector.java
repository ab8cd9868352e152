package org.kubeedgej.edge.metaserver;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kubernetes field selector ({@code fieldSelector=} query parameter): comma-separated {@code field=value},
 * {@code field==value} or {@code field!=value}, all of which must hold. Only the fields the real API server
 * accepts for the resource are allowed (metadata.name and metadata.namespace everywhere, spec.nodeName and
 * status.phase for pods, ...); another field is a bad request, as there.
 */
final class FieldSelector {

    static final String NAME_FIELD = "metadata.name";
    static final String NAMESPACE_FIELD = "metadata.namespace";

    /** Matches everything. */
    static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private record Requirement(String field, String value, boolean equal) {

        boolean matches(JsonObject object, String namespace, String name) {
            String actual = switch (field) {
                case NAME_FIELD -> name;
                case NAMESPACE_FIELD -> namespace;
                default -> KubeObjects.field(object, field);
            };
            return equal == value.equals(actual);
        }
    }

    private final List<Requirement> requirements;

    private FieldSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    /**
     * @param text the selector as sent, already URL-decoded; null or blank selects everything
     * @param resource the resource it selects from
     * @return the selector
     * @throws IllegalArgumentException if it does not parse or names a field that cannot be selected
     */
    static FieldSelector parse(String text, KubeResource resource) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String part = raw.strip();
            int notEquals = part.indexOf("!=");
            int equals = part.indexOf('=');
            if (equals <= 0 && notEquals <= 0) {
                throw new IllegalArgumentException("invalid field selector \"" + part + "\": expected field=value,"
                        + " field==value or field!=value");
            }
            boolean equal = notEquals < 0;
            String field = part.substring(0, equal ? equals : notEquals).strip();
            int valueStart = equal ? (part.startsWith("==", equals) ? equals + 2 : equals + 1) : notEquals + 2;
            if (!resource.selectableField(field)) {
                throw new IllegalArgumentException("field label not supported: " + field);
            }
            requirements.add(new Requirement(field, part.substring(valueStart).strip(), equal));
        }
        return new FieldSelector(requirements);
    }

    /**
     * @param object the object
     * @param namespace its namespace as stored (the key's; "" for cluster-scoped objects)
     * @param name its name as stored (the key's)
     * @return whether it is selected
     */
    boolean matches(JsonObject object, String namespace, String name) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(object, namespace, name)) {
                return false;
            }
        }
        return true;
    }
}
