package dev.sendmail.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.Sender;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TlsFailedException;
import dev.sendmail.api.TlsRequirement;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.TlsSupport;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TxtAnswer;
import dev.sendmail.testkit.TestCertificates;
import dev.sendmail.tlsrpt.TlsReportStore;
import dev.sendmail.tlsrpt.TlsSession;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Sender with MTA-STS: which hosts get the mail, with which TLS rule, and what is reported. */
class StsTlsPolicyTest {

    private static final String ENFORCE = "version: STSv1\nmode: enforce\nmx: *.example.org\nmax_age: 86400\n";
    private static final String TESTING = "version: STSv1\nmode: testing\nmx: *.example.org\nmax_age: 86400\n";

    @TempDir
    Path tmp;

    private final Dns dns = new Dns();
    private final TlsCheckingTransport transport = new TlsCheckingTransport();
    private PolicyServer server;
    private TlsReportStore reports;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        server = new PolicyServer(TestCertificates.Kind.GOOD);
        reports = new TlsReportStore(tmp.resolve("tls-rpt"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Sender sender() throws Exception {
        TrustSettings trust = TrustSettings.SYSTEM.withCaFile(TestCertificates.get().caBundle());
        StsPolicyFetcher fetcher = new StsPolicyFetcher(TlsSupport.create(trust).context(false), server::location,
                Clock.systemUTC());
        MtaSts sts = new MtaSts(dns, fetcher, Optional.of(new StsPolicyCache(tmp.resolve("mta-sts"))),
                Clock.systemUTC());
        return Sender.builder().transport(transport).resolver(dns)
                .domainTlsPolicy(new StsTlsPolicy(sts, Optional.of(reports), Clock.systemUTC(), problems::add))
                .build();
    }

    private DeliveryReport send(String to) throws Exception {
        try (Sender s = sender()) {
            return s.send(Envelope.of("me@sender.test", to), MessageContent.of("Subject: t\r\n\r\nhi\r\n"),
                    dev.sendmail.api.DeliveryOptions.DEFAULT);
        }
    }

    private List<TlsSession> reported() throws Exception {
        return reports.sessions("example.org", LocalDate.now(ZoneOffset.UTC));
    }

    @Test
    void enforceUsesOnlyListedHostsEachWithPkixForItsName() throws Exception {
        dns.mx("example.org", "evil.attacker.test", "mx1.example.org", "mx2.example.org");
        dns.txt.put("_mta-sts.example.org", List.of("v=STSv1; id=1"));
        server.answer(ENFORCE);
        DeliveryReport r = send("bob@example.org");
        assertEquals(DeliveryStatus.DELIVERED, r.outcomes().get(0).status(), r.toString());
        assertEquals(List.of("mx1.example.org"), transport.hostNames());
        assertEquals(new TlsRequirement.Pkix("mx1.example.org", "MTA-STS enforce"), transport.tried.get(0).tlsRequirement());
        assertEquals(Optional.of("TLS required, MTA-STS enforce (certificate for mx1.example.org)"),
                r.outcomes().get(0).tlsRule());
        List<TlsSession> s = reported();
        assertEquals(1, s.size(), s.toString());
        assertTrue(s.get(0).successful());
        assertEquals("sts", s.get(0).policyType());
        assertEquals(List.of("*.example.org"), s.get(0).mxHost());
    }

    @Test
    void enforceMovesOnWhenAHostFailsItsCertificateAndDefersWhenNoneIsLeft() throws Exception {
        dns.mx("example.org", "mx1.example.org", "mx2.example.org");
        dns.txt.put("_mta-sts.example.org", List.of("v=STSv1; id=1"));
        server.answer(ENFORCE);
        transport.badCertificate.addAll(Set.of("mx1.example.org", "mx2.example.org"));
        RecipientOutcome o = send("bob@example.org").outcomes().get(0);
        assertEquals(DeliveryStatus.DEFERRED, o.status(), o.toString());
        assertEquals(List.of("mx1.example.org", "mx2.example.org"), transport.hostNames());
        assertEquals(0, transport.delivered.size(), "nothing reaches a host that failed the policy");
        List<TlsSession> s = reported();
        assertEquals(2, s.size());
        assertEquals(Optional.of("certificate-host-mismatch"), s.get(0).resultType());
    }

    @Test
    void enforceWithNoListedHostDefersWithoutConnecting() throws Exception {
        dns.mx("example.org", "mx.elsewhere.test");
        dns.txt.put("_mta-sts.example.org", List.of("v=STSv1; id=1"));
        server.answer(ENFORCE);
        RecipientOutcome o = send("bob@example.org").outcomes().get(0);
        assertEquals(DeliveryStatus.DEFERRED, o.status());
        assertTrue(o.detail().contains("allows none of its MX hosts (mx.elsewhere.test)"), o.detail());
        assertEquals(List.of(), transport.tried);
        assertEquals(Optional.of("validation-failure"), reported().get(0).resultType());
    }

    @Test
    void testingDeliversAsBeforeAndReportsWhatWouldHaveFailed() throws Exception {
        dns.mx("example.org", "mx1.example.org", "other.test");
        dns.txt.put("_mta-sts.example.org", List.of("v=STSv1; id=1"));
        server.answer(TESTING);
        transport.badCertificate.add("mx1.example.org");
        DeliveryReport r = send("bob@example.org");
        assertEquals(DeliveryStatus.DELIVERED, r.outcomes().get(0).status(), r.toString());
        assertEquals(List.of("mx1.example.org", "mx1.example.org"), transport.hostNames());
        assertEquals(TlsRequirement.OPPORTUNISTIC, transport.tried.get(1).tlsRequirement(),
                "the second try is as without a policy");
        assertEquals(List.of("mx1.example.org"), transport.delivered);
        assertEquals(Optional.of("opportunistic (TLS required, MTA-STS testing (certificate for mx1.example.org) "
                + "failed, reported)"), r.outcomes().get(0).tlsRule(), "the report says which rule carried the mail");
        List<TlsSession> s = reported();
        assertEquals(1, s.size(), s.toString());
        assertEquals(Optional.of("certificate-host-mismatch"), s.get(0).resultType());
    }

    @Test
    void testingUsesUnlistedHostsAndReportsThem() throws Exception {
        dns.mx("example.org", "other.test");
        dns.txt.put("_mta-sts.example.org", List.of("v=STSv1; id=1"));
        server.answer(TESTING);
        assertEquals(DeliveryStatus.DELIVERED, send("bob@example.org").outcomes().get(0).status());
        assertEquals(TlsRequirement.OPPORTUNISTIC, transport.tried.get(0).tlsRequirement());
        assertEquals(Optional.of("validation-failure"), reported().get(0).resultType());
    }

    @Test
    void withoutAPolicyNothingChangesAndNothingIsReported() throws Exception {
        dns.mx("example.org", "mx.elsewhere.test");
        assertEquals(DeliveryStatus.DELIVERED, send("bob@example.org").outcomes().get(0).status());
        assertEquals(TlsRequirement.OPPORTUNISTIC, transport.tried.get(0).tlsRequirement());
        assertEquals(List.of(), reported());
        assertEquals(List.of(), server.requests);
    }

    @Test
    void aHostWithItsOwnRequirementKeepsIt() throws Exception {
        TlsRequirement dane = new TlsRequirement.Encrypted("DANE, no usable TLSA record");
        dns.routes.put("example.org", new MailRoute("example.org", MailRoute.Kind.MX, List.of(
                new MailHost("mx.elsewhere.test", OptionalInt.empty(), List.of(), 10).withTlsRequirement(dane))));
        dns.txt.put("_mta-sts.example.org", List.of("v=STSv1; id=1"));
        server.answer(ENFORCE);
        assertEquals(DeliveryStatus.DELIVERED, send("bob@example.org").outcomes().get(0).status());
        assertEquals(dane, transport.tried.get(0).tlsRequirement());
    }

    @Test
    void daneSessionsAreReportedAsTlsaPolicies() throws Exception {
        TlsRequirement dane = new TlsRequirement.Dane("mx.example.org", List.of(
                dev.sendmail.api.TlsaRecord.parse("3 1 1 " + "ab".repeat(32))));
        dns.routes.put("example.org", new MailRoute("example.org", MailRoute.Kind.MX, List.of(
                new MailHost("mx.example.org", OptionalInt.empty(), List.of(), 10).withTlsRequirement(dane))));
        assertEquals(DeliveryStatus.DELIVERED, send("bob@example.org").outcomes().get(0).status());
        TlsSession s = reported().get(0);
        assertEquals("tlsa", s.policyType());
        assertEquals(List.of("3 1 1 " + "ab".repeat(32)), s.policyString());
        assertTrue(s.successful());
    }

    @Test
    void theFetchFailureIsReported() throws Exception {
        dns.mx("example.org", "mx1.example.org");
        dns.txt.put("_mta-sts.example.org", List.of("v=STSv1; id=1"));
        server.answer(500, Map.of(), "");
        assertEquals(DeliveryStatus.DELIVERED, send("bob@example.org").outcomes().get(0).status());
        TlsSession s = reported().get(0);
        assertEquals("no-policy-found", s.policyType());
        assertEquals(Optional.of("sts-policy-fetch-error"), s.resultType());
    }

    @Test
    void tlsRequiredNoLeavesTheHostsAsWithoutAPolicy() throws Exception {
        TlsRequirement dane = new TlsRequirement.Encrypted("DANE, no usable TLSA record");
        dns.routes.put("example.org", new MailRoute("example.org", MailRoute.Kind.MX, List.of(
                new MailHost("mx.elsewhere.test", OptionalInt.empty(), List.of(), 10).withTlsRequirement(dane))));
        dns.txt.put("_mta-sts.example.org", List.of("v=STSv1; id=1"));
        server.answer(ENFORCE);
        MessageContent optOut = MessageContent.of("Subject: report\r\nTLS-Required:\r\n  NO\r\n\r\nhi\r\n");
        try (Sender s = sender()) {
            RecipientOutcome o = s.send(Envelope.of("me@sender.test", "bob@example.org"), optOut,
                    dev.sendmail.api.DeliveryOptions.DEFAULT).outcomes().get(0);
            assertEquals(DeliveryStatus.DELIVERED, o.status(), o.toString());
            assertEquals(TlsRequirement.OPPORTUNISTIC, transport.tried.get(0).tlsRequirement());
            assertEquals(List.of(), server.requests, "no policy is looked up for such a message");

            // a message that requires TLS ignores the field (RFC 8689 section 5)
            o = s.send(Envelope.of("me@sender.test", "bob@example.org"), optOut,
                    dev.sendmail.api.DeliveryOptions.DEFAULT.withRequireTls(true)).outcomes().get(0);
            assertEquals(dane, transport.tried.get(1).tlsRequirement());
        }
    }

    @Test
    void aFieldInTheBodyIsNotTheHeaderField() throws Exception {
        dns.mx("example.org", "mx.elsewhere.test");
        dns.txt.put("_mta-sts.example.org", List.of("v=STSv1; id=1"));
        server.answer(ENFORCE);
        try (Sender s = sender()) {
            RecipientOutcome o = s.send(Envelope.of("me@sender.test", "bob@example.org"),
                    MessageContent.of("Subject: x\r\n\r\nTLS-Required: No\r\n"),
                    dev.sendmail.api.DeliveryOptions.DEFAULT).outcomes().get(0);
            assertEquals(DeliveryStatus.DEFERRED, o.status(), o.toString());
        }
    }

    /** MX routes and TXT records from maps. */
    static final class Dns implements dev.sendmail.spi.Resolver {
        final Map<String, MailRoute> routes = new ConcurrentHashMap<>();
        final Map<String, List<String>> txt = new ConcurrentHashMap<>();

        void mx(String domain, String... hosts) {
            List<MailHost> list = new ArrayList<>();
            int pref = 0;
            for (String h : hosts) {
                list.add(new MailHost(h, OptionalInt.empty(), List.of(), pref += 10));
            }
            routes.put(domain, new MailRoute(domain, MailRoute.Kind.MX, list));
        }

        @Override
        public MailRoute resolve(String domain) throws ResolutionFailedException {
            MailRoute r = routes.get(domain);
            if (r == null) {
                throw new ResolutionFailedException(domain, ResolutionFailedException.Reason.NO_SUCH_DOMAIN, "nx",
                        null);
            }
            return r;
        }

        @Override
        public TxtAnswer txt(String name) {
            List<String> r = txt.get(name);
            return r == null ? TxtAnswer.noSuchName(name) : TxtAnswer.found(name, r);
        }
    }

    /**
     * Delivers everything, except to a host in {@code badCertificate} whose TLS requirement asks for a verified
     * certificate: that fails as a transport does, with a transient TlsFailedException.
     */
    static final class TlsCheckingTransport implements Transport {
        final List<MailHost> tried = Collections.synchronizedList(new ArrayList<>());
        final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        final Set<String> badCertificate = ConcurrentHashMap.newKeySet();

        List<String> hostNames() {
            return tried.stream().map(MailHost::name).toList();
        }

        @Override
        public DeliveryReport send(SendRequest request) throws SendMailException {
            MailHost h = request.host();
            tried.add(h);
            if (h.tlsRequirement() instanceof TlsRequirement.Pkix && badCertificate.contains(h.name())) {
                throw new TlsFailedException("certificate does not match the host name (" + h.name() + ") ["
                        + h.tlsRequirement().rule() + "]", true, Optional.empty(), Phase.STARTTLS, h.name(), null);
            }
            delivered.add(h.name());
            return new DeliveryReport(request.envelope().recipients().stream()
                    .map(r -> RecipientOutcome.delivered(r, SmtpReply.of(250, "2.0.0 ok"), h.name())).toList());
        }

        @Override
        public void close() {
        }
    }
}
