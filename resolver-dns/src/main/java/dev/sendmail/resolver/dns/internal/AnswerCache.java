package dev.sendmail.resolver.dns.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Name;

/**
 * Answers kept for one resolver's lifetime, keyed by name and type, each until its TTL runs out but at least
 * {@link #MIN_TTL_SECONDS} (so a run never asks twice, even for TTL 0) and at most {@link #MAX_TTL_SECONDS}. Only
 * answers are cached (found, no data, no such name), never failures. Bounded: when full, expired entries are dropped, and if
 * that is not enough, everything is. Thread-safe; no static state.
 */
public final class AnswerCache {

    public static final int DEFAULT_MAX_ENTRIES = 4096;
    public static final long MIN_TTL_SECONDS = 60;
    public static final long MAX_TTL_SECONDS = 86_400;

    private record Key(Name name, int type) {
    }

    private record Entry(DnsAnswer answer, Instant expires) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxEntries;

    public AnswerCache(Clock clock, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("cache size must be positive");
        }
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    /** The cached answer, or null when there is none or it has expired. */
    public DnsAnswer get(Name name, int type) {
        Key k = new Key(name, type);
        Entry e = entries.get(k);
        if (e == null) {
            return null;
        }
        if (!clock.instant().isBefore(e.expires)) {
            entries.remove(k, e);
            return null;
        }
        return e.answer;
    }

    public void put(Name name, int type, DnsAnswer answer) {
        long ttl = Math.max(MIN_TTL_SECONDS, Math.min(MAX_TTL_SECONDS, answer.ttlSeconds()));
        Instant now = clock.instant();
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> !now.isBefore(e.expires));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(new Key(name, type), new Entry(answer, now.plusSeconds(ttl)));
    }

    public int size() {
        return entries.size();
    }
}
