package org.kubeedgej.bench;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * One simulated edge node's name and TLS client identity.
 *
 * @param nodeId the node name, also the certificate's CN
 * @param key its EC private key
 * @param chain its certificate followed by the CA's
 */
record NodeIdentity(String nodeId, PrivateKey key, X509Certificate[] chain) {
}
