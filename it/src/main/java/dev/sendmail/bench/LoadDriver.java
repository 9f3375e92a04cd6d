package dev.sendmail.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Sends messages through one client and times it against a peer command (smtp-source) in the same run:
 * a warm-up of at least {@code --warmup} messages, then rounds that alternate which side goes first, and the
 * median rate of each side. Prints one line on standard output:
 * <pre>RESULT ours=MSGS_PER_SEC peer=MSGS_PER_SEC ratio=R cpu_ours_us=US cpu_peer_us=US [heap_peak_mb=N heap_max_mb=N]</pre>
 * where ours and peer are the medians of the rounds' rates, R the median of the rounds' ratios (ours over the
 * peer's in the same round, which cancels drift between rounds better than a ratio of medians), and the CPU
 * figures the medians of the CPU time per message (ours: this whole JVM; the peer's: its process)
 * and the round-by-round figures on standard error. Exit status 0, 1 when anything failed, 64 for bad usage.
 *
 * <p>Used by {@code it/bench/run.sh}; see {@link BenchOptions} for the options.
 */
public final class LoadDriver {

    /** Above this much warm-up traffic, warm up with 1 KB messages and send only two full-size ones. */
    private static final long WARMUP_BYTES = 256L * 1024 * 1024;

    /**
     * After the warm-up, at most this many batches of half its size more, until one spends at most 5% of its wall
     * time compiling.
     */
    private static final int MAX_SETTLE_BATCHES = 8;

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
            double[] ratios = new double[o.rounds()];
            double[] oursCpu = new double[o.rounds()];
            double[] theirCpu = new double[o.rounds()];
            for (int r = 0; r < o.rounds(); r++) {
                double[] a = null;
                String oursCost = "";
                String peerCost;
                if (r % 2 == 0) {
                    RoundCounters c0 = RoundCounters.now();
                    a = ours(client, o, limit);
                    oursCost = RoundCounters.now().since(c0, (int) a[2]);
                }
                RoundCounters p0 = RoundCounters.now();
                double[] b = peer(peer, o, limit.multipliedBy(2));
                peerCost = String.format(Locale.ROOT, "sink %.1f us CPU/msg",
                        RoundCounters.now().sinkMicrosPerMessage(p0, o.messages()));
                if (a == null) {
                    RoundCounters c0 = RoundCounters.now();
                    a = ours(client, o, limit);
                    oursCost = RoundCounters.now().since(c0, (int) a[2]);
                }
                ours[r] = a[0];
                oursCpu[r] = a[1];
                theirs[r] = b[0];
                theirCpu[r] = b[1];
                ratios[r] = ours[r] / theirs[r];
                System.err.printf(Locale.ROOT, "bench: %s round %d: ours %.1f/s (%.1f us CPU/msg), peer %.1f/s"
                        + " (%.1f us CPU/msg)%n", o.client(), r + 1, ours[r], oursCpu[r], theirs[r], theirCpu[r]);
                System.err.printf(Locale.ROOT, "bench: %s round %d costs: ours: %s; peer: %s%n", o.client(), r + 1,
                        oursCost, peerCost);
            }
            StringBuilder line = new StringBuilder();
            line.append(String.format(Locale.ROOT, "RESULT ours=%.1f peer=%.1f ratio=%.3f cpu_ours_us=%.1f"
                    + " cpu_peer_us=%.1f", median(ours), median(theirs), median(ratios), median(oursCpu),
                    median(theirCpu)));
            if (o.reportHeap()) {
                line.append(String.format(Locale.ROOT, " heap_peak_mb=%.1f heap_max_mb=%.1f",
                        HeapPeak.bytes() / 1048576.0, HeapPeak.maxHeap() / 1048576.0));
            }
            return line.toString();
        }
    }

    /** Sends one round; returns {rate, CPU microseconds per message, messages sent}. */
    private static double[] ours(MessageClient client, BenchOptions o, Duration limit) throws Exception {
        long cpu0 = CpuTime.processNanos();
        LoadRun.Result r = LoadRun.run(client, o.messages(), o.connections(), limit);
        long cpu = CpuTime.processNanos() - cpu0;
        if (r.sent() < o.messages()) {
            System.err.printf(Locale.ROOT, "bench: %s: time limit %s reached after %d of %d messages%n",
                    o.client(), limit, r.sent(), o.messages());
        }
        return new double[] {r.perSecond(), cpu0 < 0 || r.sent() == 0 ? Double.NaN : cpu / 1e3 / r.sent(), r.sent()};
    }

    /** Runs the peer once; returns {rate, CPU microseconds per message}. */
    private static double[] peer(PeerCommand peer, BenchOptions o, Duration limit) throws Exception {
        if (!peer.isPresent()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long cpu0 = CpuTime.childrenNanos();
        long nanos = peer.run(limit);
        long cpu = CpuTime.childrenNanos() - cpu0;
        return new double[] {o.messages() * 1e9 / nanos, cpu0 < 0 ? Double.NaN : cpu / 1e3 / o.messages()};
    }

    private static void warmUp(BenchOptions o, MessageClient client, PeerCommand peer) throws Exception {
        if (o.warmup() > 0) {
            Duration limit = o.maxRound().multipliedBy(2);
            if (o.warmup() * Math.max(o.size(), 1) <= WARMUP_BYTES) {
                report(o, "warm-up", LoadRun.run(client, o.warmup(), o.connections(), limit), o.warmup());
                // until the JIT has settled: compilation still running in a measured round costs CPU time on the
                // two cores that the sink also needs (it made the 8-connection case's rounds differ by 2x)
                int batch = Math.max(1, o.warmup() / 2);
                for (int i = 0; i < MAX_SETTLE_BATCHES; i++) {
                    RoundCounters c0 = RoundCounters.now();
                    LoadRun.Result r = LoadRun.run(client, batch, o.connections(), limit);
                    long jit = RoundCounters.now().jitMillis() - c0.jitMillis();
                    System.err.printf(Locale.ROOT, "bench: %s warm-up until the JIT settles: %d messages in %d ms,"
                            + " %d ms of compilation%n", o.client(), r.sent(), r.nanos() / 1_000_000, jit);
                    if (c0.jitMillis() < 0 || jit * 20 <= r.nanos() / 1_000_000) {
                        break;
                    }
                }
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

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
