package org.kubeedgej.edge.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kubeedgej.edge.certificate.CertificateServiceClient;
import org.kubeedgej.edge.certificate.CertificateServiceStandIn;
import org.kubeedgej.edge.certificate.JoinToken;

/** The join command end to end against the certificate service stand-in: files, config, and each failure's message. */
class JoinCommandTest {

    @TempDir
    static Path scratch;
    static CertificateServiceStandIn cloud;
    static String port;

    @TempDir
    Path edge;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        cloud = new CertificateServiceStandIn(scratch);
        port = cloud.httpServer().substring(cloud.httpServer().lastIndexOf(':') + 1);
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void joinWritesKubeEdgesFilesAndConfig() throws Exception {
        assertEquals(0, join("--token=" + cloud.token(), "--edgenode-name=edge-7"), err());
        Path ca = edge.resolve("ca/rootCA.crt");
        Path cert = edge.resolve("certs/server.crt");
        Path key = edge.resolve("certs/server.key");
        assertEquals(cloud.ca(), certificate(ca));
        X509Certificate node = certificate(cert);
        assertTrue(node.getSubjectX500Principal().getName().contains("CN=system:node:edge-7"));
        node.verify(cloud.ca().getPublicKey());
        assertTrue(Files.readString(key).startsWith("-----BEGIN EC PRIVATE KEY-----\n"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));

        String yaml = Files.readString(edge.resolve("config/edgecore.yaml"));
        assertTrue(yaml.contains("apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\n"), yaml);
        assertTrue(yaml.contains("    hostnameOverride: \"edge-7\"\n"), yaml);
        assertTrue(yaml.contains("    httpServer: \"https://127.0.0.1:" + port + "\"\n"), yaml);
        assertTrue(yaml.contains("      server: \"127.0.0.1:10000\"\n"), yaml);
        assertTrue(yaml.contains("    tlsCaFile: \"" + ca + "\"\n"), yaml);
        assertTrue(yaml.contains("    tlsCertFile: \"" + cert + "\"\n"), yaml);
        assertTrue(yaml.contains("    tlsPrivateKeyFile: \"" + key + "\"\n"), yaml);
        assertTrue(yaml.contains("    rotateCertificates: true\n"), yaml);
        assertFalse(yaml.contains(cloud.token().substring(65)), "the token is not stored");
        assertTrue(out().contains("[join] CA checked against the token"), out());
    }

    @Test
    void secondJoinIntoTheSameDirectoryIsRefused() throws Exception {
        assertEquals(0, join("--token=" + cloud.token(), "-i", "edge-8"), err());
        assertEquals(1, join("--token=" + cloud.token(), "-i", "edge-8"));
        assertTrue(err().contains("holds a joined node already") && err().contains("bin/kubeedge-j reset"), err());
    }

    @Test
    void tokenForAnotherCaIsRefusedAndNothingIsWritten() throws Exception {
        String token = JoinToken.sha256Hex("another CA".getBytes()) + cloud.token().substring(64);
        assertEquals(1, join("--token=" + token, "-i", "edge-9"));
        assertTrue(err().contains("is not the CA this token was made for"), err());
        assertTrue(err().contains("fix: use a token from this cluster's cloud host"), err());
        assertEmpty();
    }

    @Test
    void badTokenFormatIsRefusedBeforeCallingTheCloud() throws Exception {
        int calls = cloud.calls().size();
        assertEquals(1, join("--token=abc.def", "-i", "edge-9"));
        assertTrue(err().contains("not in KubeEdge's format") && err().contains("gettoken"), err());
        assertEquals(calls, cloud.calls().size());
        assertEmpty();
    }

    @Test
    void refusalByTheCloudIsPrintedWithItsReason() throws Exception {
        cloud.refuseNext(401, "token validation failure, err: token has invalid claims: token is expired");
        assertEquals(1, join("--token=" + cloud.token(), "-i", "edge-9"));
        assertTrue(err().contains("HTTP 401: token validation failure, err: token has invalid claims"), err());
        assertTrue(err().contains("fix: the token is wrong or has expired"), err());
        assertEmpty();
    }

    @Test
    void unreachableCloudIsExplained() throws Exception {
        assertEquals(1, run("--cloudcore-ipport=127.0.0.1:10000", "--certport=1", "--token=" + cloud.token(),
                "-i", "edge-9"));
        assertTrue(err().contains("cannot reach CloudCore's certificate service at https://127.0.0.1:1"), err());
        assertTrue(err().contains("fix: check that cloudcore runs on 127.0.0.1"), err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("--token=x"));
        assertTrue(err().contains("--cloudcore-ipport is required") && err().contains("usage:"), err());
    }

    private int join(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--cloudcore-ipport=127.0.0.1:10000";
        all[1] = "--certport=" + port;
        System.arraycopy(args, 0, all, 2, args.length);
        return run(all);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return JoinCommand.run(args, edge, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private void assertEmpty() throws Exception {
        try (var files = Files.list(edge)) {
            assertEquals(0, files.count(), "a failed join leaves nothing behind");
        }
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return CertificateServiceClient.certificate(Base64.getDecoder().decode(body));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
