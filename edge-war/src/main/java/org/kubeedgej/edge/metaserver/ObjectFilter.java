package org.kubeedgej.edge.metaserver;

import jakarta.json.JsonObject;

/**
 * Which objects of a resource a list or watch is about: a namespace (or all), a name (the path's, for a watch of one
 * object), and the label and field selectors.
 */
final class ObjectFilter {

    private final KubeResource resource;
    private final String namespace;
    private final String name;
    private final LabelSelector labels;
    private final FieldSelector fields;

    ObjectFilter(ResourceRequest request, ListOptions options) {
        this.resource = request.resource();
        this.namespace = resource.namespaced() ? request.namespace() : null;
        this.name = request.name();
        this.labels = options.labels();
        this.fields = options.fields();
    }

    /**
     * @param storedNamespace the object's namespace from its key
     * @param storedName the object's name from its key
     * @param object the object
     * @return whether it is selected
     */
    boolean matches(String storedNamespace, String storedName, JsonObject object) {
        if (!inScope(storedNamespace, storedName)) {
            return false;
        }
        String effectiveNamespace = resource.namespaced() ? storedNamespace : "";
        return fields.matches(object, effectiveNamespace, storedName) && labels.matches(KubeObjects.labels(object));
    }

    /** @return whether the object is in the namespace and has the name asked for (selectors aside) */
    boolean inScope(String storedNamespace, String storedName) {
        return (namespace == null || namespace.equals(storedNamespace)) && (name == null || name.equals(storedName));
    }

    /** @return whether an object can leave the selection by changing (labels or selected fields can change) */
    boolean selectsByContent() {
        return !labels.isEmpty() || fields != FieldSelector.EVERYTHING;
    }
}
