package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;

/** When a deletion is confirmed again, and when it stops being. */
final class DeletionConfirmationsTest {

    private final List<Message> sent = new ArrayList<>();
    private final DeletionConfirmations underTest = new DeletionConfirmations(sent::add);
    private final Instant t0 = Instant.parse("2026-12-08T00:00:00Z");
    private final PodRef web = new PodRef("default", "web", "uid-web", false);
    private final PodRef db = new PodRef("shop", "db", "uid-db", false);

    @Test
    void aConfirmationIsKubeEdgesDeleteOptionsOnTheUid() {
        underTest.confirm(web, t0);
        Message m = sent.get(0);
        assertEquals(Operations.DELETE, m.route().operation());
        assertEquals("default/pod/web", m.route().resource());
        assertEquals(0, m.content().asJsonObject().getInt("gracePeriodSeconds"));
        assertEquals("uid-web", m.content().asJsonObject().getJsonObject("preconditions").getString("uid"));
    }

    @Test
    void resentOnlyOnceTheResendPeriodHasPassedAndThenNotBeforeTheNextOne() {
        underTest.confirm(web, t0);
        underTest.resendDue(t0.plus(DeletionConfirmations.RESEND_AFTER).minusMillis(1));
        assertEquals(1, sent.size(), "not yet due");
        Instant due = t0.plus(DeletionConfirmations.RESEND_AFTER).plusMillis(1);
        underTest.resendDue(due);
        assertEquals(2, sent.size(), "due");
        underTest.resendDue(due.plusSeconds(1));
        assertEquals(2, sent.size(), "the period starts again at the resend");
    }

    @Test
    void aNewConnectionGetsEveryWaitingOneAtOnce() {
        underTest.confirm(web, t0);
        underTest.confirm(db, t0);
        underTest.resendAll(t0.plusMillis(5));
        assertEquals(4, sent.size());
        assertEquals(List.of("default/pod/web", "shop/pod/db"), sent.subList(2, 4).stream()
                .map(m -> m.route().resource()).sorted().toList());
    }

    @Test
    void theFinalDeleteByUidOrByNameEndsIt() {
        underTest.confirm(web, t0);
        underTest.confirm(db, t0);
        underTest.finished("uid-web");
        underTest.finishedByKey("shop", "db");
        underTest.resendAll(t0.plusSeconds(60));
        assertEquals(2, sent.size(), "nothing sent again: " + sent);
        assertEquals(0, underTest.waiting());
    }

    @Test
    void aNewerPodOfTheSameNameDoesNotEndTheOlderOnesWait() {
        underTest.confirm(web, t0);
        underTest.finished("uid-of-a-newer-web");
        assertEquals(1, underTest.waiting());
    }
}
