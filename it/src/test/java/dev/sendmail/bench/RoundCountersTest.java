package dev.sendmail.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        RoundCounters now = RoundCounters.now();
        long cpuAfter = os.getProcessCpuTime();
        // on Linux the JVM's threads have waited (class loading, GC, JIT) and so switched voluntarily
        assertTrue(now.voluntary() > 0 && now.involuntary() >= 0, now.toString());
        // /proc counts CPU time in clock ticks: what it says is within a tick per thread of the JVM's own figure
        assertTrue(now.userNanos() > 0 && now.systemNanos() > 0, "starting a JVM takes both: " + now);
        long own = now.userNanos() + now.systemNanos();
        long slack = 10_000_000L * (threads() + 2);
        assertTrue(own > 0 && own >= cpuBefore - slack && own <= cpuAfter + slack,
                own + " ns of CPU from /proc, the JVM says " + cpuBefore + " to " + cpuAfter + " ns");
    }

    private static long threads() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
