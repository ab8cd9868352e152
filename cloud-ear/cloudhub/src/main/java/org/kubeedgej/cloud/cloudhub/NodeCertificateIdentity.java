package org.kubeedgej.cloud.cloudhub;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The edge node a client certificate speaks for. Two subject forms are accepted: KubeEdge's
 * ({@code CN=system:node:<node>, O=system:nodes}, what keadm join and KubeEdge's certificate service issue and what
 * KubeEdge's edgecore insists on for itself) and KubeEdge-J's older one ({@code CN=<node>}). A {@code system:node:}
 * CN without the {@code system:nodes} organisation is refused, as the Kubernetes node authorizer would.
 *
 * @param node the node's name, or null when the subject names none
 * @param problem why the subject names no node (empty when it does)
 */
public record NodeCertificateIdentity(String node, String problem) {

    /** The CN prefix of a Kubernetes node identity. */
    public static final String NODE_PREFIX = "system:node:";
    /** The organisation of every Kubernetes node identity. */
    public static final String NODES_GROUP = "system:nodes";

    /**
     * @param subject the certificate's subject
     * @return the node it names, or a problem
     */
    public static NodeCertificateIdentity of(X500Principal subject) {
        List<String> cns = new ArrayList<>();
        List<String> orgs = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject.getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    cns.add(rdn.getValue().toString());
                } else if ("O".equalsIgnoreCase(rdn.getType())) {
                    orgs.add(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            return refused("unreadable certificate subject: " + e.getMessage());
        }
        if (cns.size() != 1) {
            return refused("the certificate subject '" + subject.getName() + "' has " + cns.size()
                    + " common names; it needs one, CN=system:node:<node>");
        }
        String cn = cns.get(0);
        if (!cn.startsWith(NODE_PREFIX)) {
            return new NodeCertificateIdentity(cn, "");
        }
        if (!orgs.contains(NODES_GROUP)) {
            return refused("the certificate for '" + cn + "' lacks O=" + NODES_GROUP
                    + "; node certificates carry CN=system:node:<node>, O=system:nodes");
        }
        return new NodeCertificateIdentity(cn.substring(NODE_PREFIX.length()), "");
    }

    private static NodeCertificateIdentity refused(String problem) {
        return new NodeCertificateIdentity(null, problem);
    }

    /** @return the node, when the subject names one */
    public Optional<String> nodeName() {
        return Optional.ofNullable(node);
    }
}
