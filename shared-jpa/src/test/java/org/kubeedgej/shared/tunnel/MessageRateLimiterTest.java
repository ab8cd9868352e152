package org.kubeedgej.shared.tunnel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageRateLimiterTest {

    @Test
    void aBurstPassesThenTheBucketIsEmpty() {
        MessageRateLimiter limiter = new MessageRateLimiter(1, 3);
        assertTrue(limiter.tryAcquire());
        assertTrue(limiter.tryAcquire());
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire(), "the fourth message within the same instant exceeds the burst");
    }

    @Test
    void acquireWaitsForTheNextTokenInsteadOfFailing() throws InterruptedException {
        MessageRateLimiter limiter = new MessageRateLimiter(200, 1);
        assertTrue(limiter.tryAcquire());
        limiter.acquire();
        assertFalse(limiter.tryAcquire(), "acquire took the token that had refilled");
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MessageRateLimiter(0, 1));
    }
}
