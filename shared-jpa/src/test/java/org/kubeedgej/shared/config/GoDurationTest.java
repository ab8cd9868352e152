package org.kubeedgej.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void readsWhatGoWrites() {
        assertEquals(Duration.ofHours(4), GoDuration.parse("4h0m0s"), "the kubelet's streaming idle timeout");
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofMillis(500), GoDuration.parse("500ms"));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s"));
        assertEquals(Duration.ofSeconds(30), GoDuration.parse("30"), "a bare number is seconds");
    }

    @Test
    void refusesWhatIsNotADuration() {
        for (String bad : new String[] {"", "4 hours", "h", "5x", "1h-2m", "10s junk"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(bad),
                    bad);
            assertTrue(e.getMessage().contains("4h0m0s"), e.getMessage());
        }
    }
}
