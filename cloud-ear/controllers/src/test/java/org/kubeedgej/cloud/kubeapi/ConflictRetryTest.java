package org.kubeedgej.cloud.kubeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubernetes.client.openapi.ApiException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What is tried again (a conflict, a few times) and what is not. */
final class ConflictRetryTest {

    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aConflictIsWrittenAgainFromAFreshAttempt() throws ApiException {
        String written = ConflictRetry.onConflict(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ApiException(409, "the object has been modified");
            }
            return "written";
        });
        assertEquals("written", written);
        assertEquals(3, attempts.get());
    }

    @Test
    void anotherFailureIsNotTriedAgain() {
        ApiException e = assertThrows(ApiException.class, () -> ConflictRetry.onConflict(() -> {
            attempts.incrementAndGet();
            throw new ApiException(500, "etcd is down");
        }));
        assertEquals(500, e.getCode());
        assertEquals(1, attempts.get());
    }

    @Test
    void conflictsWithoutEndGiveTheLastOneAfterAFewAttempts() {
        ApiException e = assertThrows(ApiException.class, () -> ConflictRetry.onConflict(() -> {
            attempts.incrementAndGet();
            throw new ApiException(409, "again");
        }));
        assertEquals(409, e.getCode());
        assertEquals(5, attempts.get());
    }
}
