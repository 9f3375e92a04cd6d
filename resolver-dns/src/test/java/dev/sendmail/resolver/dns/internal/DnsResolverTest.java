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

/** The dns resolver against a scripted DNS server on loopback. */
class DnsResolverTest {

    /** Generous, so a loaded machine does not fail the tests that expect answers. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    /** For the tests that wait for a silent server. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(1000);

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
    void mxHostsInPreferenceOrderWithTheirAddresses() throws Exception {
        dns.add("example.test", Type.MX, "20 mx2.example.test.")
                .add("example.test", Type.MX, "10 mx1.example.test.")
                .add("example.test", Type.MX, "30 mx3.example.test.")
                .add("mx1.example.test", Type.A, "192.0.2.1")
                .add("mx1.example.test", Type.AAAA, "2001:db8::1")
                .add("mx2.example.test", Type.A, "192.0.2.2")
                .add("mx3.example.test", Type.AAAA, "2001:db8::3");
        try (DnsResolver r = resolver()) {
            MailRoute route = r.resolve("Example.TEST");
            assertEquals(MailRoute.Kind.MX, route.kind());
            assertEquals("example.test", route.domain());
            assertEquals(List.of("mx1.example.test", "mx2.example.test", "mx3.example.test"), names(route));
            assertEquals(List.of(10, 20, 30), route.hosts().stream().map(MailHost::preference).toList());
            assertEquals(List.of(ip("2001:db8::1"), ip("192.0.2.1")), route.hosts().get(0).addresses());
            assertEquals(List.of(ip("192.0.2.2")), route.hosts().get(1).addresses());
            assertEquals(List.of(ip("2001:db8::3")), route.hosts().get(2).addresses());
            assertTrue(route.hosts().get(0).port().isEmpty());
        }
    }

    @Test
    void equalPreferencesAreShuffledBySeedAndBackupStaysLast() throws Exception {
        dns.add("multi.test", Type.MX, "10 mxa.multi.test.")
                .add("multi.test", Type.MX, "10 mxb.multi.test.")
                .add("multi.test", Type.MX, "10 mxc.multi.test.")
                .add("multi.test", Type.MX, "20 backup.multi.test.");
        for (String h : List.of("mxa", "mxb", "mxc", "backup")) {
            dns.add(h + ".multi.test", Type.A, "192.0.2." + (h.length() + h.charAt(2)));
        }
        Set<String> firsts = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            List<String> order;
            try (DnsResolver r = resolver(seed, Map.of())) {
                order = names(r.resolve("multi.test"));
            }
            assertEquals(4, order.size());
            assertEquals("backup.multi.test", order.get(3));
            assertEquals(Set.of("mxa.multi.test", "mxb.multi.test", "mxc.multi.test"), new HashSet<>(order.subList(0, 3)));
            firsts.add(order.get(0));
            try (DnsResolver again = resolver(seed, Map.of())) {
                assertEquals(order, names(again.resolve("multi.test")), "same seed, same order");
            }
        }
        assertEquals(3, firsts.size(), "each tied host comes first for some seed: " + firsts);
    }

    @Test
    void noMxMeansTheDomainItselfAsImplicitMx() throws Exception {
        dns.add("nomx.test", Type.A, "192.0.2.9").add("nomx.test", Type.AAAA, "2001:db8::9");
        try (DnsResolver r = resolver()) {
            MailRoute route = r.resolve("nomx.test");
            assertEquals(MailRoute.Kind.IMPLICIT_MX, route.kind());
            assertEquals(1, route.hosts().size());
            MailHost h = route.hosts().get(0);
            assertEquals("nomx.test", h.name());
            assertEquals(-1, h.preference());
            assertEquals(List.of(ip("2001:db8::9"), ip("192.0.2.9")), h.addresses());
        }
    }

    @Test
    void ipv4FirstAndIpv4OnlyOrderTheFamilies() throws Exception {
        dns.add("nomx.test", Type.A, "192.0.2.9").add("nomx.test", Type.AAAA, "2001:db8::9");
        try (DnsResolver r = resolver(1, Map.of("addresses", "ipv4-first"))) {
            assertEquals(List.of(ip("192.0.2.9"), ip("2001:db8::9")), r.resolve("nomx.test").hosts().get(0).addresses());
        }
        try (DnsResolver r = resolver(1, Map.of("addresses", "ipv4-only"))) {
            assertEquals(List.of(ip("192.0.2.9")), r.resolve("nomx.test").hosts().get(0).addresses());
        }
    }

    @Test
    void implicitMxWithoutAddressIsNoAddress() throws Exception {
        dns.add("txtonly.test", Type.TXT, "\"v=spf1 -all\"");
        try (DnsResolver r = resolver()) {
            ResolutionFailedException e = failure(r, "txtonly.test");
            assertEquals(Reason.NO_ADDRESS, e.reason());
            assertTrue(e.isTransient());
            assertTrue(e.getMessage().contains("no MX record and no address"), e.getMessage());
        }
    }

    @Test
    void nullMxIsPermanentAndNoAddressIsLookedUp() throws Exception {
        dns.add("nullmx.test", Type.MX, "0 .").add("nullmx.test", Type.A, "192.0.2.9");
        try (DnsResolver r = resolver()) {
            ResolutionFailedException e = failure(r, "nullmx.test");
            assertEquals(Reason.NULL_MX, e.reason());
            assertFalse(e.isTransient());
            assertEquals("nullmx.test", e.domain());
            assertTrue(e.getMessage().endsWith("nullmx.test: domain does not accept mail (null MX, RFC 7505)"), e.getMessage());
        }
        assertEquals(List.of("udp MX nullmx.test"), dns.queries());
    }

    @Test
    void rootExchangeNextToRealMxIsIgnored() throws Exception {
        dns.add("mixed.test", Type.MX, "0 .").add("mixed.test", Type.MX, "10 mx.mixed.test.")
                .add("mx.mixed.test", Type.A, "192.0.2.5");
        try (DnsResolver r = resolver()) {
            assertEquals(List.of("mx.mixed.test"), names(r.resolve("mixed.test")));
        }
    }

    @Test
    void nxdomainIsPermanentNoSuchDomain() throws Exception {
        try (DnsResolver r = resolver()) {
            ResolutionFailedException e = failure(r, "nosuch.test");
            assertEquals(Reason.NO_SUCH_DOMAIN, e.reason());
            assertFalse(e.isTransient());
            assertTrue(e.getMessage().contains("no such domain (NXDOMAIN)"), e.getMessage());
        }
    }

    @Test
    void cnamesAreFollowed() throws Exception {
        dns.add("alias.test", Type.CNAME, "real.test.")
                .add("real.test", Type.MX, "10 mxalias.real.test.")
                .add("mxalias.real.test", Type.CNAME, "mx.real.test.")
                .add("mx.real.test", Type.A, "192.0.2.8");
        try (DnsResolver r = resolver()) {
            MailRoute route = r.resolve("alias.test");
            assertEquals("alias.test", route.domain());
            assertEquals(List.of("mxalias.real.test"), names(route));
            assertEquals(List.of(ip("192.0.2.8")), route.hosts().get(0).addresses());
        }
    }

    @Test
    void cnameTargetIsAskedForWhenTheServerStopsAtTheAlias() throws Exception {
        dns.chaseCnames(false)
                .add("alias.test", Type.CNAME, "real.test.")
                .add("real.test", Type.MX, "10 mx.real.test.")
                .add("mx.real.test", Type.A, "192.0.2.8");
        try (DnsResolver r = resolver()) {
            assertEquals(List.of("mx.real.test"), names(r.resolve("alias.test")));
        }
        assertEquals(1, dns.count("udp MX alias.test"));
        assertEquals(1, dns.count("udp MX real.test"));
    }

    @Test
    void cnameLoopIsPermanent() throws Exception {
        dns.chaseCnames(false).add("a.loop.test", Type.CNAME, "b.loop.test.").add("b.loop.test", Type.CNAME, "a.loop.test.");
        try (DnsResolver r = resolver()) {
            ResolutionFailedException e = failure(r, "a.loop.test");
            assertEquals(Reason.PERMANENT, e.reason());
            assertFalse(e.isTransient());
            assertTrue(e.getMessage().contains("CNAME loop"), e.getMessage());
        }
    }

    @Test
    void cnameLoopInsideOneAnswerIsPermanent() throws Exception {
        dns.add("a.loop.test", Type.CNAME, "b.loop.test.").add("b.loop.test", Type.CNAME, "a.loop.test.");
        try (DnsResolver r = resolver()) {
            assertEquals(Reason.PERMANENT, failure(r, "a.loop.test").reason());
        }
    }

    @Test
    void overlongCnameChainIsPermanent() throws Exception {
        dns.chaseCnames(false);
        for (int i = 0; i < 12; i++) {
            dns.add("c" + i + ".chain.test", Type.CNAME, "c" + (i + 1) + ".chain.test.");
        }
        dns.add("c12.chain.test", Type.MX, "10 mx.chain.test.");
        try (DnsResolver r = resolver()) {
            ResolutionFailedException e = failure(r, "c0.chain.test");
            assertEquals(Reason.PERMANENT, e.reason());
            assertTrue(e.getMessage().contains("more than 8 CNAMEs"), e.getMessage());
        }
    }

    @Test
    void nxdomainAtTheEndOfAnAliasIsNoSuchDomain() throws Exception {
        dns.add("dangling.test", Type.CNAME, "gone.test.");
        try (DnsResolver r = resolver()) {
            ResolutionFailedException e = failure(r, "dangling.test");
            assertEquals(Reason.NO_SUCH_DOMAIN, e.reason());
            assertTrue(e.getMessage().contains("alias target gone.test"), e.getMessage());
        }
    }

    @Test
    void mxHostWithoutAddressIsSkipped() throws Exception {
        dns.add("skip.test", Type.MX, "10 gone.skip.test.")
                .add("skip.test", Type.MX, "20 noaddr.skip.test.")
                .add("skip.test", Type.MX, "30 ok.skip.test.")
                .add("noaddr.skip.test", Type.TXT, "\"x\"")
                .add("ok.skip.test", Type.A, "192.0.2.30");
        try (DnsResolver r = resolver()) {
            MailRoute route = r.resolve("skip.test");
            assertEquals(List.of("ok.skip.test"), names(route));
            assertEquals(30, route.hosts().get(0).preference());
        }
    }

    @Test
    void noMxHostWithAnAddressIsTransientNoAddress() throws Exception {
        dns.add("dead.test", Type.MX, "10 gone1.dead.test.").add("dead.test", Type.MX, "20 gone2.dead.test.");
        try (DnsResolver r = resolver()) {
            ResolutionFailedException e = failure(r, "dead.test");
            assertEquals(Reason.NO_ADDRESS, e.reason());
            assertTrue(e.isTransient());
            assertTrue(e.getMessage().contains("none of the 2 MX hosts has an address"), e.getMessage());
            assertTrue(e.getMessage().contains("gone1.dead.test: no such host (NXDOMAIN)"), e.getMessage());
        }
    }

    @Test
    void aaaaTimeoutStillUsesTheARecords() throws Exception {
        dns.add("half.test", Type.MX, "10 mx.half.test.").add("mx.half.test", Type.A, "192.0.2.40")
                .fault("mx.half.test", Type.AAAA, FakeDnsServer.Fault.DROP);
        timeout = SHORT_TIMEOUT;
        try (DnsResolver r = resolver()) {
            assertEquals(List.of(ip("192.0.2.40")), r.resolve("half.test").hosts().get(0).addresses());
        }
    }

    @Test
    void addressLiteralsNeedNoDns() throws Exception {
        try (DnsResolver r = resolver()) {
            MailRoute v4 = r.resolve("[192.0.2.1]");
            assertEquals(MailRoute.Kind.ADDRESS_LITERAL, v4.kind());
            assertEquals(List.of(ip("192.0.2.1")), v4.hosts().get(0).addresses());
            MailRoute v6 = r.resolve("[IPv6:2001:DB8::1]");
            assertEquals(MailRoute.Kind.ADDRESS_LITERAL, v6.kind());
            assertEquals(List.of(ip("2001:db8::1")), v6.hosts().get(0).addresses());
            for (String bad : List.of("[192.0.2.256]", "[example.test]", "[IPv6:zz::1]", "[192.0.2.1", "[]")) {
                assertEquals(Reason.PERMANENT, failure(r, bad).reason(), bad);
            }
        }
        assertEquals(List.of(), dns.queries());
    }

    @Test
    void invalidDomainsFailPermanentlyWithoutAQuery() throws Exception {
        try (DnsResolver r = resolver()) {
            for (String bad : List.of("", ".", "a..b", "exa mple.test", "bücher.test", "a\r\nb.test", "x".repeat(64) + ".test",
                    ("abcdefghi.").repeat(26) + "test")) {
                ResolutionFailedException e = failure(r, bad);
                assertEquals(Reason.PERMANENT, e.reason(), bad);
                assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
            }
        }
        assertEquals(List.of(), dns.queries());
    }

    @Test
    void oneResolverServesManyThreads() throws Exception {
        for (int i = 0; i < 12; i++) {
            dns.add("d" + i + ".test", Type.MX, "10 mx" + i + ".d" + i + ".test.")
                    .add("mx" + i + ".d" + i + ".test", Type.A, "192.0.2." + (i + 1));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try (DnsResolver r = resolver()) {
            List<java.util.concurrent.Future<MailRoute>> futures = new java.util.ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 12; i++) {
                    String d = "d" + i + ".test";
                    futures.add(pool.submit(() -> r.resolve(d)));
                }
            }
            for (int k = 0; k < futures.size(); k++) {
                int i = k % 12;
                MailRoute route = futures.get(k).get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(List.of("mx" + i + ".d" + i + ".test"), names(route));
                assertEquals(List.of(ip("192.0.2." + (i + 1))), route.hosts().get(0).addresses());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void mxHostsWithUnusableNamesAreSkipped() throws Exception {
        dns.add("odd.test", Type.MX, "5 bad\\032host.odd.test.")
                .add("odd.test", Type.MX, "6 cr\\013lf.odd.test.")
                .add("odd.test", Type.MX, "7 loop1.odd.test.")
                .add("loop1.odd.test", Type.CNAME, "loop2.odd.test.")
                .add("loop2.odd.test", Type.CNAME, "loop1.odd.test.")
                .add("odd.test", Type.MX, "10 good.odd.test.")
                .add("good.odd.test", Type.A, "192.0.2.77");
        try (DnsResolver r = resolver()) {
            MailRoute route = r.resolve("odd.test");
            assertEquals(List.of("good.odd.test"), names(route));
        }
        assertTrue(dns.queries().stream().noneMatch(q -> q.contains("bad") || q.contains("cr")), dns.queries().toString());
    }
}
