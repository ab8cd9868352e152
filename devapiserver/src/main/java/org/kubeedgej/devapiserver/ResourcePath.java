package org.kubeedgej.devapiserver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A resource request path taken apart: {@code /api/v1/namespaces/ns/pods/name/status} or
 * {@code /apis/group/version/[namespaces/ns/]plural[/name[/sub]]}.
 */
record ResourcePath(String group, String version, String namespace, String resource, String name, String subresource) {

    /** Parses a path below a group/version, or returns null when it is not a resource path. */
    static ResourcePath parse(String rawPath) {
        List<String> parts = new ArrayList<>(Arrays.asList(rawPath.replaceAll("^/+|/+$", "").split("/+")));
        String group;
        String version;
        List<String> rest;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            version = parts.get(1);
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            version = parts.get(2);
            rest = parts.subList(3, parts.size());
        } else {
            return null;
        }
        String namespace = null;
        // namespaces/x/<plural>... is a namespaced request; namespaces, namespaces/x and namespaces/x/status
        // address Namespace objects themselves.
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")
                && !(rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize")))) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty() || rest.size() > 3) {
            return null;
        }
        return new ResourcePath(group, version, namespace, rest.get(0),
                rest.size() > 1 ? rest.get(1) : null, rest.size() > 2 ? rest.get(2) : null);
    }

    /** The same request in another version of the group. */
    ResourcePath withVersion(String otherVersion) {
        return new ResourcePath(group, otherVersion, namespace, resource, name, subresource);
    }

    String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    String prefix() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    /** The collection path (no name), namespaced when the request was. */
    String collectionPath() {
        return prefix() + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + resource;
    }

    String objectPath() {
        return collectionPath() + "/" + name;
    }

    /** The full path without a query: collection, object or subresource. */
    String path() {
        if (name == null) {
            return collectionPath();
        }
        return subresource == null ? objectPath() : objectPath() + "/" + subresource;
    }
}
