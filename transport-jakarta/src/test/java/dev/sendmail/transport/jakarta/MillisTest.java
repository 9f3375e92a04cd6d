package dev.sendmail.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MillisTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void saturatesInsteadOfOverflowing() {
        assertEquals(Integer.MAX_VALUE, Millis.of(Duration.ofSeconds(Long.MAX_VALUE)));
        assertEquals(Integer.MAX_VALUE, Millis.of(Duration.ofDays(100_000)));
        assertEquals(1, Millis.of(Duration.ZERO));
        assertEquals(1, Millis.of(Duration.ofNanos(10)));
        assertEquals(1500, Millis.of(Duration.ofMillis(1500)));
    }

    @Test
    void deadlineCapsTheLimit() {
        assertEquals(5000, Millis.within(Duration.ofSeconds(5), NOW.plusSeconds(60), NOW));
        assertEquals(2000, Millis.within(Duration.ofMinutes(5), NOW.plusSeconds(2), NOW));
        assertEquals(0, Millis.within(Duration.ofMinutes(5), NOW, NOW));
        assertEquals(0, Millis.within(Duration.ofMinutes(5), NOW.minusSeconds(1), NOW));
        assertEquals(300_000, Millis.within(Duration.ofMinutes(5), Instant.MAX, NOW));
        assertEquals(Integer.MAX_VALUE, Millis.within(Duration.ofSeconds(Long.MAX_VALUE), Instant.MAX, NOW));
    }
}
