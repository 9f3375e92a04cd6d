package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void readsTheThreeUnits() {
        assertEquals(RateLimit.of(5, Duration.ofSeconds(1)), RateLimit.parse("5/s"));
        assertEquals(RateLimit.of(30, Duration.ofMinutes(1)), RateLimit.parse(" 30/MIN "));
        assertEquals(RateLimit.of(100, Duration.ofHours(1)), RateLimit.parse("100/h"));
        assertEquals(Duration.ofMillis(200), RateLimit.parse("5/s").interval());
        assertEquals(Duration.ofSeconds(2), RateLimit.parse("30/min").interval());
        assertEquals("30/min", RateLimit.parse("30/min").toString());
    }

    @Test
    void refusesWhatIsNotARate() {
        for (String bad : new String[] {"5", "/s", "0/s", "-1/s", "5/d", "five/s", "5/s/s", "99999999999/s",
                "5/s\r\nX: y", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RateLimit.parse(bad),
                    bad);
            assertTrue(e.getMessage().startsWith("rate '") && !e.getMessage().contains("\n")
                    && !e.getMessage().contains("\r"), e.getMessage());
        }
    }

    @Test
    void sharingKeepsTheRate() {
        RateLimit shared = RateLimit.parse("5/s").sharedThrough(Path.of("/tmp/rate"));
        assertEquals(Optional.of(Path.of("/tmp/rate")), shared.stateFile());
        assertEquals(Duration.ofMillis(200), shared.interval());
    }

    @Test
    void aRefusedRateIsShownWithItsControlCharactersEscaped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RateLimit.parse("5/s\u2028X\u0085"));
        assertEquals("rate '5/s\\u2028X\\u0085' is not N/s, N/min or N/h", e.getMessage());
    }
}
