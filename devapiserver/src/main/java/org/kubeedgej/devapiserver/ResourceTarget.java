package org.kubeedgej.devapiserver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request's resource: the path as the client wrote it, its type, and where its objects live in the mock.
 *
 * <p>Custom resources have one store for all served versions, as in kube-apiserver (one etcd key per object,
 * whatever version wrote it). With conversion strategy None versions differ only in apiVersion, so every custom
 * object lives in the mock under {@link #STORE_VERSION} and apiVersion is rewritten on the way in and out; reads,
 * lists and watches of any version see writes made through any other, with one resourceVersion sequence. The status
 * subresource can differ between versions, so its rules are applied here per requested version: the mock would
 * apply those of one version to all.
 */
record ResourceTarget(ResourcePath path, ResourceType type) {
    /** The mock's version of every custom object: a CRD version cannot contain "_", so no real one collides. */
    static final String STORE_VERSION = "_store";

    /** The path of the same request in the mock. */
    ResourcePath stored() {
        return type.custom() ? path.withVersion(STORE_VERSION) : path;
    }

    /** How a real server names the resource in messages: "pods", "devices.devices.kubeedge.io". */
    String qualified() {
        return path.group().isEmpty() ? path.resource() : path.resource() + "." + path.group();
    }

    /**
     * Whether the request's subresource exists: none, or {@code status} where the kind (at this version) has one. Any
     * other is 404, as kube-apiserver answers; the mock would answer a listing of everything it stores.
     */
    boolean subresourceExists() {
        String sub = path.subresource();
        return sub == null || "status".equals(sub) && type.hasStatus();
    }

    /**
     * Whether a write to the main resource must leave status alone: a real server resets status on create and keeps
     * the stored one on update when the version has the status subresource.
     */
    boolean guardsStatus() {
        return type.custom() && type.hasStatus() && path.subresource() == null;
    }

    /** Refuses (400, as a real server words it) an object of another version, then gives it the store's. */
    void toStore(ObjectNode object) throws StatusException {
        if (!type.custom()) {
            return;
        }
        String apiVersion = object.path("apiVersion").asString("");
        if (!apiVersion.equals(path.groupVersion())) {
            throw new StatusException(StatusResponses.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + path.groupVersion() + ")"));
        }
        object.put("apiVersion", storedApiVersion());
    }

    /** Gives the requested apiVersion back to a stored object, a list's items or a watch event's object, in place. */
    JsonNode served(JsonNode node) {
        if (!type.custom() || !(node instanceof ObjectNode object)) {
            return node;
        }
        if (object.path("apiVersion").asString("").equals(storedApiVersion())) {
            object.put("apiVersion", path.groupVersion());
        }
        node.path("items").forEach(this::served);
        served(object.get("object"));
        return node;
    }

    private String storedApiVersion() {
        return path.group() + "/" + STORE_VERSION;
    }
}
