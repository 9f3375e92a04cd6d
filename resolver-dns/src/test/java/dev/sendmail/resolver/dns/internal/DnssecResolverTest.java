package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.TlsRequirement;
import dev.sendmail.api.TlsaRecord;
import dev.sendmail.spi.DnssecStatus;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.ResolverSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * DNSSEC validation with dnsjava's ValidatingResolver against a zone signed in the test (ECDSA P-256) and served by
 * the fake server, the zone's DNSKEY as the trust anchor: secure MX, address and TLSA records give a DANE
 * requirement; a broken signature is bogus, which is a temporary failure (for the MX) or an unusable host (for the
 * TLSA); an unsigned zone gives no TLSA lookup at all.
 */
class DnssecResolverTest {

    private static final String EE = "3 1 1 " + "ab".repeat(32);

    @TempDir
    Path dir;
    private FakeDnsServer dns;
    private KeyPair key;
    private DNSKEYRecord dnskey;
    private Path anchor;

    @BeforeEach
    void start() throws Exception {
        dns = FakeDnsServer.start();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        key = g.generateKeyPair();
        dnskey = new DNSKEYRecord(Name.fromString("dane.test."), DClass.IN, 300, 257, DNSKEYRecord.Protocol.DNSSEC,
                DNSSEC.Algorithm.ECDSAP256SHA256, key.getPublic());
        signed(dnskey);
        anchor = dir.resolve("anchor.txt");
        Files.writeString(anchor, "; the test zone's key\n" + dnskey + "\n");
    }

    @AfterEach
    void stop() throws IOException {
        dns.close();
    }

    /** Serves {@code record} with a good signature. */
    private void signed(Record record) throws Exception {
        dns.add(record);
        dns.add(sign(record));
    }

