package org.kubeedgej.edge.join;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import org.kubeedgej.edge.certificate.CertificateServiceClient;
import org.kubeedgej.edge.certificate.CertificateServiceException;
import org.kubeedgej.edge.certificate.JoinToken;
import org.kubeedgej.edge.certificate.NodeKey;
import org.kubeedgej.edge.certificate.PemFiles;

/**
 * {@code bin/kubeedge-j join}'s certificate and config half (the launcher then starts edgecore): fetch the CA from
 * CloudCore's certificate service, check it against the token's hash, make a P-256 key and its request, get the node
 * certificate with the token, and write KubeEdge's files under the edge directory: {@code ca/rootCA.crt},
 * {@code certs/server.crt}, {@code certs/server.key} (SEC1) and {@code config/edgecore.yaml}. Nothing is written until
 * the certificate is in hand, so a failed join leaves nothing behind and can simply be run again.
 *
 * <p>{@code java -jar edge-join.jar [join] --cloudcore-ipport=IP:10000 --token=... --edgenode-name=NAME
 * [--certport=10002] [--edge-dir=DIR]}; {@code java -jar edge-join.jar wait-ready ...} is {@link ReadinessWait}.
 * Exit codes: 0 joined, 1 failed (cause and fix printed), 2 bad command line.
 */
public final class JoinCommand {

    private final PrintStream out;

    JoinCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length > 0 && "wait-ready".equals(args[0])) {
            System.exit(ReadinessWait.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        String[] rest = args.length > 0 && "join".equals(args[0]) ? Arrays.copyOfRange(args, 1, args.length) : args;
        System.exit(run(rest, Path.of(System.getProperty("kubeedgej.edgeDir", ".run/edge")), System.out, System.err));
    }

    /**
     * @param args join's flags
     * @param defaultEdgeDir the edge directory without {@code --edge-dir}
     * @param out progress
     * @param err failures
     * @return the exit code
     */
    static int run(String[] args, Path defaultEdgeDir, PrintStream out, PrintStream err) {
        JoinOptions options;
        try {
            options = JoinOptions.parse(args, defaultEdgeDir);
        } catch (JoinOptions.UsageException e) {
            err.println("ERROR: " + e.getMessage());
            err.println("usage: bin/kubeedge-j join --cloudcore-ipport=IP:10000 --token=TOKEN --edgenode-name=NAME"
                    + " [--certport=10002]");
            return 2;
        }
        options.warnings().forEach(w -> out.println("warning: " + w));
        try {
            new JoinCommand(out).join(options);
            return 0;
        } catch (CertificateServiceException e) {
            err.println("ERROR: " + e.explain());
            return 1;
        }
    }

    /** @throws CertificateServiceException when a step fails, with its fix */
    void join(JoinOptions options) {
        EdgeCoreYaml.Layout layout = new EdgeCoreYaml.Layout(options.edgeDir());
        if (Files.exists(layout.certFile()) || Files.exists(layout.configFile())) {
            throw new CertificateServiceException("this edge directory holds a joined node already ("
                    + layout.certFile().getParent().getParent() + ")",
                    "run `bin/kubeedge-j reset` first (it stops edgecore and removes certificates, config and"
                    + " database), or join into another --edge-dir");
        }
        JoinToken token = JoinToken.parse(options.token());
        CertificateServiceClient service = CertificateServiceClient.of(options.httpServer());

        step("fetching the cluster CA from " + service.address() + "/ca.crt");
        byte[] caDer = service.fetchCa();
        token.verifyCa(caDer, service.address() + "/ca.crt");
        X509Certificate ca = parse(caDer);
        step("CA checked against the token: " + ca.getSubjectX500Principal().getName() + " (SHA-256 "
                + token.caHash().substring(0, 16) + "...)");

        NodeKey key = NodeKey.generate();
        step("requesting the certificate for node " + options.nodeName() + " (ECDSA P-256 key made here; only its"
                + " certificate request leaves this host)");
        X509Certificate cert = service.requestWithToken(key, options.nodeName(), token, ca);
        step("certificate issued: " + cert.getSubjectX500Principal().getName() + ", valid until "
                + cert.getNotAfter().toInstant());

        try {
            PemFiles.write(layout.caFile(), PemFiles.CERTIFICATE, caDer, false);
            PemFiles.writeKeyPair(layout.certFile(), cert.getEncoded(), layout.keyFile(), key.sec1());
            EdgeCoreYaml.write(options, layout, Instant.now());
        } catch (IOException | java.security.cert.CertificateEncodingException e) {
            throw new CertificateServiceException("cannot write the edge's files under " + options.edgeDir() + ": "
                    + e.getMessage(), "check that the directory is writable and the disk has room");
        }
        step("wrote " + layout.caFile() + ", " + layout.certFile() + ", " + layout.keyFile() + " and "
                + layout.configFile());
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return CertificateServiceClient.certificate(der);
        } catch (CertificateException e) {
            throw new IllegalStateException("checked by fetchCa", e);
        }
    }

    private void step(String text) {
        out.println("[join] " + text);
    }
}
