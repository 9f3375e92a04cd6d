package dev.sendmail.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Sends messages through one client and times it against a peer command (smtp-source) in the same run:
 * a warm-up of at least {@code --warmup} messages, then rounds that alternate which side goes first, and the
 * median rate of each side. Prints one line on standard output:
 * <pre>RESULT ours=MSGS_PER_SEC peer=MSGS_PER_SEC ratio=R [heap_peak_mb=N heap_max_mb=N]</pre>
 * where ours and peer are the medians of the rounds' rates and R the median of the rounds' ratios (ours over the
 * peer's in the same round, which cancels drift between rounds better than a ratio of medians)
 * and the round-by-round figures on standard error. Exit status 0, 1 when anything failed, 64 for bad usage.
 *
 * <p>Used by {@code it/bench/run.sh}; see {@link BenchOptions} for the options.
 */
public final class LoadDriver {

    /** Above this much warm-up traffic, warm up with 1 KB messages and send only two full-size ones. */
    private static final long WARMUP_BYTES = 256L * 1024 * 1024;

    private LoadDriver() {
    }

    public static void main(String[] args) {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(64);
            return;
        }
        try {
            System.out.println(run(o));
            System.exit(0);
        } catch (Exception e) {
            System.err.println("bench: FAILED " + o.client() + ": " + e);
            if (System.getenv("BENCH_DEBUG") != null) {
                e.printStackTrace();
            }
            System.exit(1);
        }
    }

    static String run(BenchOptions o) throws Exception {
        if (o.client().equals("angus-static") && o.connections() != 1) {
            throw new IllegalArgumentException("angus-static sends on the calling thread: use --connections 1");
        }
        PeerCommand peer = new PeerCommand(o.peer());
        Duration limit = o.maxRound();
        try (MessageClient client = MessageClient.create(o)) {
            warmUp(o, client, peer);
            HeapPeak.reset();
            double[] ours = new double[o.rounds()];
            double[] theirs = new double[o.rounds()];
            for (int r = 0; r < o.rounds(); r++) {
                boolean oursFirst = r % 2 == 0;
                if (oursFirst) {
                    ours[r] = ours(client, o, limit);
                }
                theirs[r] = peer.isPresent() ? o.messages() * 1e9 / peer.run(limit.multipliedBy(2)) : Double.NaN;
                if (!oursFirst) {
                    ours[r] = ours(client, o, limit);
                }
                System.err.printf(Locale.ROOT, "bench: %s round %d: ours %.1f/s peer %.1f/s%n",
                        o.client(), r + 1, ours[r], theirs[r]);
            }
            double[] ratios = new double[o.rounds()];
            for (int r = 0; r < ratios.length; r++) {
                ratios[r] = ours[r] / theirs[r];
            }
            StringBuilder line = new StringBuilder();
            line.append(String.format(Locale.ROOT, "RESULT ours=%.1f peer=%.1f ratio=%.3f", median(ours),
                    median(theirs), median(ratios)));
            if (o.reportHeap()) {
                line.append(String.format(Locale.ROOT, " heap_peak_mb=%.1f heap_max_mb=%.1f",
                        HeapPeak.bytes() / 1048576.0, HeapPeak.maxHeap() / 1048576.0));
            }
            return line.toString();
        }
    }

    private static double ours(MessageClient client, BenchOptions o, Duration limit) throws Exception {
        long cpu0 = processCpuNanos();
        LoadRun.Result r = LoadRun.run(client, o.messages(), o.connections(), limit);
        long cpu = processCpuNanos() - cpu0;
        if (cpu0 >= 0 && r.sent() > 0) {
            // CPU time is steadier than wall time on a busy machine: it shows where our time goes
            System.err.printf(Locale.ROOT, "bench: %s: %.1f us CPU per message (all threads of this JVM)%n",
                    o.client(), cpu / 1e3 / r.sent());
        }
        if (r.sent() < o.messages()) {
            System.err.printf(Locale.ROOT, "bench: %s: time limit %s reached after %d of %d messages%n",
                    o.client(), limit, r.sent(), o.messages());
        }
        return r.perSecond();
    }

    private static void warmUp(BenchOptions o, MessageClient client, PeerCommand peer) throws Exception {
        if (o.warmup() > 0) {
            Duration limit = o.maxRound().multipliedBy(2);
            if (o.warmup() * Math.max(o.size(), 1) <= WARMUP_BYTES) {
                report(o, "warm-up", LoadRun.run(client, o.warmup(), o.connections(), limit), o.warmup());
            } else {
                BenchOptions small = new BenchOptions(o.client(), o.host(), o.port(), 1024, o.messages(),
                        o.recipients(), o.connections(), 1, o.warmup(), o.maxRound(), false, o.peer());
                try (MessageClient smallClient = MessageClient.create(small)) {
                    report(o, "warm-up (1 KB)", LoadRun.run(smallClient, o.warmup(), o.connections(), limit),
                            o.warmup());
                }
                report(o, "warm-up (full size)", LoadRun.run(client, 2, 1, limit), 2);
            }
            if (peer.isPresent()) {
                peer.run(limit);
            }
        }
    }

    private static void report(BenchOptions o, String what, LoadRun.Result r, int wanted) {
        System.err.printf(Locale.ROOT, "bench: %s %s: %d of %d messages, %.1f/s%n", o.client(), what, r.sent(),
                wanted, r.perSecond());
    }

    /** CPU time of this process (every thread, JIT and GC included), or -1 when the JVM cannot tell. */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
