package org.kubeedgej.cloud.leaderelection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** client-go's rules for the timings, and the replica id. */
class LeaderElectionSettingsTest {

    private static LeaderElectionSettings settings(long lease, long renew, long retry) {
        LeaderElectionSettings s = new LeaderElectionSettings();
        s.identity = Optional.empty();
        s.leaseDurationSeconds = lease;
        s.renewDeadlineSeconds = renew;
        s.retryPeriodSeconds = retry;
        return s;
    }

    @Test
    void theDefaultsAreValid() {
        assertTrue(settings(15, 10, 2).problem().isEmpty());
    }

    @Test
    void aLeaseNotLongerThanTheRenewDeadlineIsRefused() {
        assertTrue(settings(10, 10, 2).problem().orElseThrow().contains("leaseDurationSeconds"));
    }

    @Test
    void aRenewDeadlineWithinOneJitteredRetryIsRefused() {
        assertTrue(settings(15, 2, 2).problem().orElseThrow().contains("renewDeadlineSeconds"));
        assertTrue(settings(15, 10, 0).problem().orElseThrow().contains("retryPeriodSeconds"));
    }

    @Test
    void theReplicaIdIsTheConfiguredOneElseStableForTheHostAndDirectory() {
        LeaderElectionSettings named = settings(15, 10, 2);
        named.identity = Optional.of("cloudcore-0");
        assertEquals("cloudcore-0", named.replicaId());
        String derived = settings(15, 10, 2).replicaId();
        assertTrue(derived.matches(".+_[0-9a-f]{8}"), derived);
        assertEquals(derived, settings(15, 10, 2).replicaId(), "a restart in place keeps its id");
    }
}
