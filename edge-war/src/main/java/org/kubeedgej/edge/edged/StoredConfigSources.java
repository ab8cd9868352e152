package org.kubeedgej.edge.edged;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.Optional;
import org.kubeedgej.edge.metamanager.MetaRepository;

/**
 * {@link ConfigSourceLookup} on MetaManager's store (key {@code <ns>/configmap/<name>}), so pods get their
 * ConfigMaps and Secrets offline and after a restart; what is missing is asked of the cloud.
 */
final class StoredConfigSources implements ConfigSourceLookup {

    private final MetaRepository repository;
    private final ConfigSourceQuery query;

    /**
     * @param repository MetaManager's store
     * @param query asks the cloud for what is missing; null to not ask
     */
    StoredConfigSources(MetaRepository repository, ConfigSourceQuery query) {
        this.repository = repository;
        this.query = query;
    }

    @Override
    public Optional<ConfigData> find(String type, String namespace, String name) throws ContainerConfigException {
        Optional<String> json = repository.find(namespace + "/" + type + "/" + name);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(json.get()))) {
            return Optional.of(ConfigData.fromJson(type, namespace, name, reader.readObject()));
        } catch (JsonException | IllegalStateException e) {
            throw new ContainerConfigException(ConfigData.describe(type, name) + " is stored on this node but is"
                    + " not a valid object: " + e.getMessage());
        }
    }

    @Override
    public String missing(String type, String namespace, String name) {
        String message = ConfigSourceLookup.super.missing(type, namespace, name);
        if (query == null) {
            return message;
        }
        query.request(type, namespace, name);
        String refusal = query.refusal(type, namespace, name);
        return refusal == null || refusal.equals(message) ? message : message + " (the cloud says: " + refusal + ")";
    }
}
