package org.kubeedgej.edge.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** keadm join's flags. */
class JoinOptionsTest {

    private static final Path DEFAULT_DIR = Path.of("/tmp/edge-default");

    @Test
    void keadmsLongFlagsBothWays() {
        JoinOptions underTest = JoinOptions.parse(new String[] {"--cloudcore-ipport=10.1.2.3:10000", "--token", "t",
            "--edgenode-name=edge-1"}, DEFAULT_DIR);
        assertEquals("10.1.2.3:10000", underTest.cloudHubServer());
        assertEquals("https://10.1.2.3:10002", underTest.httpServer());
        assertEquals("edge-1", underTest.nodeName());
        assertEquals("t", underTest.token());
        assertEquals(DEFAULT_DIR, underTest.edgeDir());
    }

    @Test
    void keadmsShortFlagsCertPortAndEdgeDir() {
        JoinOptions underTest = JoinOptions.parse(new String[] {"-e", "cloud.example:10000", "-t=x", "-i", "n1",
            "-s", "20002", "--edge-dir=/var/lib/e1"}, DEFAULT_DIR);
        assertEquals("https://cloud.example:20002", underTest.httpServer());
        assertEquals(Path.of("/var/lib/e1"), underTest.edgeDir());
    }

    @Test
    void ipv6InBrackets() {
        JoinOptions underTest = JoinOptions.parse(new String[] {"--cloudcore-ipport=[fd00::1]:10000", "-i", "n"},
                DEFAULT_DIR);
        assertEquals("https://[fd00::1]:10002", underTest.httpServer());
        assertEquals("[fd00::1]:10000", underTest.cloudHubServer());
    }

    @Test
    void keadmInstallFlagsAreIgnoredWithAWarning() {
        JoinOptions underTest = JoinOptions.parse(new String[] {"--cloudcore-ipport=1.2.3.4:10000", "-i", "n",
            "--kubeedge-version=v1.22.0", "--cgroupdriver", "systemd"}, DEFAULT_DIR);
        assertEquals(2, underTest.warnings().size());
        assertEquals("n", underTest.nodeName());
    }

    @Test
    void tryToJoinWithoutCloudOrWithBadValues() {
        assertTrue(usage("-i", "n").contains("--cloudcore-ipport is required"));
        assertTrue(usage("--cloudcore-ipport=1.2.3.4", "-i", "n").contains("not HOST:PORT"));
        assertTrue(usage("--cloudcore-ipport=fd00::1:10000", "-i", "n").contains("brackets"));
        assertTrue(usage("--cloudcore-ipport=1.2.3.4:http", "-i", "n").contains("not a port"));
        assertTrue(usage("--cloudcore-ipport=1.2.3.4:10000", "-i", "Edge_1").contains("DNS-1123"));
        assertTrue(usage("--cloudcore-ipport=1.2.3.4:10000", "-i", "n", "--certport=0").contains("not a port"));
        assertTrue(usage("--cloudcore-ipport=1.2.3.4:10000", "--bogus=1").contains("unknown flag --bogus"));
        assertTrue(usage("--cloudcore-ipport=1.2.3.4:10000", "--token").contains("needs a value"));
    }

    private static String usage(String... args) {
        return assertThrows(JoinOptions.UsageException.class, () -> JoinOptions.parse(args, DEFAULT_DIR)).getMessage();
    }
}
