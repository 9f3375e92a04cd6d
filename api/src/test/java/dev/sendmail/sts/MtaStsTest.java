package dev.sendmail.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.TlsSupport;
import dev.sendmail.spi.TxtAnswer;
import dev.sendmail.testkit.TestCertificates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MtaStsTest {

    private static final String ENFORCE = "version: STSv1\nmode: enforce\nmx: mx.example.org\nmax_age: 604800\n";
    private static final String TESTING = "version: STSv1\nmode: testing\nmx: *.example.org\nmax_age: 3600\n";

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final FakeTxt dns = new FakeTxt();
    private PolicyServer server;
    private StsPolicyCache cache;
    private MtaSts sts;

    @BeforeEach
    void start() throws Exception {
        server = new PolicyServer(TestCertificates.Kind.GOOD).answer(ENFORCE);
        TrustSettings trust = TrustSettings.SYSTEM.withCaFile(TestCertificates.get().caBundle());
        StsPolicyFetcher fetcher = new StsPolicyFetcher(TlsSupport.create(trust).context(false), server::location,
                Clock.systemUTC());
        cache = new StsPolicyCache(tmp.resolve("mta-sts"));
        sts = new MtaSts(dns, fetcher, Optional.of(cache), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private StsLookup lookup() {
        return sts.lookup("Example.ORG", Instant.now().plusSeconds(30));
    }

    @Test
    void withoutATxtRecordThereIsNoPolicyAndNothingIsFetched() {
        StsLookup l = lookup();
        assertEquals(StsMode.NONE, l.mode());
        assertEquals(Optional.empty(), l.policy());
        assertTrue(l.how().contains("no _mta-sts TXT record"), l.how());
        assertEquals(List.of(), server.requests);
        dns.records.put("_mta-sts.example.org", List.of("v=spf1 -all"));
        assertTrue(lookup().how().contains("no usable _mta-sts TXT record"));
        assertEquals(List.of(), server.requests);
    }

    @Test
    void aRecordLeadsToAFetchAndTheCacheServesTheSameIdAfterwards() throws Exception {
        dns.records.put("_mta-sts.example.org", List.of("v=STSv1; id=one"));
        StsLookup first = lookup();
        assertEquals(StsMode.ENFORCE, first.mode());
        assertTrue(first.how().startsWith("fetched now (id one)"), first.how());
        assertEquals("example.org", first.domain());
        assertEquals(first.policy(), cache.read("example.org"));
        clock.advance(Duration.ofHours(23));
        server.answer(TESTING);
        StsLookup second = lookup();
        assertEquals(StsMode.ENFORCE, second.mode(), "the id is unchanged: the cached policy applies");
        assertTrue(second.how().startsWith("cached (id one"), second.how());
        assertEquals(1, server.requests.size());
    }

    @Test
    void aNewIdFetchesTheNewPolicy() {
        dns.records.put("_mta-sts.example.org", List.of("v=STSv1; id=one"));
        lookup();
        dns.records.put("_mta-sts.example.org", List.of("v=STSv1; id=two"));
        server.answer(TESTING);
        StsLookup l = lookup();
        assertEquals(StsMode.TESTING, l.mode());
        assertEquals("two", l.policy().orElseThrow().id());
        assertEquals(2, server.requests.size());
    }

    @Test
    void aDayOldPolicyIsFetchedAgainWhichRenewsItsMaxAge() {
        dns.records.put("_mta-sts.example.org", List.of("v=STSv1; id=one"));
        lookup();
        clock.advance(Duration.ofDays(1));
        StsLookup l = lookup();
        assertEquals(2, server.requests.size());
        assertEquals(clock.instant(), l.policy().orElseThrow().fetched());
    }

    @Test
    void whenTheFetchFailsTheCachedPolicyStaysInForceUntilItExpires() {
        dns.records.put("_mta-sts.example.org", List.of("v=STSv1; id=one"));
        lookup();
        dns.records.put("_mta-sts.example.org", List.of("v=STSv1; id=two"));
        server.answer(404, Map.of(), "");
        StsLookup l = lookup();
        assertEquals(StsMode.ENFORCE, l.mode());
        assertEquals("one", l.policy().orElseThrow().id());
        assertEquals(StsFetchException.Kind.FETCH_ERROR, l.failure().orElseThrow().kind());
        assertTrue(l.how().contains("the fetch failed") && l.how().contains("404"), l.how());
        clock.advance(Duration.ofDays(7));
        StsLookup expired = lookup();
        assertEquals(Optional.empty(), expired.policy());
        assertTrue(expired.how().startsWith("the policy fetch failed"), expired.how());
    }

    @Test
    void aVanishedOrUnreachableRecordDoesNotEndACachedPolicy() {
        dns.records.put("_mta-sts.example.org", List.of("v=STSv1; id=one"));
        lookup();
        dns.records.remove("_mta-sts.example.org");
        StsLookup gone = lookup();
        assertEquals(StsMode.ENFORCE, gone.mode(), gone.how());
        assertTrue(gone.how().contains("no _mta-sts TXT record"), gone.how());
        dns.fail = true;
        StsLookup failing = lookup();
        assertEquals(StsMode.ENFORCE, failing.mode());
        assertTrue(failing.how().contains("TXT lookup failed"), failing.how());
        clock.advance(Duration.ofDays(8));
        assertEquals(StsMode.NONE, lookup().mode());
    }

    @Test
    void anInvalidPolicyWithoutACacheMeansNoPolicy() {
        dns.records.put("_mta-sts.example.org", List.of("v=STSv1; id=one"));
        server.answer("version: STSv1\nmode: enforce\nmax_age: 5\n");
        StsLookup l = lookup();
        assertEquals(StsMode.NONE, l.mode());
        assertEquals(StsFetchException.Kind.POLICY_INVALID, l.failure().orElseThrow().kind());
        assertFalse(cache.directory().resolve("example.org.policy").toFile().exists());
    }

    @Test
    void withoutACacheEveryLookupFetches() throws Exception {
        TrustSettings trust = TrustSettings.SYSTEM.withCaFile(TestCertificates.get().caBundle());
        MtaSts uncached = new MtaSts(dns, new StsPolicyFetcher(TlsSupport.create(trust).context(false),
                server::location, Clock.systemUTC()), Optional.empty(), clock);
        dns.records.put("_mta-sts.example.org", List.of("v=STSv1; id=one"));
        uncached.lookup("example.org", Instant.now().plusSeconds(30));
        assertEquals(StsMode.ENFORCE, uncached.lookup("example.org", Instant.now().plusSeconds(30)).mode());
        assertEquals(2, server.requests.size());
    }

    /** TXT records from a map; {@code fail} makes every lookup a temporary failure. */
    static final class FakeTxt implements Resolver {
        final Map<String, List<String>> records = new ConcurrentHashMap<>();
        volatile boolean fail;

        @Override
        public MailRoute resolve(String domain) throws ResolutionFailedException {
            throw new ResolutionFailedException(domain, ResolutionFailedException.Reason.PERMANENT, "not here", null);
        }

        @Override
        public TxtAnswer txt(String name) throws ResolutionFailedException {
            if (fail) {
                throw new ResolutionFailedException(name, ResolutionFailedException.Reason.TEMPORARY, "timed out",
                        null);
            }
            List<String> r = records.get(name);
            return r == null ? TxtAnswer.noSuchName(name) : TxtAnswer.found(name, r);
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
