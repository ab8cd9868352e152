package org.kubeedgej.devapiserver;

import java.util.List;

/** One kind of resource as discovery describes it; custom when a CRD defines it. */
record ResourceType(String group, String version, String plural, String singular, String kind, boolean namespaced,
        List<String> shortNames, boolean hasStatus, boolean custom) {

    static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The path prefix of the group/version: "api/v1" or "apis/g/v", as OpenAPI v3 names it. */
    String gvPath() {
        return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
    }
}
