package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateGateTest {

    /** A clock that the sleeper moves forward: waiting takes no real time. */
    static final class FakeClock extends Clock {
        Instant now = Instant.parse("2026-12-01T08:00:00Z");
        final List<Instant> sleptUntil = new ArrayList<>();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        synchronized void sleepUntil(Instant when) {
            sleptUntil.add(when);
            if (when.isAfter(now)) {
                now = when;
            }
        }
    }

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private final List<String> notes = new ArrayList<>();

    private RateGate gate(RateLimit limit) {
        return new RateGate(Optional.of(limit), clock, clock::sleepUntil, notes::add);
    }

    @Test
    void twoGatesOnOneFileShareThePaceLikeTwoProcesses() throws Exception {
        Path state = dir.resolve("queue/rate-limits");
        RateLimit limit = RateLimit.parse("5/s").sharedThrough(state);
        RateGate a = gate(limit);
        RateGate b = gate(limit);
        Instant t0 = clock.instant();
        Instant end = t0.plusSeconds(60);
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            starts.add((i % 2 == 0 ? a : b).acquire("relay.test", end).orElseThrow());
        }
        for (int i = 0; i < 6; i++) {
            assertEquals(t0.plusMillis(200L * i), starts.get(i));
        }
        assertTrue(Files.readString(state, StandardCharsets.US_ASCII).contains("relay.test "));
        assertTrue(notes.isEmpty(), notes.toString());
    }

    @Test
    void gatesWithoutAFileDoNotShare() throws Exception {
        RateGate a = gate(RateLimit.parse("5/s"));
        RateGate b = gate(RateLimit.parse("5/s"));
        Instant t0 = clock.instant();
        assertEquals(t0, a.acquire("h", t0.plusSeconds(1)).orElseThrow());
        assertEquals(t0, b.acquire("h", t0.plusSeconds(1)).orElseThrow());
        assertEquals(t0.plusMillis(200), a.acquire("h", t0.plusSeconds(1)).orElseThrow());
    }

    @Test
    void aThrottleSeenByOneProcessSlowsTheOther() throws Exception {
        RateLimit limit = RateLimit.parse("5/s").sharedThrough(dir.resolve("rate-limits"));
        RateGate a = gate(limit);
        RateGate b = gate(limit);
        Instant end = clock.instant().plusSeconds(60);
        Instant started = a.acquire("relay.test", end).orElseThrow();
        assertEquals(Optional.of(Duration.ofMillis(400)), a.throttled("relay.test", started));
        Instant next = b.acquire("relay.test", end).orElseThrow();
        assertEquals(started.plusMillis(400), next);
        assertEquals(next.plusMillis(400), b.acquire("relay.test", end).orElseThrow());
    }

    @Test
    void aSlotAfterTheDeadlineIsNotWaitedFor() throws Exception {
        RateGate g = gate(RateLimit.parse("1/min"));
        Instant t0 = clock.instant();
        assertEquals(Optional.of(t0), g.acquire("h", t0.plusSeconds(30)));
        assertEquals(Optional.empty(), g.acquire("h", t0.plusSeconds(30)));
        assertEquals(List.of(t0), clock.sleptUntil);
    }

    @Test
    void anUnusableFileFallsBackToThisProcessAndSaysSoOnce() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
        RateGate g = gate(RateLimit.parse("5/s").sharedThrough(notADirectory.resolve("rate-limits")));
        Instant t0 = clock.instant();
        assertEquals(t0, g.acquire("h", t0.plusSeconds(5)).orElseThrow());
        assertEquals(t0.plusMillis(200), g.acquire("h", t0.plusSeconds(5)).orElseThrow());
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("pacing within this process only"), notes.get(0));
    }
}