    private Record sign(Record record) throws Exception {
        Instant now = Instant.now();
        return DNSSEC.sign(new RRset(record), dnskey, key.getPrivate(), now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)));
    }

    private static Record record(String owner, int type, String rdata) throws IOException {
        return Record.fromString(Name.fromString(owner), type, DClass.IN, 300, rdata, Name.root);
    }

    private DnsResolver resolver(Map<String, String> extra) throws IOException {
        Map<String, String> props = new HashMap<>(Map.of("addresses", "ipv4-only",
                "dnssec-anchor", anchor.toString()));
        props.putAll(extra);
        ResolverSettings s = new ResolverSettings(List.of(dns.server()), Duration.ofSeconds(2),
                new SplittableRandom(1), props);
        return new DnsResolver(DnsOptions.from(s), s.random(), Clock.systemUTC());
    }

    private void secureMx() throws Exception {
        signed(record("dane.test.", Type.MX, "10 mx.dane.test."));
        signed(record("mx.dane.test.", Type.A, "127.0.0.1"));
    }

    @Test
    void secureMxAddressAndTlsaMakeDaneMandatory() throws Exception {
        secureMx();
        signed(record("_25._tcp.mx.dane.test.", Type.TLSA, EE));
        try (DnsResolver r = resolver(Map.of())) {
            MailRoute route = r.resolve("dane.test");
            assertEquals(DnssecStatus.SECURE, route.dnssec());
            MailHost host = route.hosts().get(0);
            TlsRequirement.Dane dane = assertInstanceOf(TlsRequirement.Dane.class, host.tlsRequirement());
            assertEquals("mx.dane.test", dane.name());
            assertEquals(List.of(TlsaRecord.parse(EE)), dane.records());
        }
    }

    @Test
    void aTlsaRecordWhoseSignatureDoesNotMatchMakesTheHostUnavailable() throws Exception {
        secureMx();
        Record real = record("_25._tcp.mx.dane.test.", Type.TLSA, EE);
        dns.add(record("_25._tcp.mx.dane.test.", Type.TLSA, "3 1 1 " + "cd".repeat(32)));
        dns.add(sign(real));
        try (DnsResolver r = resolver(Map.of())) {
            MailRoute route = r.resolve("dane.test");
            TlsRequirement.Unavailable u = assertInstanceOf(TlsRequirement.Unavailable.class,
                    route.hosts().get(0).tlsRequirement());
            assertTrue(u.reason().contains("bogus"), u.reason());
        }
    }

    @Test
    void aBogusMxAnswerIsATemporaryFailure() throws Exception {
        Record real = record("dane.test.", Type.MX, "10 mx.dane.test.");
        dns.add(record("dane.test.", Type.MX, "10 evil.dane.test."));
        dns.add(sign(real));
        signed(record("mx.dane.test.", Type.A, "127.0.0.1"));
        try (DnsResolver r = resolver(Map.of())) {
            ResolutionFailedException e = assertThrows(ResolutionFailedException.class, () -> r.resolve("dane.test"));
            assertTrue(e.isTransient(), e.getMessage());
            assertTrue(e.getMessage().contains("DNSSEC validation failed"), e.getMessage());
        }
    }

    @Test
    void secureRecordsWithoutAUsableTlsaRecordRequireTlsWithoutAuthentication() throws Exception {
        secureMx();
        signed(record("_25._tcp.mx.dane.test.", Type.TLSA, "1 1 1 " + "ab".repeat(32)));
        try (DnsResolver r = resolver(Map.of())) {
            assertInstanceOf(TlsRequirement.Encrypted.class, r.resolve("dane.test").hosts().get(0).tlsRequirement());
        }
    }

    @Test
    void anUnsignedZoneIsInsecureAndNoTlsaIsAskedFor() throws Exception {
        dns.add("plain.test", Type.MX, "10 mx.plain.test.");
        dns.add("mx.plain.test", Type.A, "127.0.0.1");
        dns.add("_25._tcp.mx.plain.test", Type.TLSA, EE);
        try (DnsResolver r = resolver(Map.of())) {
            MailRoute route = r.resolve("plain.test");
            assertEquals(DnssecStatus.INSECURE, route.dnssec());
            assertEquals(TlsRequirement.OPPORTUNISTIC, route.hosts().get(0).tlsRequirement());
        }
        assertFalse(dns.queries().stream().anyMatch(q -> q.contains("TLSA")), dns.queries().toString());
    }

    @Test
    void aServerWithoutDnssecDataLeavesAnswersUncheckedUnlessDnssecIsRequired() throws Exception {
        Path root = dir.resolve("root.txt");
        Files.writeString(root, ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n");
        dns.add("plain.test", Type.MX, "10 mx.plain.test.");
        dns.add("mx.plain.test", Type.A, "127.0.0.1");
        try (DnsResolver r = resolver(Map.of("dnssec-anchor", root.toString()))) {
            MailRoute route = r.resolve("plain.test");
            assertEquals(DnssecStatus.UNCHECKED, route.dnssec());
            assertEquals(TlsRequirement.OPPORTUNISTIC, route.hosts().get(0).tlsRequirement());
        }
        try (DnsResolver r = resolver(Map.of("dnssec-anchor", root.toString(), "dnssec", "require"))) {
            ResolutionFailedException e = assertThrows(ResolutionFailedException.class,
                    () -> r.resolve("plain.test"));
            assertTrue(e.isTransient(), e.getMessage());
            assertTrue(e.getMessage().contains("dnssec=require"), e.getMessage());
        }
    }

    @Test
    void aServerThatRefusesIsReportedAsRefusingNotAsBogus() throws Exception {
        secureMx();
        dns.fault("refused.dane.test", Type.MX, FakeDnsServer.Fault.REFUSED);
        try (DnsResolver r = resolver(Map.of("attempts", "1"))) {
            ResolutionFailedException e = assertThrows(ResolutionFailedException.class,
                    () -> r.resolve("refused.dane.test"));
            assertTrue(e.isTransient(), e.getMessage());
            assertTrue(e.getMessage().contains("REFUSED"), e.getMessage());
            assertFalse(e.getMessage().contains("bogus"), e.getMessage());
        }
    }

    @Test
    void dnssecOffAsksNoDnskeyAndLeavesEverythingUnchecked() throws Exception {
        secureMx();
        signed(record("_25._tcp.mx.dane.test.", Type.TLSA, EE));
        try (DnsResolver r = resolver(Map.of("dnssec", "off"))) {
            MailRoute route = r.resolve("dane.test");
            assertEquals(DnssecStatus.UNCHECKED, route.dnssec());
            assertEquals(TlsRequirement.OPPORTUNISTIC, route.hosts().get(0).tlsRequirement());
        }
        assertFalse(dns.queries().stream().anyMatch(q -> q.contains("DNSKEY") || q.contains("TLSA")),
                dns.queries().toString());
    }
}
