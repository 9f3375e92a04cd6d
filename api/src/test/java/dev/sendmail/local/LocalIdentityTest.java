package dev.sendmail.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Mailbox;
import dev.sendmail.config.MsmtpFrom;
import dev.sendmail.config.UserEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        // and for seeded random moments from 1901 to 2399 (leap years 1904, 2000, 2400; not 2100, 2200, 2300)
        java.util.Random random = new java.util.Random(19);
        long from = Instant.parse("1901-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2399-12-31T00:00:00Z").getEpochSecond();
        for (int n = 0; n < 20_000; n++) {
            Instant i = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)));
            ZoneId zone = ZoneId.of(n % 3 == 0 ? "UTC" : n % 3 == 1 ? "Asia/Kathmandu" : "America/St_Johns");
            assertEquals(jdk.format(ZonedDateTime.ofInstant(i, zone)), LocalIdentity.date(Clock.fixed(i, zone)),
                    i + " " + zone);
        }
        for (String leap : new String[] {"2000-02-29T23:59:59Z", "2100-03-01T00:00:00Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z"}) {
            Instant i = Instant.parse(leap);
            assertEquals(jdk.format(ZonedDateTime.ofInstant(i, ZoneOffset.UTC)),
                    LocalIdentity.date(Clock.fixed(i, ZoneOffset.UTC)));
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

    @Test
    void msmtpsFromSubstitutionsAreTheNamesOfTheDefaultSender(@TempDir Path etc) throws Exception {
        Files.writeString(etc.resolve("mailname"), "mail.example.test\n");
        UserEnvironment env = new UserEnvironment(Map.of("USER", "zoe"), etc, etc);
        assertEquals(Mailbox.parse("zoe@mail.example.test"), LocalIdentity.defaultSender(env),
                "the mail name comes from the environment's system configuration directory");
        assertEquals("zoe@mail.example.test", MsmtpFrom.expand("%U@%M", env));
        assertEquals("mail.example.test", LocalIdentity.mailName(env));
        assertEquals(LocalIdentity.hostName(env), MsmtpFrom.expand("%H", env));
        assertEquals(LocalIdentity.hostName(env), MsmtpFrom.expand("%C", env));
        assertNotEquals("mail.example.test", LocalIdentity.hostName(env), "%H is the host name, not the mail name");

        UserEnvironment bare = new UserEnvironment(Map.of("LOGNAME", "bob"), etc, etc.resolve("no-such-dir"));
        assertEquals(LocalIdentity.hostName(bare), LocalIdentity.mailName(bare), "no mailname: the host name");
        assertEquals(MsmtpFrom.expand("%U@%M", bare), LocalIdentity.defaultSender(bare).address());
        assertEquals("bob", MsmtpFrom.expand("%U", bare));
    }
}
