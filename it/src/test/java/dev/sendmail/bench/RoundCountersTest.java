package dev.sendmail.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoundCountersTest {

    @Test
    void perMessageFiguresOfARound() {
        RoundCounters before = new RoundCounters(100, 10, 3, 40, 500, 2_000_000_000L, 1_000_000_000L, 500_000_000L);
        RoundCounters after = new RoundCounters(1100, 60, 5, 52, 520, 2_040_000_000L, 1_020_000_000L, 530_000_000L);
        assertEquals("CPU/msg 20.0 us user, 30.0 us system; ctx switches/msg 1.00 voluntary, 0.05 involuntary;"
                + " GC 2 (12 ms); JIT 20 ms; sink 40.0 us CPU/msg", after.since(before, 1000));
        assertEquals(40.0, after.sinkMicrosPerMessage(before, 1000), 1e-9);
    }

    @Test
    void anUnknownSinkIsNotANumber() {
        RoundCounters before = new RoundCounters(0, 0, 0, 0, 0, -1, 0, 0);
        RoundCounters after = new RoundCounters(0, 0, 0, 0, 0, -1, 0, 0);
        assertTrue(Double.isNaN(after.sinkMicrosPerMessage(before, 10)));
    }

    @Test
    void thisJvmsCountersAreRead() {
        RoundCounters now = RoundCounters.now();
        // on Linux every thread has context switch counts and the JVM has used CPU time by now
        assertTrue(now.voluntary() >= 0 && now.involuntary() >= 0, now.toString());
        assertTrue(now.userNanos() + now.systemNanos() > 0, now.toString());
    }
}
