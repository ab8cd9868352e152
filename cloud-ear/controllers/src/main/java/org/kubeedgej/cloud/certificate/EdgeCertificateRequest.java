package org.kubeedgej.cloud.certificate;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * An edge node's certificate request, checked before anything is signed: the node name is a DNS-1123 name, the
 * CSR is well formed and signed by its own key, it names that node (KubeEdge's {@code CN=system:node:<node>,
 * O=system:nodes}; KubeEdge's own service signs whatever subject a CSR carries, which lets any token holder become
 * any node), the key is strong enough, and the usages are ones a node needs. Each refusal says why.
 *
 * @param nodeName the node
 * @param subject the subject to certify (CN and O only)
 * @param publicKey the key to certify
 * @param usages extended key usages
 */
public record EdgeCertificateRequest(String nodeName, X500Name subject, PublicKey publicKey,
        List<KeyPurposeId> usages) {

    /** A CSR is a few hundred bytes; this bounds what is parsed. */
    public static final int MAX_CSR_BYTES = 64 * 1024;
    private static final Pattern NODE_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int MIN_EC_BITS = 256;
    private static final int MIN_RSA_BITS = 2048;
    /** Go's x509.ExtKeyUsage numbers KubeEdge's edge sends in the ExtKeyUsages header. */
    private static final int SERVER_AUTH = 1;
    private static final int CLIENT_AUTH = 2;

    /** A request that is refused, with the reason and the HTTP status to answer. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String reason) {
            super(reason);
            this.status = status;
        }

        /** @return the HTTP status for the answer */
        public int status() {
            return status;
        }
    }

    /**
     * @param nodeName the NodeName header
     * @param csrDer the request body
     * @param usagesHeader the ExtKeyUsages header (a JSON list of Go usage numbers), null for client auth
     * @return the checked request
     * @throws Refused with the reason
     */
    public static EdgeCertificateRequest check(String nodeName, byte[] csrDer, String usagesHeader) throws Refused {
        if (nodeName == null || !NODE_NAME.matcher(nodeName).matches()) {
            throw new Refused(400, "NodeName '" + (nodeName == null ? "" : abbreviate(nodeName)) + "' is not a"
                    + " DNS-1123 name (lower case letters, digits, '-' and '.', at most 253)");
        }
        JcaPKCS10CertificationRequest csr;
        PublicKey key;
        try {
            csr = new JcaPKCS10CertificationRequest(csrDer);
            key = csr.getPublicKey();
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new Refused(400, "the CSR's signature does not match its key");
            }
        } catch (IOException | RuntimeException | GeneralSecurityException | OperatorCreationException
                | PKCSException e) {
            throw new Refused(400, "the body is not a DER PKCS#10 certificate request: " + e.getMessage());
        }
        X500Name subject = csr.getSubject();
        String cn = single(subject, BCStyle.CN);
        String wanted = "system:node:" + nodeName;
        if (!wanted.equals(cn)) {
            throw new Refused(403, "the CSR asks for CN '" + abbreviate(String.valueOf(cn)) + "', but node " + nodeName
                    + " may only get CN '" + wanted + "'");
        }
        if (!values(subject, BCStyle.O).contains("system:nodes")) {
            throw new Refused(403, "the CSR lacks O=system:nodes; node certificates carry CN=system:node:<node>,"
                    + " O=system:nodes");
        }
        checkKey(key);
        return new EdgeCertificateRequest(nodeName, new org.bouncycastle.asn1.x500.X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "system:nodes").addRDN(BCStyle.CN, wanted).build(), key, usages(usagesHeader));
    }

    private static void checkKey(PublicKey key) throws Refused {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits < MIN_EC_BITS) {
                throw new Refused(400, "the CSR's EC key has " + bits + " bits; at least " + MIN_EC_BITS
                        + " (P-256) is required");
            }
        } else if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new Refused(400, "the CSR's RSA key has " + rsa.getModulus().bitLength() + " bits; at least "
                        + MIN_RSA_BITS + " are required");
            }
        } else {
            throw new Refused(400, "the CSR's key is " + key.getAlgorithm() + "; use ECDSA P-256 as KubeEdge does");
        }
    }

    static List<KeyPurposeId> usages(String header) throws Refused {
        if (header == null || header.isBlank()) {
            return List.of(KeyPurposeId.id_kp_clientAuth);
        }
        String body = header.trim();
        if (body.length() > 64 || !body.matches("\\[\\s*[0-9]+(\\s*,\\s*[0-9]+)*\\s*\\]")) {
            throw new Refused(400, "ExtKeyUsages '" + abbreviate(body) + "' is not a JSON list of usage numbers"
                    + " (KubeEdge sends [2] for client auth)");
        }
        List<KeyPurposeId> usages = new ArrayList<>();
        for (String n : body.substring(1, body.length() - 1).split(",")) {
            int usage = Integer.parseInt(n.trim());
            switch (usage) {
                case CLIENT_AUTH -> usages.add(KeyPurposeId.id_kp_clientAuth);
                case SERVER_AUTH -> usages.add(KeyPurposeId.id_kp_serverAuth);
                default -> throw new Refused(403, "extended key usage " + usage + " is not one an edge node gets (1"
                        + " server auth, 2 client auth)");
            }
        }
        return List.copyOf(usages);
    }

    private static String single(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) throws Refused {
        List<String> all = values(name, type);
        if (all.size() != 1) {
            throw new Refused(400, "the CSR's subject has " + all.size() + " common names; it needs one");
        }
        return all.get(0);
    }

    private static List<String> values(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs(type)) {
            ASN1Encodable value = rdn.getFirst().getValue();
            out.add(IETFUtils.valueToString(value));
        }
        return out;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
