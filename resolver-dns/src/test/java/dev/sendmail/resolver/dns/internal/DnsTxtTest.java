package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.ResolutionFailedException.Reason;
import dev.sendmail.spi.ResolverSettings;
import dev.sendmail.spi.TxtAnswer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** TXT lookups of the dns resolver against a scripted DNS server on loopback. */
class DnsTxtTest {

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
    void theStringsOfOneRecordAreJoinedWithoutSeparatorAndRecordsStaySeparate() throws Exception {
        dns.add("sel._domainkey.example.test", Type.TXT, "\"v=DKIM1; k=rsa; \" \"p=MIIBIjANBg\" \"kqhkiG9w0B\"")
                .add("sel._domainkey.example.test", Type.TXT, "\"unrelated token\"");
        try (DnsResolver r = resolver()) {
            TxtAnswer a = r.txt("Sel._DomainKey.Example.TEST.");
            assertEquals(TxtAnswer.Status.FOUND, a.status());
            assertEquals("sel._domainkey.example.test", a.name());
            assertEquals(List.of("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0B", "unrelated token"), a.records());
        }
    }

    @Test
    void nxdomainAndNodataAreAnswersNotFailures() throws Exception {
        dns.add("example.test", Type.MX, "10 mx.example.test.");
        try (DnsResolver r = resolver()) {
            assertEquals(TxtAnswer.noData("example.test"), r.txt("example.test"));
            assertEquals(TxtAnswer.noSuchName("_dmarc.example.test"), r.txt("_dmarc.example.test"));
        }
    }

    @Test
    void servfailAndSilenceAreTemporaryFailures() throws Exception {
        dns.fault("_mta-sts.broken.test", Type.TXT, FakeDnsServer.Fault.SERVFAIL);
        try (DnsResolver r = resolver()) {
            ResolutionFailedException e = assertThrows(ResolutionFailedException.class,
                    () -> r.txt("_mta-sts.broken.test"));
            assertEquals(Reason.TEMPORARY, e.reason());
            assertTrue(e.isTransient());
            assertTrue(e.getMessage().contains("SERVFAIL"), e.getMessage());
        }
    }

    @Test
    void aCnameIsFollowedAndTheAnswerKeepsTheNameAskedAbout() throws Exception {
        dns.add("sel._domainkey.example.test", Type.CNAME, "sel.keys.provider.test.")
                .add("sel.keys.provider.test", Type.TXT, "\"v=DKIM1; p=abc\"");
        try (DnsResolver r = resolver()) {
            TxtAnswer a = r.txt("sel._domainkey.example.test");
            assertEquals(TxtAnswer.found("sel._domainkey.example.test", List.of("v=DKIM1; p=abc")), a);
        }
    }

    @Test
    void aLargeAnswerArrivesOverTcpWhole() throws Exception {
        String chunk = "a".repeat(250);
        String rdata = ("\"" + chunk + "\" ").repeat(8).strip();
        dns.add("big.example.test", Type.TXT, rdata).fault("big.example.test", Type.TXT, FakeDnsServer.Fault.TRUNCATE_UDP);
        try (DnsResolver r = resolver()) {
            assertEquals(List.of(chunk.repeat(8)), r.txt("big.example.test").records());
            assertEquals(1, dns.count("tcp TXT big.example.test"));
        }
    }

    @Test
    void tooManyRecordsArePermanentNotCutOff() throws Exception {
        for (int i = 0; i <= TxtRecords.MAX_RECORDS; i++) {
            dns.add("many.example.test", Type.TXT, "\"token-" + i + "\"");
        }
        dns.fault("many.example.test", Type.TXT, FakeDnsServer.Fault.TRUNCATE_UDP);
        try (DnsResolver r = resolver()) {
            ResolutionFailedException e = assertThrows(ResolutionFailedException.class, () -> r.txt("many.example.test"));
            assertEquals(Reason.PERMANENT, e.reason());
            assertTrue(e.getMessage().contains("more than " + TxtRecords.MAX_RECORDS + " TXT records"), e.getMessage());
        }
    }

    @Test
    void aBadNameIsPermanent() throws Exception {
        try (DnsResolver r = resolver()) {
            ResolutionFailedException e = assertThrows(ResolutionFailedException.class, () -> r.txt("a b.example.test"));
            assertEquals(Reason.PERMANENT, e.reason());
            assertEquals(0, dns.queries().size());
        }
    }
}
