package dev.sendmail.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The pace of transactions per destination host: when the next one may start and how far the host has slowed us
 * down. Pure logic on a given "now"; {@link RateGate} keeps it in memory or in a shared file and does the waiting.
 * Not thread-safe: the caller holds a lock around each use.
 *
 * <p>Each host has the start time of its next free slot, a slowdown exponent {@code k} (the interval is the base
 * interval times 2^k) and when {@code k} last changed. A throttle reply raises {@code k} by one, unless the
 * throttled transaction started before the last change (several replies to transactions started at the old pace
 * count once). {@code k} drops by one per {@link #RECOVERY_STEP} without a throttle reply.
 */
final class HostPace {

    /** The interval is at most 2^6 = 64 times the base. */
    static final int MAX_SLOWDOWN = 6;
    /** One halving is undone per minute without a throttle reply. */
    static final Duration RECOVERY_STEP = Duration.ofMinutes(1);
    /** The base interval once a host without a configured limit has throttled us. */
    static final Duration THROTTLED_FLOOR = Duration.ofMillis(250);
    /** At most this many hosts are remembered; the oldest is forgotten first. */
    static final int MAX_HOSTS = 256;
    /**
     * A stored slot further ahead than this (or than twice the slowest interval, for long periods) is nonsense (a
     * clock jump, a damaged file) and is ignored.
     */
    static final Duration MAX_AHEAD = Duration.ofHours(2);
    /** The state text read at most. */
    static final int MAX_TEXT = 64 * 1024;

    private static final String HEADER = "send-mail rate state 1";

    /** One host: next free slot and when k changed, in epoch milliseconds. */
    record State(long next, int slowdown, long changed) {
    }

    private final Duration base;
    private final Map<String, State> hosts = new LinkedHashMap<>();

    /**
     * @param base the interval without slowdown; zero for no limit
     */
    HostPace(Duration base) {
        this.base = base;
    }

    /** Reserves the next slot at {@code host}: the instant its transaction may start. */
    Instant reserve(String host, Instant now) {
        String key = key(host);
        State s = recovered(key, now);
        long slot = Math.max(now.toEpochMilli(), s.next);
        put(key, new State(slot + interval(s.slowdown).toMillis(), s.slowdown, s.changed));
        return Instant.ofEpochMilli(slot);
    }

    /**
     * A transaction started at {@code started} got a throttle reply: slow {@code host} down unless a reply to a
     * transaction started no later than the last slowdown already did, and push its next slot out by the new
     * interval. A reply that is old news changes nothing.
     *
     * @return whether this reply slowed the host down
     */
    boolean throttled(String host, Instant started, Instant now) {
        String key = key(host);
        State s = recovered(key, now);
        boolean slower = s.slowdown == 0 || started.toEpochMilli() > s.changed;
        if (!slower) {
            return false;
        }
        int k = Math.min(MAX_SLOWDOWN, s.slowdown + 1);
        long next = Math.max(s.next, now.toEpochMilli() + interval(k).toMillis());
        put(key, new State(next, k, now.toEpochMilli()));
        return true;
    }

    /** The interval between transaction starts at {@code host} now. */
    Duration interval(String host, Instant now) {
        return interval(recovered(key(host), now).slowdown);
    }

    /** The slowdown exponent of {@code host} now (0: the configured pace). */
    int slowdown(String host, Instant now) {
        return recovered(key(host), now).slowdown;
    }

    private Duration interval(int k) {
        if (k == 0) {
            return base;
        }
        Duration unit = base.isZero() ? THROTTLED_FLOOR : base;
        return unit.multipliedBy(1L << k);
    }

    private State recovered(String key, Instant now) {
        State s = hosts.get(key);
        long t = now.toEpochMilli();
        if (s == null) {
            return new State(t, 0, 0);
        }
        if (s.slowdown > 0 && t > s.changed) {
            long steps = (t - s.changed) / RECOVERY_STEP.toMillis();
            if (steps > 0) {
                int k = (int) Math.max(0, s.slowdown - steps);
                s = new State(s.next, k, s.changed + steps * RECOVERY_STEP.toMillis());
            }
        }
        return s;
    }

    private void put(String key, State s) {
        hosts.remove(key);
        hosts.put(key, s);
        while (hosts.size() > MAX_HOSTS) {
            Iterator<String> eldest = hosts.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }

    /**
     * The state as text, one line per host that still matters at {@code now} (a future slot or a slowdown).
     */
    String write(Instant now) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        long t = now.toEpochMilli();
        for (Map.Entry<String, State> e : hosts.entrySet()) {
            State s = recovered(e.getKey(), now);
            if (s.next > t || s.slowdown > 0) {
                b.append(e.getKey()).append(' ').append(s.next).append(' ').append(s.slowdown).append(' ')
                        .append(s.changed).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * Reads what {@link #write} wrote. Anything else (a damaged or foreign file) is read as far as it makes
     * sense: a line that does not parse, a host name that is not one, or a slot more than {@link #MAX_AHEAD}
     * ahead is skipped; text beyond {@link #MAX_TEXT} characters is ignored.
     */
    static HostPace read(String text, Duration base, Instant now) {
        HostPace p = new HostPace(base);
        if (!text.startsWith(HEADER + "\n")) {
            return p;
        }
        String body = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        long t = now.toEpochMilli();
        long ahead = Math.max(MAX_AHEAD.toMillis(), p.interval(MAX_SLOWDOWN).toMillis() * 2);
        for (String line : body.substring(HEADER.length() + 1).split("\n", MAX_HOSTS * 4)) {
            String[] f = line.split(" ", -1);
            if (f.length != 4 || !isHostName(f[0])) {
                continue;
            }
            try {
                long next = Long.parseLong(f[1]);
                int k = Integer.parseInt(f[2]);
                long changed = Long.parseLong(f[3]);
                if (k < 0 || k > MAX_SLOWDOWN || next - t > ahead || changed > t + 1000
                        || changed < 0 || next < 0) {
                    continue;
                }
                p.put(f[0], new State(next, k, changed));
            } catch (NumberFormatException e) {
                continue;
            }
        }
        return p;
    }

    private static boolean isHostName(String s) {
        if (s.isEmpty() || s.length() > 255) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_'
                    || c == ':' || c == '[' || c == ']';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
