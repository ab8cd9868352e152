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

    /** Days, as KubeEdge's setting; a Go duration ("90s", "10m", "2h") is taken too, for short-lived test setups. */
    @Inject
    @ConfigProperty(name = "modules.cloudHub.edgeCertSigningDuration", defaultValue = "365")
    String edgeCertSigningDuration;

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
        return parseDays(edgeCertSigningDuration);
    }

    static Duration parseDays(String value) {
        String v = value.trim();
        try {
            if (v.matches("[0-9]+")) {
                return Duration.ofDays(Long.parseLong(v));
            }
            if (v.matches("[0-9]+[smh]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
        } catch (NumberFormatException tooLarge) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("modules.cloudHub.edgeCertSigningDuration '" + value + "' is neither days"
                + " (KubeEdge's 365) nor a duration such as 90s, 10m or 2h");
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
