package dev.sendmail.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load driver's command line.
 *
 * @param client {@code socket}, {@code jakarta} (any transport found by name), {@code angus} (plain Angus on
 *               one reused connection per lane) or {@code angus-static} (plain Angus {@code Transport.send},
 *               a new connection per message)
 * @param host the sink's address
 * @param port the sink's port
 * @param size body octets per message (headers come on top, like smtp-source's {@code -l})
 * @param messages messages per measured round
 * @param recipients recipients per message
 * @param connections connections (and sending threads)
 * @param rounds measured rounds, each one ours then the peer's (the order alternates)
 * @param warmup messages sent before the first round
 * @param maxRound a round stops after this long even if messages are left
 * @param reportHeap print the peak heap after the run
 * @param peer the peer's command line, run once per round; empty for none
 */
record BenchOptions(String client, String host, int port, long size, int messages, int recipients,
                    int connections, int rounds, int warmup, Duration maxRound, boolean reportHeap,
                    List<String> peer) {

    static final String USAGE = "usage: LoadDriver --client NAME --port PORT [--host 127.0.0.1] [--size 1k]"
            + " [--messages 2000] [--recipients 1] [--connections 1] [--rounds 5] [--warmup 1000]"
            + " [--max-seconds 30] [--heap] [-- PEER-COMMAND...]";

    BenchOptions {
        if (port < 1 || port > 65535 || size < 0 || messages < 1 || recipients < 1 || recipients > 1000
                || connections < 1 || connections > 256 || rounds < 1 || rounds > 100 || warmup < 0
                || maxRound.isNegative() || maxRound.isZero()) {
            throw new IllegalArgumentException("option out of range; " + USAGE);
        }
        peer = List.copyOf(peer);
    }

    static BenchOptions parse(String[] args) {
        String client = null;
        String host = "127.0.0.1";
        int port = 0;
        long size = 1024;
        int messages = 2000;
        int recipients = 1;
        int connections = 1;
        int rounds = 5;
        int warmup = 1000;
        long maxSeconds = 30;
        boolean heap = false;
        List<String> peer = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                peer.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (a.equals("--heap")) {
                heap = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a + "; " + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--client" -> client = v;
                case "--host" -> host = v;
                case "--port" -> port = Integer.parseInt(v);
                case "--size" -> size = parseSize(v);
                case "--messages" -> messages = Integer.parseInt(v);
                case "--recipients" -> recipients = Integer.parseInt(v);
                case "--connections" -> connections = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--max-seconds" -> maxSeconds = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown option " + a + "; " + USAGE);
            }
        }
        if (client == null || port == 0) {
            throw new IllegalArgumentException("--client and --port are required; " + USAGE);
        }
        return new BenchOptions(client, host, port, size, messages, recipients, connections, rounds, warmup,
                Duration.ofSeconds(maxSeconds), heap, peer);
    }

    /** {@code 1024}, {@code 1k}, {@code 100k}, {@code 10m}, {@code 100m} (powers of 1024). */
    static long parseSize(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("k")) {
            unit = 1024;
        } else if (s.endsWith("m")) {
            unit = 1024 * 1024;
        }
        if (unit != 1) {
            s = s.substring(0, s.length() - 1);
        }
        long n = Long.parseLong(s);
        if (n < 0 || n > (1L << 40) / unit) {
            throw new IllegalArgumentException("size out of range: " + text);
        }
        return n * unit;
    }
}
