package it.org.kubeedgej.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment every system test gives edgecore: its node name, where CloudHub is, its TLS stores and its
 * database.
 */
public final class EdgeCoreEnv {

    private EdgeCoreEnv() {
    }

    /**
     * @param node the edge node's name (its certificate is {@code edge-<node>.p12} in {@code certs})
     * @param hubPort CloudHub's port on 127.0.0.1
     * @param certs the test CA's stores
     * @param database edgecore's Derby directory
     * @param more further variables as name, value pairs
     * @return a new, modifiable map
     */
    public static Map<String, String> of(String node, int hubPort, TestCertificates certs, Path database,
            String... more) {
        if (more.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Map<String, String> env = new HashMap<>();
        env.put("MODULES_EDGED_HOSTNAMEOVERRIDE", node);
        env.put("MODULES_EDGEHUB_WEBSOCKET_SERVER", "127.0.0.1:" + hubPort);
        env.put("MODULES_EDGESTREAM_TUNNELSERVER", "127.0.0.1:" + LibertyServer.tunnelPortForHub(hubPort));
        env.put("MODULES_EDGEHUB_TLSKEYSTORE", certs.dir().resolve("edge-" + node + ".p12").toString());
        env.put("MODULES_EDGEHUB_TLSTRUSTSTORE", certs.dir().resolve("truststore.p12").toString());
        env.put("EDGECORE_DATABASE_DIR", database.toString());
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }
}
