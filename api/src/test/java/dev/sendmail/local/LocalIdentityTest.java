package dev.sendmail.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class LocalIdentityTest {

    @Test
    void rfc5322DatesInAnyZone() {
        assertEquals("Sat, 28 Nov 2026 12:00:00 +0000",
                LocalIdentity.date(Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC)));
        assertEquals("Thu, 1 Jan 2026 05:04:03 -0330",
                LocalIdentity.date(Clock.fixed(Instant.parse("2026-01-01T08:34:03Z"), ZoneId.of("America/St_Johns"))));
        assertEquals("Sun, 5 Jul 2026 02:30:00 +0545",
                LocalIdentity.date(Clock.fixed(Instant.parse("2026-07-04T20:45:00Z"), ZoneId.of("Asia/Kathmandu"))));
        // the same as the JDK's RFC 1123 formatter for every day of a year
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        DateTimeFormatter jdk = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", java.util.Locale.ENGLISH);
        for (int d = 0; d < 366; d++) {
            Instant i = t.plusSeconds(d * 86_400L + d * 37L);
            ZoneId zone = ZoneId.of(d % 2 == 0 ? "Europe/Berlin" : "America/Los_Angeles");
            assertEquals(jdk.format(ZonedDateTime.ofInstant(i, zone)), LocalIdentity.date(Clock.fixed(i, zone)));
        }
    }

    @Test
    void messageIdsAreUniqueAndInTheDomain() {
        Clock c = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
        String a = LocalIdentity.messageId("a.test", c);
        String b = LocalIdentity.messageId("a.test", c);
        assertNotEquals(a, b);
        assertTrue(a.matches("<[0-9a-z]+\\.[0-9a-z]+\\.[0-9a-z]+@a\\.test>"), a);
    }
}
