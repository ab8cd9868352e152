package org.kubeedgej.edge.metaserver;

import java.util.List;
import java.util.Optional;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * The core/v1 resources MetaServer serves, each tied to the resource type MetaManager stores it under (the
 * {@code <type>} of {@code <namespace>/<type>/<name>}), and the field selectors the real API server accepts for it.
 */
enum KubeResource {

    PODS("pods", "pod", "Pod", ResourceTypes.POD, true, List.of("po"),
            List.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                    "status.phase", "status.podIP", "status.nominatedNodeName")),
    CONFIGMAPS("configmaps", "configmap", "ConfigMap", ResourceTypes.CONFIGMAP, true, List.of("cm"), List.of()),
    SECRETS("secrets", "secret", "Secret", ResourceTypes.SECRET, true, List.of(), List.of("type")),
    SERVICES("services", "service", "Service", ResourceTypes.SERVICE, true, List.of("svc"), List.of()),
    NODES("nodes", "node", "Node", ResourceTypes.NODE, false, List.of("no"), List.of("spec.unschedulable"));

    /** The API version of every resource here. */
    static final String API_VERSION = "v1";
    private static final List<String> COMMON_FIELDS = List.of("metadata.name", "metadata.namespace");

    private final String plural;
    private final String singular;
    private final String kind;
    private final String storedType;
    private final boolean namespaced;
    private final List<String> shortNames;
    private final List<String> extraFields;

    KubeResource(String plural, String singular, String kind, String storedType, boolean namespaced,
            List<String> shortNames, List<String> extraFields) {
        this.plural = plural;
        this.singular = singular;
        this.kind = kind;
        this.storedType = storedType;
        this.namespaced = namespaced;
        this.shortNames = shortNames;
        this.extraFields = extraFields;
    }

    /**
     * @param plural a path segment such as {@code pods}
     * @return the resource it names, if MetaServer serves it
     */
    static Optional<KubeResource> byPlural(String plural) {
        for (KubeResource resource : values()) {
            if (resource.plural.equals(plural)) {
                return Optional.of(resource);
            }
        }
        return Optional.empty();
    }

    /**
     * @param storedType a MetaManager resource type such as {@code pod}
     * @return the resource stored under it, if MetaServer serves it
     */
    static Optional<KubeResource> byStoredType(String storedType) {
        for (KubeResource resource : values()) {
            if (resource.storedType.equals(storedType)) {
                return Optional.of(resource);
            }
        }
        return Optional.empty();
    }

    /** @return whether a field selector may name this field */
    boolean selectableField(String field) {
        return COMMON_FIELDS.contains(field) || extraFields.contains(field);
    }

    String plural() {
        return plural;
    }

    String singular() {
        return singular;
    }

    String kind() {
        return kind;
    }

    String listKind() {
        return kind + "List";
    }

    String storedType() {
        return storedType;
    }

    boolean namespaced() {
        return namespaced;
    }

    List<String> shortNames() {
        return shortNames;
    }
}
