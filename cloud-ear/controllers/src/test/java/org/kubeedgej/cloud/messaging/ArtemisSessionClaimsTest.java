package org.kubeedgej.cloud.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kubeedgej.cloud.broker.BrokerConfig;
import org.kubeedgej.cloud.broker.BrokerConfigurationFactory;

/** Two replicas' claims over a real broker configured as CloudCore configures its own. */
class ArtemisSessionClaimsTest {

    @TempDir
    Path dir;

    private ActiveMQServer server;
    private ArtemisSessionClaims replicaA;
    private ArtemisSessionClaims replicaB;

    @BeforeEach
    void start() throws Exception {
        server = ActiveMQServers.newActiveMQServer(BrokerConfigurationFactory.create("127.0.0.1", 0, dir, false));
        server.start();
        replicaA = claims();
        replicaB = claims();
    }

    @AfterEach
    void stop() throws Exception {
        replicaA.close();
        replicaB.close();
        server.stop();
    }

    @Test
    void everyReplicaHearsEveryClaimWithItsFields() throws Exception {
        BlockingQueue<SessionClaim> heardByA = new LinkedBlockingQueue<>();
        BlockingQueue<SessionClaim> heardByB = new LinkedBlockingQueue<>();
        AutoCloseable a = replicaA.listen(heardByA::add);
        AutoCloseable b = replicaB.listen(heardByB::add);
        SessionClaim claim = new SessionClaim("edge-1", "replica-b", Instant.ofEpochMilli(1_765_000_000_123L));
        replicaB.announce(claim);
        assertEquals(claim, heardByA.poll(10, TimeUnit.SECONDS), "the other replica hears it");
        assertEquals(claim, heardByB.poll(10, TimeUnit.SECONDS), "the announcing replica hears itself too");
        a.close();
        replicaB.announce(new SessionClaim("edge-2", "replica-b", Instant.now()));
        assertEquals("edge-2", heardByB.poll(10, TimeUnit.SECONDS).nodeId());
        assertTrue(heardByA.isEmpty(), "a closed subscription hears nothing more");
        b.close();
    }

    @Test
    void claimsAreOrderedTheSameWayEverywhere() {
        Instant t = Instant.parse("2026-12-07T12:00:00Z");
        SessionClaim early = new SessionClaim("n", "replica-b", t);
        SessionClaim late = new SessionClaim("n", "replica-a", t.plusMillis(1));
        assertTrue(late.isNewerThan(early));
        assertFalse(early.isNewerThan(late));
        SessionClaim sameTimeA = new SessionClaim("n", "replica-a", t);
        assertTrue(early.isNewerThan(sameTimeA), "a tie goes to the greater replica id, on every replica");
        assertFalse(sameTimeA.isNewerThan(early));
        assertFalse(early.isNewerThan(early), "a claim is not newer than itself");
    }

    private static ArtemisSessionClaims claims() {
        ArtemisSessionClaims claims = new ArtemisSessionClaims();
        claims.broker = new BrokerConfig() {
            @Override
            public String inProcessUrl() {
                return "vm://0";
            }

            @Override
            public String url() {
                return "vm://0";
            }

            @Override
            public String failoverParameters() {
                return "";
            }
        };
        claims.threads = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable work) {
                Thread thread = new Thread(work);
                thread.setDaemon(true);
                return thread;
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException("claims use one plain thread");
            }
        };
        return claims;
    }
}
