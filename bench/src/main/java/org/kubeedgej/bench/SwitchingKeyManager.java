package org.kubeedgej.bench;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client key manager of one {@link ConnectLane}: it offers whichever node identity the lane is connecting
 * right now. A lane connects one node at a time, so the handshake in progress is always that node's. Keys are
 * looked up by alias (= node name) from all identities, so a late lookup still finds the right one.
 */
final class SwitchingKeyManager extends X509ExtendedKeyManager {

    private final Map<String, NodeIdentity> byAlias;
    private final AtomicLong choices = new AtomicLong();
    private volatile NodeIdentity current;

    /** @param byAlias every node identity, by node name */
    SwitchingKeyManager(Map<String, NodeIdentity> byAlias) {
        this.byAlias = byAlias;
    }

    /** @param identity the node the next handshake is for */
    void use(NodeIdentity identity) {
        current = identity;
    }

    /** @return how many times a client certificate was chosen (a resumed TLS session chooses none) */
    long choices() {
        return choices.get();
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return chosen();
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return chosen();
    }

    private String chosen() {
        NodeIdentity identity = current;
        if (identity == null) {
            return null;
        }
        choices.incrementAndGet();
        return identity.nodeId();
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        NodeIdentity identity = byAlias.get(alias);
        return identity == null ? null : identity.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        NodeIdentity identity = byAlias.get(alias);
        return identity == null ? null : identity.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        NodeIdentity identity = current;
        return identity == null ? null : new String[] {identity.nodeId()};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
