package org.kubeedgej.edge.eventbus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * EventBus's settings, named as in KubeEdge's edgecore.yaml ({@code modules.eventBus.*}).
 *
 * <p>One difference, on purpose: KubeEdge defaults to mode 2 with an external mosquitto on 1883. EdgeCore carries
 * its own broker, so the default is mode 0 with the internal broker on 1883, the address mappers use unchanged.
 */
@ApplicationScoped
public class EventBusConfig {

    /** Internal broker only. */
    public static final int MODE_INTERNAL = 0;
    /** Internal broker, and EventBus also works with an external one. */
    public static final int MODE_BOTH = 1;
    /** External broker only; nothing embedded. */
    public static final int MODE_EXTERNAL = 2;

    @Inject
    @ConfigProperty(name = "modules.eventBus.enable", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "modules.eventBus.mqttMode", defaultValue = "0")
    int mode;

    @Inject
    @ConfigProperty(name = "modules.eventBus.mqttServerInternal", defaultValue = "tcp://127.0.0.1:1883")
    String internalServer;

    @Inject
    @ConfigProperty(name = "modules.eventBus.mqttServerExternal", defaultValue = "tcp://127.0.0.1:1883")
    String externalServer;

    @Inject
    @ConfigProperty(name = "modules.eventBus.mqttQOS", defaultValue = "0")
    int qos;

    @Inject
    @ConfigProperty(name = "modules.eventBus.mqttRetain", defaultValue = "false")
    boolean retain;

    @Inject
    @ConfigProperty(name = "modules.eventBus.mqttSessionQueueSize", defaultValue = "100")
    int sessionQueueSize;

    @Inject
    @ConfigProperty(name = "modules.eventBus.mqttPubClientID")
    Optional<String> pubClientId;

    @Inject
    @ConfigProperty(name = "modules.eventBus.mqttSubClientID")
    Optional<String> subClientId;

    @Inject
    @ConfigProperty(name = "modules.eventBus.mqttUsername")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "modules.eventBus.mqttPassword")
    Optional<String> password;

    /** Largest MQTT payload EventBus accepts from a device; larger ones are refused with a log line. */
    @Inject
    @ConfigProperty(name = "modules.eventBus.maxPayloadBytes", defaultValue = "1048576")
    int maxPayloadBytes;

    /**
     * Where the internal broker keeps its journal (retained messages, persistent sessions); a relative path is
     * under the server's output directory, Liberty's working directory.
     */
    @Inject
    @ConfigProperty(name = "modules.eventBus.dataDir", defaultValue = "data/eventbus")
    String dataDir;

    public boolean enabled() {
        return enabled;
    }

    public int mode() {
        return mode;
    }

    /** @return whether EdgeCore runs its own broker */
    public boolean embedded() {
        return enabled && mode != MODE_EXTERNAL;
    }

    public String internalServer() {
        return internalServer;
    }

    public String externalServer() {
        return externalServer;
    }

    /** @return the brokers EventBus's clients attach to, in the order of the mode */
    public List<String> brokerUrls() {
        List<String> urls = new ArrayList<>();
        if (mode != MODE_EXTERNAL) {
            urls.add(internalServer);
        }
        if (mode != MODE_INTERNAL) {
            urls.add(externalServer);
        }
        return urls;
    }

    public int qos() {
        return qos;
    }

    public boolean retain() {
        return retain;
    }

    public int sessionQueueSize() {
        return sessionQueueSize;
    }

    public String pubClientId() {
        return pubClientId.orElse("");
    }

    public String subClientId() {
        return subClientId.orElse("");
    }

    public Optional<String> username() {
        return username.filter(u -> !u.isBlank());
    }

    public Optional<String> password() {
        return password;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** @return the internal broker's data directory */
    public Path dataDir() {
        return Path.of(dataDir).toAbsolutePath();
    }

    /**
     * @return the problem with these settings, empty when they are usable
     */
    public Optional<String> problem() {
        if (mode < MODE_INTERNAL || mode > MODE_EXTERNAL) {
            return Optional.of("modules.eventBus.mqttMode must be 0 (internal broker), 1 (internal and external) or 2"
                    + " (external broker), got " + mode);
        }
        if (qos < 0 || qos > 2) {
            return Optional.of("modules.eventBus.mqttQOS must be 0, 1 or 2, got " + qos);
        }
        if (sessionQueueSize < 1) {
            return Optional.of("modules.eventBus.mqttSessionQueueSize must be positive, got " + sessionQueueSize);
        }
        for (String url : brokerUrls()) {
            URI uri = URI.create(url);
            if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
                return Optional.of("MQTT broker address '" + url + "' must look like tcp://127.0.0.1:1883");
            }
        }
        if (mode == MODE_BOTH && internalServer.equals(externalServer)) {
            return Optional.of("mqttMode 1 needs different internal and external brokers; both are " + internalServer
                    + " (set modules.eventBus.mqttServerInternal, e.g. tcp://127.0.0.1:1884)");
        }
        return Optional.empty();
    }
}
