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
import dev.sendmail.api.TransportSettings;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testkit.TestCertificates.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How every transport applies the TLS settings of {@link TrustSettings} that msmtp's {@code tls_host_override},
 * {@code tls_crl_file} and {@code tls_priorities} set: the name the certificate is checked against, revocation
 * lists, and the protocol versions. Extend it with {@link #provider()}.
 */
public abstract class TlsSettingsContractTest {

    private static final String SIMPLE = "From: a@example.org\r\nTo: b@example.net\r\nSubject: hi\r\n\r\nHello\r\n";
    private static final TrustSettings TEST_CA = TrustSettings.SYSTEM.withCaFile(TestCertificates.get().caBundle());

    private final List<FakeSmtpServer> servers = new ArrayList<>();
    private final List<Transport> transports = new ArrayList<>();
    private final RecordingListener trace = new RecordingListener();

    /** The provider under test. */
    protected abstract TransportProvider provider();

    private FakeSmtpServer server(SmtpScript script) {
        FakeSmtpServer s = FakeSmtpServer.start(script);
        servers.add(s);
        return s;
    }

    private Transport transport(TlsMode mode, TrustSettings trust) throws SendMailException {
        Transport t = provider().create(TransportSettings.builder().tlsMode(mode)
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

    private static RecipientOutcome send(Transport t, MailHost host) {
        SendRequest r = new SendRequest(host, Envelope.of("a@example.org", "b@example.net"), MessageContent.of(SIMPLE),
                DeliveryOptions.DEFAULT, Instant.now().plusSeconds(30));
        try {
            return t.send(r).outcomes().get(0);
        } catch (SendMailException e) {
            return RecipientOutcome.of(r.envelope().recipients().get(0), e);
        }
    }

    private static void assertRefusedWithoutMail(RecipientOutcome out, FakeSmtpServer server, String why) {
        assertEquals(DeliveryStatus.FAILED, out.status(), out.toString());
        SendMailException e = out.failure().orElseThrow();
        assertInstanceOf(TlsFailedException.class, e, e.toString());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertFalse(server.received("MAIL"), "no mail over a refused session: " + server.sessions());
    }

    @Test
    void aHostOverrideAcceptsACertificateForThatNameInsteadOfTheHosts() throws Exception {
        // the certificate names wrong.example only; the host is localhost
        FakeSmtpServer server = server(SmtpScript.accepting().startTls(
                TestCertificates.get().serverContext(TestCertificates.Kind.WRONG_HOST)));
        RecipientOutcome out = send(transport(TlsMode.STARTTLS, TEST_CA.withHostOverride("wrong.example")),
                server.host());
        assertEquals(DeliveryStatus.DELIVERED, out.status(), out + " " + trace.lines());
        assertTrue(server.session(0).isTls());
        assertEquals(Optional.of("wrong.example"), server.session(0).tlsServerName(),
                "the override is also the server name sent in the handshake (SNI)");
    }

    @Test
    void aHostOverrideRefusesACertificateForTheHostItself() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().startTls(
                TestCertificates.get().serverContext(TestCertificates.Kind.GOOD)));
        RecipientOutcome out = send(transport(TlsMode.STARTTLS, TEST_CA.withHostOverride("mail.example.org")),
                server.host());
        assertRefusedWithoutMail(out, server, "mail.example.org");
    }

    @Test
    void aHostOverrideAppliesToImplicitTls() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().implicitTls(
                TestCertificates.get().serverContext(TestCertificates.Kind.WRONG_HOST)));
        MailHost host = server.host().withTlsMode(Optional.of(TlsMode.SMTPS));
        RecipientOutcome out = send(transport(TlsMode.SMTPS, TEST_CA.withHostOverride("wrong.example")), host);
        assertEquals(DeliveryStatus.DELIVERED, out.status(), out + " " + trace.lines());
        assertEquals(Optional.of("wrong.example"), server.session(0).tlsServerName());
        FakeSmtpServer other = server(SmtpScript.accepting().implicitTls(
                TestCertificates.get().serverContext(TestCertificates.Kind.GOOD)));
        RecipientOutcome refused = send(transport(TlsMode.SMTPS, TEST_CA.withHostOverride("wrong.example")),
                other.host().withTlsMode(Optional.of(TlsMode.SMTPS)));
        assertEquals(DeliveryStatus.FAILED, refused.status(), refused.toString());
        assertFalse(other.received("MAIL"));
    }

    @Test
    void aRevocationListThatRevokesTheServerCertificateRefusesTheSession() throws Exception {
        TestCertificates ca = TestCertificates.get();
        FakeSmtpServer server = server(SmtpScript.accepting().startTls(ca.serverContext(Kind.ISSUED)));
        TrustSettings trust = TrustSettings.SYSTEM.withCaFile(ca.caPem())
                .withCrlFile(ca.crl("revoked.crl", ca.certificate(Kind.ISSUED)));
        assertRefusedWithoutMail(send(transport(TlsMode.STARTTLS, trust), server.host()), server,
                "certificate revoked");
    }

    @Test
    void aRevocationListThatDoesNotListTheServerCertificateLetsItThrough() throws Exception {
        TestCertificates ca = TestCertificates.get();
        FakeSmtpServer server = server(SmtpScript.accepting().startTls(ca.serverContext(Kind.ISSUED)));
        TrustSettings trust = TrustSettings.SYSTEM.withCaFile(ca.caPem()).withCrlFile(ca.crl("empty.crl"));
        RecipientOutcome out = send(transport(TlsMode.STARTTLS, trust), server.host());
        assertEquals(DeliveryStatus.DELIVERED, out.status(), out + " " + trace.lines());
    }

    @Test
    void aRevokedCertificateUnderOpportunisticTlsIsNotedAsTheProblem() throws Exception {
        TestCertificates ca = TestCertificates.get();
        FakeSmtpServer server = server(SmtpScript.accepting().startTls(ca.serverContext(Kind.ISSUED)));
        TrustSettings trust = TrustSettings.SYSTEM.withCaFile(ca.caPem())
                .withCrlFile(ca.crl("revoked-too.crl", ca.certificate(Kind.ISSUED)));
        RecipientOutcome out = send(transport(TlsMode.OPPORTUNISTIC, trust), server.host());
        assertEquals(DeliveryStatus.DELIVERED, out.status(), out.toString());
        assertTrue(trace.lines().stream().anyMatch(l -> l.contains("certificate revoked")), trace.lines().toString());
    }

    @Test
    void theProtocolsOfTheSettingsAreTheOnlyOnesOffered() throws Exception {
        for (String version : List.of("TLSv1.2", "TLSv1.3")) {
            FakeSmtpServer server = server(SmtpScript.accepting().startTls(
                    TestCertificates.get().serverContext(TestCertificates.Kind.GOOD)));
            RecipientOutcome out = send(transport(TlsMode.STARTTLS, TEST_CA.withProtocols(List.of(version))),
                    server.host());
            assertEquals(DeliveryStatus.DELIVERED, out.status(), out.toString());
            assertEquals(version, server.session(0).tlsProtocol());
        }
    }
}
