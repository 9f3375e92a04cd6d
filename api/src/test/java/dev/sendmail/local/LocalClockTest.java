package dev.sendmail.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class LocalClockTest {

    @Test
    void theOffsetIsTheOneJavaTimeGivesInEveryZone() {
        Random random = new Random(19);
        long from = Instant.parse("1890-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2120-01-01T00:00:00Z").toEpochMilli();
        long recentFrom = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
        long recentTo = Instant.parse("2040-01-01T00:00:00Z").toEpochMilli();
        int checked = 0;
        for (String id : ZoneId.getAvailableZoneIds()) {
            LocalClock clock = LocalClock.of(TimeZone.getTimeZone(id));
            ZoneId zone = ZoneId.of(id);
            assertEquals(zone, clock.getZone());
            for (int i = 0; i < 300; i++) {
                // two in three anywhere from 1890 to 2120, one in three in the years a Date header is written now
                long millis = i % 3 == 2 ? recentFrom + (long) (random.nextDouble() * (recentTo - recentFrom))
                        : from + (long) (random.nextDouble() * (to - from));
                assertEquals(zone.getRules().getOffset(Instant.ofEpochMilli(millis)).getTotalSeconds(),
                        clock.offsetSeconds(millis), id + " at " + Instant.ofEpochMilli(millis));
                checked++;
            }
        }
        assertTrue(checked > 100_000, "zones checked: " + checked / 300);
    }

    @Test
    void theDefaultZoneAndTheSystemTime() {
        LocalClock clock = LocalClock.systemDefaultZone();
        assertEquals(ZoneId.systemDefault(), clock.getZone());
        long before = System.currentTimeMillis();
        long now = clock.millis();
        assertTrue(now >= before && now <= System.currentTimeMillis());
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
    }

    @Test
    void aDateHeaderInTheClocksZone() {
        // LocalIdentity.date reads the offset from the clock without java.time's zone rules; a zone with a
        // half-hour offset and summer time shows it is the zone's own offset at that moment
        LocalClock clock = LocalClock.of(TimeZone.getTimeZone("America/St_Johns"));
        String date = LocalIdentity.date(clock);
        int offset = clock.offsetSeconds(System.currentTimeMillis()) / 60;
        String expected = String.format("%s%02d%02d", offset < 0 ? "-" : "+", Math.abs(offset) / 60, Math.abs(offset) % 60);
        assertTrue(date.endsWith(" " + expected), date);
        assertTrue(expected.equals("-0330") || expected.equals("-0230"), expected);
    }
}
