package dev.sendmail.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a round cost besides its rate, to explain why rounds and runs differ: this JVM's context switches (every
 * thread's, voluntary ones being waits for the network, involuntary ones preemption), its garbage collections
 * and JIT compilation time, and the CPU time of the sink process when {@code BENCH_SINK_PID} names it (the sink
 * is shared by both sides, so its time per message shows how much of the machine each side leaves it). Linux
 * {@code /proc}; a figure that cannot be read is -1.
 */
record RoundCounters(long voluntary, long involuntary, long gcCount, long gcMillis, long jitMillis, long sinkNanos,
                     long userNanos, long systemNanos) {

    private static final long NANOS_PER_TICK = 10_000_000L;

    static RoundCounters now() {
        long vol = 0;
        long invol = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    for (String line : Files.readAllLines(t.resolve("status"), StandardCharsets.US_ASCII)) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            vol += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            invol += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException e) {
                    // a thread that ended meanwhile
                }
            }
        } catch (IOException e) {
            vol = -1;
            invol = -1;
        }
        long gcs = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        var jit = ManagementFactory.getCompilationMXBean();
        long jitMillis = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
        long[] own = cpuNanos("self");
        return new RoundCounters(vol, invol, gcs, gcMillis, jitMillis, sinkCpuNanos(), own[0], own[1]);
    }

    private static long sinkCpuNanos() {
        String pid = System.getenv("BENCH_SINK_PID");
        if (pid == null || !pid.matches("[0-9]+")) {
            return -1;
        }
        long[] t = cpuNanos(pid);
        return t[0] < 0 ? -1 : t[0] + t[1];
    }

    /** {user, system} CPU time of process {@code pid} ("self" for this JVM) from /proc/PID/stat, or -1s. */
    private static long[] cpuNanos(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return new long[] {Long.parseLong(f[14 - 3]) * NANOS_PER_TICK, Long.parseLong(f[15 - 3]) * NANOS_PER_TICK};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /** The sink's CPU microseconds per message since {@code before}, or NaN. */
    double sinkMicrosPerMessage(RoundCounters before, int messages) {
        return sinkNanos < 0 || before.sinkNanos < 0 || messages == 0 ? Double.NaN
                : (sinkNanos - before.sinkNanos) / 1e3 / messages;
    }

    /** This JVM's counters since {@code before}, per message where it makes sense, for the round's log line. */
    String since(RoundCounters before, int messages) {
        double m = Math.max(1, messages);
        return String.format(Locale.ROOT, "CPU/msg %.1f us user, %.1f us system; ctx switches/msg %.2f voluntary, %.2f"
                + " involuntary; GC %d (%d ms); JIT %d ms; sink %.1f us CPU/msg", (userNanos - before.userNanos) / 1e3 / m,
                (systemNanos - before.systemNanos) / 1e3 / m, (voluntary - before.voluntary) / m,
                (involuntary - before.involuntary) / m, gcCount - before.gcCount, gcMillis - before.gcMillis,
                jitMillis - before.jitMillis, sinkMicrosPerMessage(before, messages));
    }
}
