package org.kubeedgej.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One HttpClient (one selector thread, whatever the number of sessions on it) that connects edges one after
 * the other, each with its own certificate: the lane's {@link SwitchingKeyManager} offers the identity of the
 * edge being connected, and cached TLS sessions are dropped first so no handshake resumes another node's
 * session (CloudHub would see the wrong certificate). Sessions stay on the client once open. A lane may connect
 * edges to different CloudHubs (replicas): the address comes with each connect.
 */
final class ConnectLane {

    private final HttpClient client;
    private final SSLContext tls;
    private final SwitchingKeyManager keys;
    private final String projectId;
    private final Duration connectTimeout;

    ConnectLane(Map<String, NodeIdentity> identities, TrustManagerFactory trust, Executor executor,
            String projectId, Duration connectTimeout) throws GeneralSecurityException {
        this.keys = new SwitchingKeyManager(identities);
        this.tls = SSLContext.getInstance("TLS");
        tls.init(new javax.net.ssl.KeyManager[] {keys}, trust.getTrustManagers(), null);
        SSLParameters parameters = tls.getDefaultSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .sslParameters(parameters)
                .executor(executor)
                .connectTimeout(connectTimeout)
                .build();
        this.projectId = projectId;
        this.connectTimeout = connectTimeout;
    }

    /**
     * Connects one edge and waits for the session to open.
     *
     * @param edge the edge
     * @param base the CloudHub, {@code wss://host:port/}
     * @return null when open, else the cause of the failure
     */
    String connect(SimulatedEdge edge, URI base) {
        String nodeId = edge.nodeId();
        forgetSessions();
        keys.use(edge.identity());
        long choicesBefore = keys.choices();
        try {
            client.newWebSocketBuilder()
                    .header("node_id", nodeId)
                    .header("project_id", projectId)
                    .connectTimeout(connectTimeout)
                    .buildAsync(base.resolve("/" + projectId + "/" + nodeId + "/events"), edge)
                    .get(connectTimeout.toSeconds() + 5, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            String cause = ConnectFailure.describe(e);
            return keys.choices() == choicesBefore && cause.startsWith("HTTP 403")
                    ? "TLS session resumed with another node's certificate" : cause;
        } catch (TimeoutException e) {
            return "no upgrade answer in time";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            keys.use(null);
        }
    }

    private void forgetSessions() {
        SSLSessionContext cache = tls.getClientSessionContext();
        for (byte[] id : Collections.list(cache.getIds())) {
            SSLSession session = cache.getSession(id);
            if (session != null) {
                session.invalidate();
            }
        }
    }
}
