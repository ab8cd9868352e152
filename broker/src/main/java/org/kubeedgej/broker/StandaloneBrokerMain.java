package org.kubeedgej.broker;

import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;

/**
 * Runs one standalone broker until the process is stopped (SIGTERM stops it cleanly). It prints one line when it
 * starts serving clients ({@value #ACTIVE_LINE}) and, as a backup, one when its replica is in sync
 * ({@value #IN_SYNC_LINE}); tests and bin/kubeedge-j wait for those (or the ready file). A clustered broker also
 * prints when it is joined to its peer ({@value #JOINED_LINE}) and when it loses it ({@value #PEER_LOST_LINE}).
 */
public final class StandaloneBrokerMain {

    static final String ACTIVE_LINE = "KUBEEDGEJ-BROKER ACTIVE";
    static final String IN_SYNC_LINE = "KUBEEDGEJ-BROKER BACKUP-IN-SYNC";
    static final String JOINED_LINE = "KUBEEDGEJ-BROKER CLUSTER-JOINED";
    static final String PEER_LOST_LINE = "KUBEEDGEJ-BROKER CLUSTER-PEER-LOST";
    private static final Logger LOG = Logger.getLogger(StandaloneBrokerMain.class.getName());
    private static final long POLL_MILLIS = 100;
    /**
     * Artemis's audit loggers (base, message, resource) log at INFO, which java.util.logging prints by default:
     * every send, delivery and ack, the message and its routing dump written to stderr. Under downstream load that
     * log was most of what the broker did, and its heap ran out in the formatter (docs/benchmarks.md). Held in a
     * field: java.util.logging keeps loggers weakly, and a collected one forgets its level.
     */
    private static final Logger AUDIT = Logger.getLogger("org.apache.activemq.audit");

    private StandaloneBrokerMain() {
        throw new AssertionError();
    }

    public static void main(String[] args) throws Exception {
        // -Dkubeedgej.broker.audit=true turns the audit log back on (to trace one client, not under load).
        if (!Boolean.getBoolean("kubeedgej.broker.audit")) {
            AUDIT.setLevel(Level.WARNING);
        }
        BrokerOptions options;
        try {
            options = BrokerOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(options.dataDir());
        if (options.readyFile() != null) {
            Files.deleteIfExists(options.readyFile());
        }
        // Persistence on: the journal under --data-dir is what survives a restart (and what the backup copies).
        ActiveMQServer server = ActiveMQServers.newActiveMQServer(PairConfigurationFactory.create(options), true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(server), "broker-stop"));
        try {
            server.start();
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "cannot start the " + describe(options) + " (data in " + options.dataDir()
                    + "): is the port taken or the journal locked by another broker?", e);
            System.exit(1);
        }
        System.out.println("KUBEEDGEJ-BROKER STARTED " + describe(options) + ", data in " + options.dataDir()
                + "; pages to disk beyond " + options.globalMaxBytes() / 1024 + " KiB in all, "
                + options.nodeQueueMaxBytes() / 1024 + " KiB per node queue (heap max "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)");
        announce(server, options);
    }

    /** Prints (and writes to the ready file) each state once, as it is reached; runs until the process ends. */
    private static void announce(ActiveMQServer server, BrokerOptions options) throws Exception {
        boolean active = false;
        boolean inSync = false;
        boolean joined = false;
        while (true) {
            if (!active && server.isActive()) {
                active = true;
                System.out.println(ACTIVE_LINE + " " + describe(options) + " serves clients");
                writeReady(options, "active");
            } else if (!inSync && !active && options.role() == BrokerRole.BACKUP && server.isReplicaSync()) {
                inSync = true;
                System.out.println(IN_SYNC_LINE + " " + describe(options) + " holds a replica of port "
                        + options.peerPort());
                writeReady(options, "backup");
            }
            if (active && options.role() == BrokerRole.CLUSTERED && joined != peerJoined(server)) {
                joined = !joined;
                System.out.println((joined ? JOINED_LINE : PEER_LOST_LINE) + " " + describe(options));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** @return whether the cluster connection holds a record of the peer (its bridge is up) */
    private static boolean peerJoined(ActiveMQServer server) {
        var cluster = server.getClusterManager().getClusterConnection(SymmetricClusterConfiguration.CLUSTER);
        return cluster != null && !cluster.getNodes().isEmpty();
    }

    private static void writeReady(BrokerOptions options, String state) throws Exception {
        if (options.readyFile() == null) {
            return;
        }
        // Written whole, then moved: a reader never sees half a file.
        var tmp = options.readyFile().resolveSibling(options.readyFile().getFileName() + ".tmp");
        Files.writeString(tmp, state + " " + options.host() + ":" + options.port() + "\n");
        Files.move(tmp, options.readyFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String describe(BrokerOptions options) {
        return options.role().name().toLowerCase() + " broker on " + options.host() + ":" + options.port()
                + (options.role().hasPeer() ? " (peer port " + options.peerPort() + ")" : "");
    }

    private static void stopQuietly(ActiveMQServer server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "broker stop failed; its journal is still consistent (Artemis replays it)", e);
        }
    }
}
