package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.ResolutionFailedException.Reason;
import dev.sendmail.spi.ResolverSettings;
import dev.sendmail.spi.SrvRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** SRV lookups of the dns resolver against a scripted DNS server on loopback. */
class DnsSrvTest {

    private FakeDnsServer dns;

    @BeforeEach
    void start() throws IOException {
        dns = FakeDnsServer.start();
    }

    @AfterEach
    void stop() throws IOException {
        dns.close();
    }

    private DnsResolver resolver() throws IOException {
        ResolverSettings s = new ResolverSettings(List.of(dns.server()), Duration.ofSeconds(5), new SplittableRandom(1),
                Map.of("attempts", "1"));
        return new DnsResolver(DnsOptions.from(s), s.random(), Clock.systemUTC());
    }

    @Test
    void recordsInPriorityOrderWithTheAddressesOfTheirTargets() throws Exception {
        dns.add("_submission._tcp.example.test", Type.SRV, "20 1 2587 backup.example.test.")
                .add("_submission._tcp.example.test", Type.SRV, "10 1 587 mail.example.test.")
                .add("mail.example.test", Type.A, "192.0.2.10")
                .add("backup.example.test", Type.AAAA, "2001:db8::20");
        try (DnsResolver r = resolver()) {
            List<SrvRecord> out = r.srv("_submission._tcp.Example.TEST");
            assertEquals(List.of("10 1 587 mail.example.test", "20 1 2587 backup.example.test"),
                    out.stream().map(SrvRecord::toString).toList());
            assertEquals(List.of(InetAddress.getByName("192.0.2.10")), out.get(0).addresses());
            assertEquals(List.of(InetAddress.getByName("2001:db8::20")), out.get(1).addresses());
        }
    }

    @Test
    void aRootTargetIsKeptWithoutAddressesAndWithoutAQueryForIt() throws Exception {
        dns.add("_submissions._tcp.example.test", Type.SRV, "0 0 0 .");
        try (DnsResolver r = resolver()) {
            List<SrvRecord> out = r.srv("_submissions._tcp.example.test");
            assertEquals(1, out.size());
            assertTrue(out.get(0).isNoService());
            assertTrue(out.get(0).addresses().isEmpty());
        }
    }

    @Test
    void nxdomainIsNoSuchDomainAndNoDataIsAnEmptyList() throws Exception {
        dns.add("_submission._tcp.example.test", Type.TXT, "\"not srv\"");
        try (DnsResolver r = resolver()) {
            assertEquals(List.of(), r.srv("_submission._tcp.example.test"));
            ResolutionFailedException e = assertThrows(ResolutionFailedException.class,
                    () -> r.srv("_submissions._tcp.example.test"));
            assertEquals(Reason.NO_SUCH_DOMAIN, e.reason());
            assertTrue(e.getMessage().contains("_submissions._tcp.example.test"), e.getMessage());
        }
    }

    @Test
    void servfailIsTemporary() throws Exception {
        dns.fault("_submission._tcp.broken.test", Type.SRV, FakeDnsServer.Fault.SERVFAIL);
        try (DnsResolver r = resolver()) {
            ResolutionFailedException e = assertThrows(ResolutionFailedException.class,
                    () -> r.srv("_submission._tcp.broken.test"));
            assertEquals(Reason.TEMPORARY, e.reason());
            assertTrue(e.getMessage().contains("SERVFAIL"), e.getMessage());
        }
    }
}
