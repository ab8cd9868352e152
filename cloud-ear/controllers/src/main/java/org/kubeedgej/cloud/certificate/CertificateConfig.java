package org.kubeedgej.cloud.certificate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The certificate service's settings, with KubeEdge's {@code modules.cloudHub} names and defaults. */
@ApplicationScoped
public class CertificateConfig {

    @Inject
    @ConfigProperty(name = "modules.cloudHub.edgeCertSigningDuration", defaultValue = "365")
    int edgeCertSigningDays;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.tokenRefreshDuration", defaultValue = "12")
    int tokenRefreshHours;

    /** CloudCore's addresses for edges: IP SANs of the server certificate CloudCore makes when it has none. */
    @Inject
    @ConfigProperty(name = "modules.cloudHub.advertiseAddress", defaultValue = "127.0.0.1")
    List<String> advertiseAddress;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.dnsNames")
    Optional<List<String>> dnsNames;

    /** Where certgen's ca.crt/ca.key and cloudcore.crt/cloudcore.key are (CloudHub's key stores live there too). */
    @Inject
    @ConfigProperty(name = "CLOUDHUB_CERTS_DIR")
    Optional<String> certsDir;

    public Duration edgeCertSigningDuration() {
        return Duration.ofDays(edgeCertSigningDays);
    }

    public Duration tokenRefreshDuration() {
        return Duration.ofHours(tokenRefreshHours);
    }

    public List<String> advertiseAddress() {
        return advertiseAddress.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public List<String> dnsNames() {
        return dnsNames.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** @return the certificates directory: CLOUDHUB_CERTS_DIR, else the server's certs/ as server.xml has it */
    public Path certsDir() {
        return Path.of(certsDir.filter(s -> !s.isBlank())
                .orElse(System.getProperty("server.config.dir", ".") + "/certs"));
    }
}
