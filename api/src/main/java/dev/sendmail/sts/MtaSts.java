package dev.sendmail.sts;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.TxtAnswer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the MTA-STS policy of a recipient domain as RFC 8461 section 5.1 says: the {@code _mta-sts} TXT record
 * first, then the policy over HTTPS when none is cached under the record's id, and the cached policy whenever
 * the record or the fetch fails, until its {@code max_age} runs out. A cached policy whose record id has not
 * changed is fetched again once it is a day old, which renews its {@code max_age} (section 10.2).
 *
 * <p><b>Thread safety:</b> instances are thread-safe if the resolver is (resolvers are, by contract).
 *
 * <p><b>Ownership:</b> the resolver stays the caller's to close.
 */
public final class MtaSts {

    /** How old a cached policy may get before it is fetched again although its record id is unchanged. */
    public static final Duration REFRESH = Duration.ofDays(1);

    private final Resolver resolver;
    private final StsPolicyFetcher fetcher;
    private final Optional<StsPolicyCache> cache;
    private final Clock clock;

    /**
     * Policy discovery with these parts.
     *
     * @param resolver looks up the {@code _mta-sts} TXT record
     * @param fetcher fetches policies over HTTPS
     * @param cache keeps policies between runs; empty to keep none (every lookup fetches)
     * @param clock the time, for expiry and refresh
     */
    public MtaSts(Resolver resolver, StsPolicyFetcher fetcher, Optional<StsPolicyCache> cache, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The policy that applies to {@code domain} now. Never throws: every failure ends in a lookup without a
     * policy, or with the cached one, and says why in {@link StsLookup#how()}.
     *
     * @param domain the recipient domain (ASCII)
     * @param deadline a fetch gives up at this instant
     * @return the lookup
     */
    public StsLookup lookup(String domain, Instant deadline) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (!StsPolicy.isDomain(d)) {
            return new StsLookup(d, Optional.empty(), "not a domain name", Optional.empty());
        }
        Instant now = clock.instant();
        Optional<CachedPolicy> cached = Optional.empty();
        String cacheNote = "";
        if (cache.isPresent()) {
            try {
                cached = cache.get().read(d).filter(p -> p.isValidAt(now));
            } catch (IOException e) {
                cacheNote = "; the policy cache cannot be read (" + e.getMessage() + ")";
            }
        }
        StsRecord record;
        try {
            TxtAnswer answer = resolver.txt("_mta-sts." + d);
            if (answer.status() != TxtAnswer.Status.FOUND) {
                return withoutRecord(d, cached, "no _mta-sts TXT record" + cacheNote);
            }
            record = StsRecord.select(answer.records());
        } catch (ResolutionFailedException e) {
            return withoutRecord(d, cached, "the _mta-sts TXT lookup failed (" + e.getMessage() + ")" + cacheNote);
        } catch (IllegalArgumentException e) {
            return withoutRecord(d, cached, "no usable _mta-sts TXT record: " + e.getMessage() + cacheNote);
        }
        if (cached.isPresent() && cached.get().id().equals(record.id())
                && now.isBefore(cached.get().fetched().plus(REFRESH))) {
            return new StsLookup(d, cached, "cached (id " + record.id() + ", fetched " + cached.get().fetched()
                    + ", expires " + cached.get().expires() + ")" + cacheNote, Optional.empty());
        }
        StsPolicy policy;
        try {
            policy = fetcher.fetch(d, deadline);
        } catch (StsFetchException e) {
            return failed(d, cached, e, cacheNote);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(d, cached, new StsFetchException(StsFetchException.Kind.FETCH_ERROR,
                    StsPolicyFetcher.wellKnown(d) + ": interrupted", e), cacheNote);
        }
        CachedPolicy fresh = new CachedPolicy(d, record.id(), now, policy);
        String note = "";
        if (cache.isPresent()) {
            try {
                cache.get().write(fresh);
            } catch (IOException e) {
                note = "; not cached (" + e.getMessage() + ")";
            }
        }
        return new StsLookup(d, Optional.of(fresh), "fetched now (id " + record.id() + ")" + note, Optional.empty());
    }

    private static StsLookup withoutRecord(String d, Optional<CachedPolicy> cached, String why) {
        if (cached.isPresent()) {
            return new StsLookup(d, cached, "cached (id " + cached.get().id() + ", expires " + cached.get().expires()
                    + "; " + why + ")", Optional.empty());
        }
        return new StsLookup(d, Optional.empty(), why, Optional.empty());
    }

    private static StsLookup failed(String d, Optional<CachedPolicy> cached, StsFetchException e, String cacheNote) {
        if (cached.isPresent()) {
            return new StsLookup(d, cached, "cached (id " + cached.get().id() + ", expires " + cached.get().expires()
                    + "; the fetch failed: " + e.getMessage() + ")" + cacheNote, Optional.of(e));
        }
        return new StsLookup(d, Optional.empty(), "the policy fetch failed: " + e.getMessage() + cacheNote,
                Optional.of(e));
    }
}
