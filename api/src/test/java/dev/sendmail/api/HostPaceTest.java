package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HostPaceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private static Instant at(long ms) {
        return T0.plusMillis(ms);
    }

    @Test
    void fivePerSecondSpacesSlotsTwoHundredMillisecondsApartPerHost() {
        HostPace p = new HostPace(RateLimit.parse("5/s").interval());
        List<Instant> slots = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            slots.add(p.reserve("smtp.example.org", T0));
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(at(200L * i), slots.get(i));
        }
        // another host has its own pace; the name is case-insensitive
        assertEquals(T0, p.reserve("mx.other.test", T0));
        assertEquals(at(2000), p.reserve("SMTP.example.org", T0));
    }

    @Test
    void aSlotInThePastIsNotOwed() {
        HostPace p = new HostPace(Duration.ofMillis(200));
        assertEquals(T0, p.reserve("h", T0));
        // ten seconds of silence do not allow a burst of fifty
        assertEquals(at(10_000), p.reserve("h", at(10_000)));
        assertEquals(at(10_200), p.reserve("h", at(10_000)));
    }

    @Test
    void aThrottleReplyHalvesTheRateOnceForTransactionsStartedAtTheOldPace() {
        HostPace p = new HostPace(Duration.ofMillis(200));
        Instant a = p.reserve("h", T0);
        Instant b = p.reserve("h", T0);
        assertTrue(p.throttled("h", a, at(300)));
        assertEquals(Duration.ofMillis(400), p.interval("h", at(300)));
        // b started before the slowdown: its throttle reply is the same news
        assertFalse(p.throttled("h", b, at(310)));
        assertEquals(1, p.slowdown("h", at(310)));
        // the next slot is pushed out by the new interval
        Instant c = p.reserve("h", at(310));
        assertEquals(at(700), c);
        assertTrue(p.throttled("h", c, at(800)));
        assertEquals(Duration.ofMillis(800), p.interval("h", at(800)));
    }

    @Test
    void theSlowdownIsBoundedAndRecoversOneStepPerMinute() {
        HostPace p = new HostPace(Duration.ofMillis(200));
        Instant now = T0;
        for (int i = 0; i < 20; i++) {
            Instant s = p.reserve("h", now);
            now = s.plusMillis(1);
            p.throttled("h", s, now);
        }
        assertEquals(HostPace.MAX_SLOWDOWN, p.slowdown("h", now));
        assertEquals(Duration.ofMillis(200L << HostPace.MAX_SLOWDOWN), p.interval("h", now));
        assertEquals(HostPace.MAX_SLOWDOWN, p.slowdown("h", now.plusSeconds(59)));
        assertEquals(HostPace.MAX_SLOWDOWN - 1, p.slowdown("h", now.plusSeconds(60)));
        assertEquals(HostPace.MAX_SLOWDOWN - 3, p.slowdown("h", now.plusSeconds(200)));
        assertEquals(0, p.slowdown("h", now.plusSeconds(3600)));
        assertEquals(Duration.ofMillis(200), p.interval("h", now.plusSeconds(3600)));
    }

    @Test
    void withoutALimitAThrottlingHostGetsAFloorInterval() {
        HostPace p = new HostPace(Duration.ZERO);
        assertEquals(T0, p.reserve("h", T0));
        assertEquals(T0, p.reserve("h", T0));
        assertTrue(p.throttled("h", T0, at(10)));
        assertEquals(HostPace.THROTTLED_FLOOR.multipliedBy(2), p.interval("h", at(10)));
        assertEquals(at(10).plus(HostPace.THROTTLED_FLOOR.multipliedBy(2)), p.reserve("h", at(10)));
    }

    @Test
    void theStateSurvivesWritingAndReading() {
        HostPace p = new HostPace(Duration.ofMillis(200));
        p.reserve("a.test", T0);
        p.reserve("a.test", T0);
        Instant s = p.reserve("b.test", T0);
        p.throttled("b.test", s, at(5));
        p.reserve("idle.test", at(-10_000));
        String text = p.write(T0);
        assertFalse(text.contains("idle.test"), text);
        HostPace q = HostPace.read(text, Duration.ofMillis(200), T0);
        assertEquals(at(400), q.reserve("a.test", T0));
        assertEquals(1, q.slowdown("b.test", at(5)));
        assertEquals(q.write(at(5)), HostPace.read(q.write(at(5)), Duration.ofMillis(200), at(5)).write(at(5)));
    }

    @Test
    void aLongPeriodSurvivesTheFileBound() {
        Duration day = RateLimit.of(1, Duration.ofDays(1)).interval();
        HostPace p = new HostPace(day);
        p.reserve("h", T0);
        HostPace q = HostPace.read(p.write(T0), day, T0);
        assertEquals(T0.plus(day), q.reserve("h", T0));
    }

    @Test
    void theFileIsBoundedInHosts() {
        HostPace p = new HostPace(Duration.ofSeconds(1));
        for (int i = 0; i < HostPace.MAX_HOSTS + 50; i++) {
            p.reserve("h" + i + ".test", T0);
        }
        String text = p.write(T0);
        assertEquals(HostPace.MAX_HOSTS + 1, text.split("\n").length);
        assertFalse(text.contains("\nh0.test "), "the oldest host is forgotten first");
        assertTrue(text.contains("\nh" + (HostPace.MAX_HOSTS + 49) + ".test "));
    }

    @Test
    void hostileStateTextIsSkippedLineByLine() {
        String header = "send-mail rate state 1\n";
        long t = T0.toEpochMilli();
        String text = header
                + "good.test " + (t + 1000) + " 0 0\n"
                + "far.test " + (t + Duration.ofDays(3).toMillis()) + " 0 0\n"
                + "bad k.test " + t + " 0 0\n"
                + "neg.test -5 0 0\n"
                + "k.test " + t + " 99 0\n"
                + "x.test 12 zz 0\n"
                + "short.test 1\n"
                + "Up.Test " + (t + 1000) + " 0 0\n"
                + "ctl\u0001.test " + (t + 1000) + " 0 0\n";
        HostPace p = HostPace.read(text, Duration.ofMillis(100), T0);
        assertEquals(at(1000), p.reserve("good.test", T0));
        assertEquals(T0, p.reserve("far.test", T0));
        assertEquals(0, p.slowdown("k.test", T0));
        assertEquals(T0, p.reserve("Up.Test", T0));
        // a foreign file is ignored as a whole
        assertEquals(T0, HostPace.read("good.test " + (t + 1000) + " 0 0\n", Duration.ZERO, T0)
                .reserve("good.test", T0));
    }

    @Test
    void randomTextNeverBreaksTheReader() {
        Random random = new Random(21);
        String alphabet = "send-mail rate state 1\n 0123456789.-abcxyz:[]\u0000\u00ff";
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder(random.nextBoolean() ? "send-mail rate state 1\n" : "");
            int n = random.nextInt(i % 10 == 0 ? 200_000 : 300);
            for (int j = 0; j < n; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            HostPace p = HostPace.read(b.toString(), Duration.ofMillis(10), T0);
            String out = p.write(T0);
            assertTrue(out.length() <= (HostPace.MAX_HOSTS + 1) * 300, "bounded output");
            Instant slot = p.reserve("abc", T0);
            assertFalse(slot.isAfter(T0.plus(HostPace.MAX_AHEAD)), "no slot beyond the bound");
        }
    }
}
