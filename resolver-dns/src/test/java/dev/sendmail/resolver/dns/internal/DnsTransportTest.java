package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.ResolutionFailedException.Reason;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.ResolverSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * How the dns resolver talks to servers, against scripted DNS servers on loopback: failure classes, timeouts,
 * attempts, UDP truncation and TCP, EDNS fallback, several servers, the cache.
 */
class DnsTransportTest {

    /** Generous, so a loaded machine does not fail the tests that expect answers. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    /** For the tests that wait for a silent server. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(600);

    private FakeDnsServer dns;
    private Duration timeout = ANSWER_TIMEOUT;

    @BeforeEach
    void start() throws IOException {
        dns = FakeDnsServer.start();
    }

    @AfterEach
    void stop() throws IOException {
        dns.close();
    }

    private DnsResolver resolver(long seed, Map<String, String> properties, String... servers) throws IOException {
        List<String> list = servers.length == 0 ? List.of(dns.server()) : List.of(servers);
        // these tests are about DNS itself, so the DNSKEY probe of validation stays out of their query logs;
        // DnssecResolverTest covers validation
        Map<String, String> props = new java.util.HashMap<>(properties);
        props.putIfAbsent("dnssec", "off");
        ResolverSettings s = new ResolverSettings(list, timeout, new SplittableRandom(seed), props);
        return new DnsResolver(DnsOptions.from(s), s.random(), Clock.systemUTC());
    }

    private DnsResolver resolver() throws IOException {
        return resolver(1, Map.of("attempts", "1"));
    }

    private static InetAddress ip(String s) throws IOException {
        return InetAddress.getByName(s);
    }

    private static List<String> names(MailRoute r) {
        return r.hosts().stream().map(MailHost::name).toList();
    }

    private ResolutionFailedException failure(DnsResolver r, String domain) {
        return assertThrows(ResolutionFailedException.class, () -> r.resolve(domain));
    }

    @Test
    void servfailIsTemporary() throws Exception {
        dns.fault("broken.test", Type.MX, FakeDnsServer.Fault.SERVFAIL);
        try (DnsResolver r = resolver()) {
            ResolutionFailedException e = failure(r, "broken.test");
            assertEquals(Reason.TEMPORARY, e.reason());
            assertTrue(e.isTransient());
            assertTrue(e.getMessage().contains("SERVFAIL"), e.getMessage());
        }
    }

    @Test
    void refusedIsTemporary() throws Exception {
        dns.fault(FakeDnsServer.ANY_NAME, FakeDnsServer.ANY_TYPE, FakeDnsServer.Fault.REFUSED);
        try (DnsResolver r = resolver()) {
            assertEquals(Reason.TEMPORARY, failure(r, "example.test").reason());
        }
    }

    @Test
    void noAnswerTimesOutAsTemporary() throws Exception {
        dns.fault("slow.test", Type.MX, FakeDnsServer.Fault.DROP);
        timeout = SHORT_TIMEOUT;
        try (DnsResolver r = resolver()) {
            ResolutionFailedException e = failure(r, "slow.test");
            assertEquals(Reason.TEMPORARY, e.reason());
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        }
        assertEquals(List.of("udp MX slow.test"), dns.queries());
    }

    @Test
    void attemptsRepeatTheQuery() throws Exception {
        dns.fault("slow.test", Type.MX, FakeDnsServer.Fault.DROP);
        timeout = SHORT_TIMEOUT;
        try (DnsResolver r = resolver(1, Map.of("attempts", "2"))) {
            assertEquals(Reason.TEMPORARY, failure(r, "slow.test").reason());
        }
        assertEquals(2, dns.count("udp MX slow.test"));
    }

    @Test
    void truncatedUdpAnswerIsRetriedOverTcp() throws Exception {
        dns.add("big.test", Type.MX, "10 mx.big.test.").add("mx.big.test", Type.A, "192.0.2.7")
                .fault("big.test", Type.MX, FakeDnsServer.Fault.TRUNCATE_UDP);
        try (DnsResolver r = resolver()) {
            assertEquals(List.of("mx.big.test"), names(r.resolve("big.test")));
        }
        assertEquals(1, dns.count("udp MX big.test"));
        assertEquals(1, dns.count("tcp MX big.test"));
    }

    @Test
    void tcpOnlyNeverUsesUdp() throws Exception {
        dns.add("example.test", Type.MX, "10 mx.example.test.").add("mx.example.test", Type.A, "192.0.2.7");
        try (DnsResolver r = resolver(1, Map.of("tcp", "true"))) {
            assertEquals(List.of("mx.example.test"), names(r.resolve("example.test")));
        }
        assertTrue(dns.queries().stream().allMatch(q -> q.startsWith("tcp ")), dns.queries().toString());
    }

    @Test
    void formerrForEdnsIsRetriedWithoutEdns() throws Exception {
        dns.add("old.test", Type.MX, "10 mx.old.test.").add("mx.old.test", Type.A, "192.0.2.7")
                .fault(FakeDnsServer.ANY_NAME, FakeDnsServer.ANY_TYPE, FakeDnsServer.Fault.FORMERR_IF_EDNS);
        try (DnsResolver r = resolver()) {
            assertEquals(List.of("mx.old.test"), names(r.resolve("old.test")));
        }
        assertEquals(2, dns.count("udp MX old.test"));
    }

    @Test
    void answersAreCachedForTheResolversLifetime() throws Exception {
        dns.add("example.test", Type.MX, 0, "10 mx.example.test.").add("mx.example.test", Type.A, 0, "192.0.2.7");
        dns.add("other.test", Type.MX, 0, "10 mx.example.test.");
        try (DnsResolver r = resolver()) {
            r.resolve("example.test");
            r.resolve("example.test");
            r.resolve("other.test");
            assertThrows(ResolutionFailedException.class, () -> r.resolve("nosuch.test"));
            assertThrows(ResolutionFailedException.class, () -> r.resolve("nosuch.test"));
        }
        assertEquals(1, dns.count("udp MX example.test"));
        assertEquals(1, dns.count("udp A mx.example.test"));
        assertEquals(1, dns.count("udp AAAA mx.example.test"));
        assertEquals(1, dns.count("udp MX nosuch.test"));
        try (DnsResolver fresh = resolver()) {
            fresh.resolve("example.test");
        }
        assertEquals(2, dns.count("udp MX example.test"), "a new resolver starts with an empty cache");
    }

    @Test
    void failuresAreNotCached() throws Exception {
        dns.fault("flaky.test", Type.MX, FakeDnsServer.Fault.SERVFAIL);
        try (DnsResolver r = resolver()) {
            failure(r, "flaky.test");
            failure(r, "flaky.test");
        }
        assertEquals(2, dns.count("udp MX flaky.test"));
    }

    @Test
    void nextServerIsAskedWhenOneFails() throws Exception {
        try (FakeDnsServer broken = FakeDnsServer.start(); FakeDnsServer silent = FakeDnsServer.start()) {
            broken.fault(FakeDnsServer.ANY_NAME, FakeDnsServer.ANY_TYPE, FakeDnsServer.Fault.SERVFAIL);
            silent.fault(FakeDnsServer.ANY_NAME, FakeDnsServer.ANY_TYPE, FakeDnsServer.Fault.DROP);
            timeout = Duration.ofMillis(1000);
            dns.add("example.test", Type.MX, "10 mx.example.test.").add("mx.example.test", Type.A, "192.0.2.7");
            try (DnsResolver r = resolver(1, Map.of("attempts", "1"), broken.server(), silent.server(), dns.server())) {
                assertEquals(List.of("mx.example.test"), names(r.resolve("example.test")));
            }
            assertEquals(1, broken.count("udp MX example.test"));
            assertEquals(1, silent.count("udp MX example.test"));
            assertEquals(1, dns.count("udp MX example.test"));
        }
    }

    @Test
    void closedServerPortIsTemporary() throws Exception {
        String closed;
        try (FakeDnsServer gone = FakeDnsServer.start()) {
            closed = gone.server();
        }
        try (DnsResolver r = resolver(1, Map.of("attempts", "1"), closed)) {
            assertEquals(Reason.TEMPORARY, failure(r, "example.test").reason());
        }
    }
}
