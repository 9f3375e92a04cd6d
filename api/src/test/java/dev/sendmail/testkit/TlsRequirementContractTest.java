package dev.sendmail.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsFailedException;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TlsRequirement;
import dev.sendmail.api.TlsaRecord;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TransportProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How every transport enforces a host's {@link TlsRequirement} (DANE, PKIX for a name): TLS is mandatory, the
 * requirement's check replaces the transport's own, and a host that does not meet it gets no mail and a transient
 * failure (the mail is deferred, the next host tried). Extend it with {@link #provider()}.
 */
public abstract class TlsRequirementContractTest {

    private static final String SIMPLE = "From: a@example.org\r\nTo: b@example.net\r\nSubject: hi\r\n\r\nHello\r\n";

    private final List<FakeSmtpServer> servers = new ArrayList<>();
    private final List<Transport> transports = new ArrayList<>();

    /** The provider under test. */
    protected abstract TransportProvider provider();

    private FakeSmtpServer server(SmtpScript script) {
        FakeSmtpServer s = FakeSmtpServer.start(script);
        servers.add(s);
        return s;
    }

    private Transport transport(TrustSettings trust, RecordingListener trace) throws SendMailException {
        Transport t = provider().create(TransportSettings.builder().tlsMode(TlsMode.OPPORTUNISTIC)
                .timeouts(Timeouts.all(Duration.ofSeconds(5))).heloName("client.test").trust(trust).listener(trace)
                .build());
        transports.add(t);
        return t;
    }

    @AfterEach
    void closeAll() {
        transports.forEach(Transport::close);
        servers.forEach(FakeSmtpServer::close);
    }

    private static SmtpScript startTls(TestCertificates.Kind kind) {
        return SmtpScript.accepting().startTls(TestCertificates.get().serverContext(kind));
    }

    private static TlsaRecord daneEe(TestCertificates.Kind kind) {
        return TlsaRecord.parse("3 0 1 " + TestCertificates.get().sha256(kind));
    }

    private static List<RecipientOutcome> send(Transport t, MailHost host, DeliveryOptions options) {
        SendRequest r = new SendRequest(host, Envelope.of("a@example.org", "b@example.net"), MessageContent.of(SIMPLE),
                options, Instant.now().plusSeconds(30), false);
        try {
            return t.send(r).outcomes();
        } catch (SendMailException e) {
            return r.envelope().recipients().stream().map(m -> RecipientOutcome.of(m, e)).toList();
        }
    }

    private static void assertDeferredWithoutMail(List<RecipientOutcome> out, FakeSmtpServer server) {
        assertEquals(DeliveryStatus.DEFERRED, out.get(0).status(), out.get(0).toString());
        SendMailException e = out.get(0).failure().orElseThrow();
        assertInstanceOf(TlsFailedException.class, e, e.toString());
        assertTrue(e.isTransient(), e.getMessage());
        assertFalse(server.received("MAIL"), "no mail to a host that fails its requirement: " + server.sessions());
    }

    @Test
    void aDaneEeMatchDeliversOverTlsWithNoNameOrTrustStoreCheck() throws Exception {
        // UNTRUSTED is in no trust store, so only the TLSA record can authenticate it
        FakeSmtpServer server = server(startTls(TestCertificates.Kind.UNTRUSTED));
        RecordingListener trace = new RecordingListener();
        Transport t = transport(TrustSettings.SYSTEM, trace);
        MailHost host = server.host("mx.dane.test").withTlsRequirement(
                new TlsRequirement.Dane("mx.dane.test", List.of(daneEe(TestCertificates.Kind.UNTRUSTED))));
        // a message that requires TLS goes only over a verified session: DANE verified it
        List<RecipientOutcome> out = send(t, host, DeliveryOptions.DEFAULT.withRequireTls(true));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertTrue(server.session(0).isTls());
        assertTrue(trace.lines().stream().anyMatch(l -> l.contains("TLS rule: TLS required, DANE-EE")),
                trace.lines().toString());
        assertTrue(trace.lines().stream().anyMatch(l -> l.contains("TLS authenticated: DANE-EE 3 0 1")),
                trace.lines().toString());
    }

    @Test
    void aDaneHostWhoseCertificateMatchesNoRecordIsDeferredAndGetsNoMail() throws Exception {
        FakeSmtpServer server = server(startTls(TestCertificates.Kind.UNTRUSTED));
        Transport t = transport(TrustSettings.SYSTEM, new RecordingListener());
        MailHost host = server.host("mx.dane.test").withTlsRequirement(
                new TlsRequirement.Dane("mx.dane.test", List.of(daneEe(TestCertificates.Kind.GOOD))));
        List<RecipientOutcome> out = send(t, host, DeliveryOptions.DEFAULT);
        assertDeferredWithoutMail(out, server);
        assertTrue(out.get(0).failure().orElseThrow().getMessage().contains("DANE-EE"),
                out.get(0).failure().orElseThrow().getMessage());
    }

    @Test
    void aDaneHostWithoutStartTlsNeverGetsTheMailInClearText() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        Transport t = transport(TrustSettings.SYSTEM, new RecordingListener());
        MailHost host = server.host("mx.dane.test").withTlsRequirement(
                new TlsRequirement.Dane("mx.dane.test", List.of(daneEe(TestCertificates.Kind.GOOD))));
        assertDeferredWithoutMail(send(t, host, DeliveryOptions.DEFAULT), server);
    }

    @Test
    void aPkixRequirementDeliversWithATrustedCertificateForTheName() throws Exception {
        FakeSmtpServer server = server(startTls(TestCertificates.Kind.GOOD));
        Transport t = transport(TrustSettings.SYSTEM.withCaFile(TestCertificates.get().caBundle()),
                new RecordingListener());
        MailHost host = server.host().withTlsRequirement(new TlsRequirement.Pkix("localhost", "MTA-STS enforce"));
        List<RecipientOutcome> out = send(t, host, DeliveryOptions.DEFAULT);
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertTrue(server.session(0).isTls());
    }

    @Test
    void aPkixRequirementIsNotWeakenedByInsecureTrustSettings() throws Exception {
        FakeSmtpServer server = server(startTls(TestCertificates.Kind.WRONG_HOST));
        Transport t = transport(TrustSettings.SYSTEM.withCaFile(TestCertificates.get().caBundle()).withInsecure(true),
                new RecordingListener());
        MailHost host = server.host().withTlsRequirement(new TlsRequirement.Pkix("localhost", "MTA-STS enforce"));
        assertDeferredWithoutMail(send(t, host, DeliveryOptions.DEFAULT), server);
    }

    @Test
    void aDaneMatchCountsAsVerifiedEvenWhenCertificateChecksAreOffForTheTransport() throws Exception {
        // --tls-insecure makes ordinary sessions unverified; a session DANE authenticated is verified all the same
        FakeSmtpServer server = server(startTls(TestCertificates.Kind.UNTRUSTED));
        Transport t = transport(TrustSettings.SYSTEM.withInsecure(true), new RecordingListener());
        MailHost host = server.host("mx.dane.test").withTlsRequirement(
                new TlsRequirement.Dane("mx.dane.test", List.of(daneEe(TestCertificates.Kind.UNTRUSTED))));
        List<RecipientOutcome> out = send(t, host, DeliveryOptions.DEFAULT.withRequireTls(true));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
    }

    @Test
    void encryptedOnlyNeedsTlsButNotATrustedCertificate() throws Exception {
        FakeSmtpServer server = server(startTls(TestCertificates.Kind.UNTRUSTED));
        Transport t = transport(TrustSettings.SYSTEM, new RecordingListener());
        TlsRequirement encrypted = new TlsRequirement.Encrypted("DANE, no usable TLSA record");
        List<RecipientOutcome> out = send(t, server.host("mx.dane.test").withTlsRequirement(encrypted),
                DeliveryOptions.DEFAULT);
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertTrue(server.session(0).isTls());

        FakeSmtpServer plain = server(SmtpScript.accepting());
        assertDeferredWithoutMail(send(t, plain.host("mx.dane.test").withTlsRequirement(encrypted),
                DeliveryOptions.DEFAULT), plain);
    }

    @Test
    void anUnavailableHostIsDeferredWithoutConnecting() throws Exception {
        FakeSmtpServer server = server(startTls(TestCertificates.Kind.GOOD));
        Transport t = transport(TrustSettings.SYSTEM, new RecordingListener());
        MailHost host = server.host().withTlsRequirement(new TlsRequirement.Unavailable("TLSA lookup failed"));
        assertDeferredWithoutMail(send(t, host, DeliveryOptions.DEFAULT), server);
        assertEquals(0, server.connections());
    }
}
