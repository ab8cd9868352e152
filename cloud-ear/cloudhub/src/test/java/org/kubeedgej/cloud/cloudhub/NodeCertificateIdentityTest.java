package org.kubeedgej.cloud.cloudhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class NodeCertificateIdentityTest {

    @Test
    void kubeEdgeFormNamesTheNode() {
        NodeCertificateIdentity underTest = NodeCertificateIdentity.of(
                new X500Principal("CN=system:node:worker2, O=system:nodes"));
        assertEquals("worker2", underTest.node());
        assertEquals("", underTest.problem());
    }

    @Test
    void plainCommonNameNamesTheNode() {
        assertEquals("edge-node", NodeCertificateIdentity.of(new X500Principal("CN=edge-node")).node());
    }

    @Test
    void nodePrefixWithoutNodesGroupIsRefused() {
        NodeCertificateIdentity underTest = NodeCertificateIdentity.of(
                new X500Principal("CN=system:node:worker2, O=someone"));
        assertTrue(underTest.nodeName().isEmpty());
        assertTrue(underTest.problem().contains("O=system:nodes"), underTest.problem());
    }

    @Test
    void subjectWithoutCommonNameIsRefused() {
        NodeCertificateIdentity underTest = NodeCertificateIdentity.of(new X500Principal("O=system:nodes"));
        assertTrue(underTest.nodeName().isEmpty());
        assertTrue(underTest.problem().contains("0 common names"), underTest.problem());
    }

    @Test
    void twoCommonNamesAreRefused() {
        NodeCertificateIdentity underTest = NodeCertificateIdentity.of(new X500Principal("CN=a, CN=b"));
        assertTrue(underTest.nodeName().isEmpty());
    }
}
