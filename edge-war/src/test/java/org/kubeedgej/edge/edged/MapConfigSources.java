package org.kubeedgej.edge.edged;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** ConfigMaps and Secrets in memory, as a node's store would hold them (JSON), for tests. */
final class MapConfigSources implements ConfigSourceLookup {

    private final Map<String, JsonObject> objects = new ConcurrentHashMap<>();

    MapConfigSources put(String type, String name, String json) {
        objects.put("default/" + type + "/" + name, Json.createReader(new StringReader(json)).readObject());
        return this;
    }

    MapConfigSources remove(String type, String name) {
        objects.remove("default/" + type + "/" + name);
        return this;
    }

    @Override
    public Optional<ConfigData> find(String type, String namespace, String name) throws ContainerConfigException {
        JsonObject json = objects.get(namespace + "/" + type + "/" + name);
        return json == null ? Optional.empty() : Optional.of(ConfigData.fromJson(type, namespace, name, json));
    }
}
