package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class AnswerCacheTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private static DnsAnswer noData(String name, long ttl) throws Exception {
        return new DnsAnswer(DnsAnswer.Status.NO_DATA, Name.fromString(name, Name.root), List.of(), ttl);
    }

    @Test
    void keyedByNameAndTypeCaseInsensitively() throws Exception {
        AnswerCache c = new AnswerCache(Clock.systemUTC(), 10);
        DnsAnswer a = noData("a.test", 300);
        c.put(Name.fromString("A.Test."), Type.MX, a);
        assertSame(a, c.get(Name.fromString("a.test."), Type.MX));
        assertNull(c.get(Name.fromString("a.test."), Type.A));
        assertNull(c.get(Name.fromString("b.test."), Type.MX));
    }

    @Test
    void ttlIsHonouredWithAFloor() throws Exception {
        ManualClock clock = new ManualClock();
        AnswerCache c = new AnswerCache(clock, 10);
        Name n = Name.fromString("a.test.");
        c.put(n, Type.MX, noData("a.test", 0));
        c.put(n, Type.A, noData("a.test", 600));
        clock.advance(Duration.ofSeconds(AnswerCache.MIN_TTL_SECONDS - 1));
        assertEquals(2, c.size());
        assertEquals(noData("a.test", 0), c.get(n, Type.MX));
        clock.advance(Duration.ofSeconds(1));
        assertNull(c.get(n, Type.MX), "TTL 0 lasts the minimum");
        clock.advance(Duration.ofSeconds(600));
        assertNull(c.get(n, Type.A));
    }

    @Test
    void boundedWhenFull() throws Exception {
        AnswerCache c = new AnswerCache(Clock.systemUTC(), 3);
        for (int i = 0; i < 10; i++) {
            c.put(Name.fromString("h" + i + ".test."), Type.A, noData("h" + i + ".test", 300));
            assertEquals(true, c.size() <= 3, "size " + c.size());
        }
        assertEquals(noData("h9.test", 300), c.get(Name.fromString("h9.test."), Type.A));
    }
}
