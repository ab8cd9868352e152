/**
 * CloudCore's certificate service, as KubeEdge's CloudHub HTTPS server ({@code modules.cloudHub.https}, port 10002):
 * the CA that signs edge node certificates, KubeEdge's join tokens (hex SHA-256 of the CA's DER, a dot, an HS256 JWT
 * keyed by the CA's private key), and the Secrets {@code casecret}, {@code cloudcoresecret} and {@code tokensecret} in
 * namespace {@code kubeedge} that let replicas and restarts share them. The HTTP side is
 * {@code org.kubeedgej.cloud.cloudhub.CertificateEndpoint}.
 */
package org.kubeedgej.cloud.certificate;
