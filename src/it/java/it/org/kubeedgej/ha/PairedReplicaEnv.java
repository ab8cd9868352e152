package it.org.kubeedgej.ha;

import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.TestCertificates;
import java.util.HashMap;
import java.util.Map;

/** The environment of a CloudCore replica on the standalone broker pair, as {@code bin/kubeedge-j up --ha} sets it. */
final class PairedReplicaEnv {

    private static final String NETTY = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory";

    private PairedReplicaEnv() {
        throw new AssertionError();
    }

    /** @return a mutable map: no embedded broker, the adapter and the node queues on both brokers, failover on */
    static Map<String, String> of(DevCluster cluster, TestCertificates certs, int primaryPort, int backupPort) {
        return new HashMap<>(Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString(),
                "MODULES_CLOUDHUB_BROKER_EMBEDDED", "false",
                "MODULES_CLOUDHUB_BROKER_PORT", String.valueOf(primaryPort),
                "MODULES_CLOUDHUB_BROKER_BACKUPPORT", String.valueOf(backupPort),
                "MODULES_CLOUDHUB_BROKER_HA", "true",
                "MODULES_CLOUDHUB_BROKER_CONNECTORS", NETTY + "," + NETTY,
                "MODULES_CLOUDHUB_BROKER_CONNECTIONPARAMETERS",
                "host=127.0.0.1;port=" + primaryPort + ",host=127.0.0.1;port=" + backupPort));
    }

    /** @return the pair as a CORE client URL with failover, ready for more parameters */
    static String clientUrl(int primaryPort, int backupPort) {
        return "(tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:" + backupPort + ")?ha=true&";
    }
}
