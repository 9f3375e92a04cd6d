package dev.sendmail.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.ClientCertificate;
import dev.sendmail.api.Credentials;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.Secret;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsFailedException;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.RecordingListener;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.testkit.TestCertificates;
import dev.sendmail.testkit.TestCertificates.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TLS and authentication of the jakarta transport: verification on by default, AUTH redacted and never in clear. */
class JakartaTlsTest {

    private static final TestCertificates CERTS = TestCertificates.get();
    private final RecordingListener transcript = new RecordingListener();

    private Transport transport(TlsMode mode, TrustSettings trust, Credentials creds) throws Exception {
        return new JakartaTransportProvider().create(TransportSettings.builder().tlsMode(mode).trust(trust)
                .credentials(creds).heloName("client.test").timeouts(Timeouts.all(Duration.ofSeconds(5)))
                .listener(transcript).build());
    }

    private static TrustSettings ca() {
        return TrustSettings.SYSTEM.withCaFile(CERTS.caBundle());
    }

    private static SendRequest request(MailHost host) {
        return new SendRequest(host, Envelope.of("a@example.org", "b@example.net"),
                MessageContent.of("Subject: x\n\nbody\n"), DeliveryOptions.DEFAULT, Instant.now().plusSeconds(30));
    }

    @Test
    void startTlsRequiredVerifiesAndDelivers() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.GOOD));
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.STARTTLS, ca(), null)) {
            assertTrue(t.send(request(server.host())).allDelivered());
            assertTrue(server.session(0).isTls());
            assertTrue(transcript.lines().stream().anyMatch(l -> l.startsWith("tls TLSv1.")), transcript.text());
            // EHLO again after the handshake
            assertEquals(2, server.session(0).lines().stream().filter(l -> l.startsWith("EHLO")).count());
        }
    }

    @Test
    void wrongHostNameFailsRequiredTls() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.WRONG_HOST));
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.STARTTLS, ca(), null)) {
            TlsFailedException e = assertThrows(TlsFailedException.class, () -> t.send(request(server.host())));
            assertEquals(Phase.STARTTLS, e.phase().orElseThrow());
            assertFalse(server.received("MAIL"));
        }
    }

    @Test
    void untrustedCertificateFailsRequiredTls() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.UNTRUSTED));
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.STARTTLS, ca(), null)) {
            assertThrows(TlsFailedException.class, () -> t.send(request(server.host())));
            assertFalse(server.received("MAIL"));
        }
    }

    @Test
    void missingStartTlsFailsWhenRequired() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting());
             Transport t = transport(TlsMode.STARTTLS, ca(), null)) {
            TlsFailedException e = assertThrows(TlsFailedException.class, () -> t.send(request(server.host())));
            assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
            assertFalse(server.received("MAIL"));
        }
    }

    @Test
    void opportunisticTlsReportsABadCertificateAndStaysEncrypted() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.UNTRUSTED));
        try (FakeSmtpServer server = FakeSmtpServer.start(s);
             Transport t = transport(TlsMode.OPPORTUNISTIC, ca(), null)) {
            assertTrue(t.send(request(server.host())).allDelivered());
            assertTrue(server.session(0).isTls());
            assertTrue(transcript.text().contains("TLS certificate check failed, continuing (opportunistic TLS): certificate"),
                    transcript.text());
        }
    }

    @Test
    void opportunisticTlsContinuesInPlainTextWhenStartTlsIsRefused() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.GOOD))
                .on("STARTTLS", "454 4.7.0 TLS not available");
        try (FakeSmtpServer server = FakeSmtpServer.start(s);
             Transport t = transport(TlsMode.OPPORTUNISTIC, ca(), null)) {
            assertTrue(t.send(request(server.host())).allDelivered());
            assertFalse(server.session(0).isTls());
        }
    }

    @Test
    void implicitTlsWithAPinnedCertificate() throws Exception {
        SmtpScript s = SmtpScript.accepting().implicitTls(CERTS.serverContext(Kind.UNTRUSTED));
        TrustSettings pinned = TrustSettings.SYSTEM.withPins(List.of(CERTS.sha256(Kind.UNTRUSTED)));
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.SMTPS, pinned, null)) {
            assertTrue(t.send(request(server.host())).allDelivered());
            assertTrue(server.session(0).isTls());
        }
        TrustSettings other = TrustSettings.SYSTEM.withPins(List.of(CERTS.sha256(Kind.GOOD)));
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.SMTPS, other, null)) {
            TlsFailedException e = assertThrows(TlsFailedException.class, () -> t.send(request(server.host())));
            assertEquals(Phase.CONNECT, e.phase().orElseThrow());
        }
    }

    @Test
    void startTlsWithAPinAcceptsThatCertificateWhateverItsName() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.WRONG_HOST));
        TrustSettings pinned = TrustSettings.SYSTEM.withPins(List.of(CERTS.sha256(Kind.WRONG_HOST)));
        try (FakeSmtpServer server = FakeSmtpServer.start(s);
             Transport t = transport(TlsMode.STARTTLS, pinned, null)) {
            assertTrue(t.send(request(server.host())).allDelivered());
            assertTrue(server.session(0).isTls());
        }
    }

    @Test
    void insecureTrustAcceptsAnyCertificate() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.EXPIRED));
        try (FakeSmtpServer server = FakeSmtpServer.start(s);
             Transport t = transport(TlsMode.STARTTLS, TrustSettings.SYSTEM.withInsecure(true), null)) {
            assertTrue(t.send(request(server.host("some.other.name"))).allDelivered());
        }
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.STARTTLS, ca(), null)) {
            TlsFailedException e = assertThrows(TlsFailedException.class, () -> t.send(request(server.host())));
            assertTrue(e.getMessage().contains("expired"), e.getMessage());
            assertFalse(e.isTransient());
        }
    }

    @Test
    void implicitTlsChecksTheHostName() throws Exception {
        SmtpScript s = SmtpScript.accepting().implicitTls(CERTS.serverContext(Kind.GOOD));
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.SMTPS, ca(), null)) {
            assertTrue(t.send(request(server.host())).allDelivered());
            assertThrows(TlsFailedException.class, () -> t.send(request(server.host("other.example"))));
        }
    }

    @Test
    void authPlainIsRedactedInTheTranscript() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.GOOD)).auth("user", "s3cret");
        Credentials c = Credentials.of("user", Secret.of("s3cret"));
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.STARTTLS, ca(), c)) {
            assertTrue(t.send(request(server.host())).allDelivered());
            assertTrue(server.received("AUTH PLAIN"));
            assertTrue(transcript.lines().contains("C: AUTH PLAIN ****"), transcript.text());
            assertFalse(transcript.text().contains("czNjcmV0"), transcript.text());
        }
    }

    @Test
    void authLoginContinuationsAreRedacted() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.GOOD)).auth("user", "s3cret");
        Credentials c = new Credentials("user", Secret.of("s3cret"), List.of("LOGIN"), false);
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.STARTTLS, ca(), c)) {
            assertTrue(t.send(request(server.host())).allDelivered());
            assertTrue(transcript.lines().contains("C: AUTH LOGIN"), transcript.text());
            assertFalse(transcript.text().contains("dXNlcg") || transcript.text().contains("czNjcmV0"),
                    transcript.text());
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureWithTheReply() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.GOOD)).auth("user", "right");
        Credentials c = Credentials.of("user", Secret.of("wrong"));
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.STARTTLS, ca(), c)) {
            AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                    () -> t.send(request(server.host())));
            assertEquals(535, e.reply().orElseThrow().code());
            assertFalse(e.isTransient());
            assertFalse(server.received("MAIL"));
        }
    }

    @Test
    void textInjectedBeforeTheHandshakeIsNeverTakenAsAReply() throws Exception {
        // CVE-2011-0411 style: a reply planted in plain text after "220 Ready to start TLS"
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.GOOD))
                .injectAfterStartTls("250-injected\r\n250 AUTH PLAIN\r\n");
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.STARTTLS, ca(), null)) {
            assertTrue(t.send(request(server.host())).allDelivered());
            assertTrue(server.session(0).isTls());
            assertFalse(transcript.text().contains("injected"), transcript.text());
        }
    }

    @Test
    void xoauth2WhenAskedFor() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.GOOD)).auth("user", "tok3n");
        Credentials c = new Credentials("user", Secret.of("tok3n"), List.of("XOAUTH2"), false);
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.STARTTLS, ca(), c)) {
            assertTrue(t.send(request(server.host())).allDelivered());
            assertTrue(server.received("AUTH XOAUTH2"));
            assertTrue(transcript.lines().contains("C: AUTH XOAUTH2 ****"), transcript.text());
        }
    }

    @Test
    void cramMd5ThroughTheJdkSaslClientWhenAskedFor() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.GOOD)).auth("user", "s3cret");
        Credentials c = new Credentials("user", Secret.of("s3cret"), List.of("CRAM-MD5"), false);
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.STARTTLS, ca(), c)) {
            assertTrue(t.send(request(server.host())).allDelivered(), transcript.text());
            assertTrue(server.received("AUTH CRAM-MD5"));
            assertFalse(transcript.text().contains("s3cret"), transcript.text());
            assertTrue(transcript.lines().stream().filter(l -> l.startsWith("C: ")).noneMatch(
                    l -> l.length() > 20 && !l.startsWith("C: AUTH") && l.matches("C: [A-Za-z0-9+/=]+")),
                    "the CRAM-MD5 response must be redacted: " + transcript.text());
        }
        Credentials wrong = new Credentials("user", Secret.of("nope"), List.of("CRAM-MD5"), false);
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.STARTTLS, ca(), wrong)) {
            AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                    () -> t.send(request(server.host())));
            assertEquals(535, e.reply().orElseThrow().code());
        }
    }

    @Test
    void unsupportedMechanismIsRefusedWhenTheTransportIsCreated() {
        Credentials c = new Credentials("user", Secret.of("x"), List.of("SCRAM-SHA-256"), false);
        AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                () -> transport(TlsMode.STARTTLS, ca(), c));
        assertTrue(e.getMessage().contains("SCRAM-SHA-256"), e.getMessage());
    }

    @Test
    void oauthBearerIsRefusedInOneLineThatNamesTheWayOut() {
        Credentials c = new Credentials("user", Secret.of("token"), List.of("OAUTHBEARER"), false);
        AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                () -> transport(TlsMode.STARTTLS, ca(), c));
        assertTrue(e.getMessage().contains("Angus Mail has no OAUTHBEARER client; use the socket transport"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("token"), e.getMessage());
    }

    @Test
    void credentialsNeverTravelWithoutTls() throws Exception {
        SmtpScript s = SmtpScript.accepting().auth("user", "s3cret");
        Credentials c = Credentials.of("user", Secret.of("s3cret"));
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.OFF, ca(), c)) {
            AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                    () -> t.send(request(server.host())));
            assertTrue(e.getMessage().contains("not encrypted"), e.getMessage());
            assertFalse(server.received("AUTH"));
            assertFalse(server.received("MAIL"));
        }
    }

    @Test
    void opportunisticWithoutTlsSendsTheMailWithoutAuth() throws Exception {
        SmtpScript s = SmtpScript.accepting().auth("user", "s3cret");
        Credentials c = Credentials.of("user", Secret.of("s3cret"));
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.OPPORTUNISTIC, ca(), c)) {
            assertTrue(t.send(request(server.host())).allDelivered());
            assertFalse(server.received("AUTH"));
        }
    }

    @Test
    void credentialsWithoutAuthOnTheServerFail() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.GOOD));
        Credentials c = Credentials.of("user", Secret.of("s3cret"));
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(TlsMode.STARTTLS, ca(), c)) {
            assertThrows(AuthenticationFailedException.class, () -> t.send(request(server.host())));
            assertFalse(server.received("MAIL"));
        }
    }

    @Test
    void clientCertificateIsLoadedWhenTheTransportIsCreated() throws Exception {
        TrustSettings withClient = ca().withClientCertificate(new ClientCertificate(CERTS.certificatePem(Kind.CLIENT),
                Optional.of(CERTS.clientKeyPem()), Optional.empty()));
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.GOOD));
        try (FakeSmtpServer server = FakeSmtpServer.start(s);
             Transport t = transport(TlsMode.STARTTLS, withClient, null)) {
            assertTrue(t.send(request(server.host())).allDelivered());
        }
        TrustSettings missing = ca().withClientCertificate(new ClientCertificate(
                CERTS.directory().resolve("no-such.pem"), Optional.of(CERTS.clientKeyPem()), Optional.empty()));
        TlsFailedException e = assertThrows(TlsFailedException.class,
                () -> transport(TlsMode.STARTTLS, missing, null));
        assertFalse(e.isTransient());
    }

    @Test
    void probeReportsGreetingCapabilitiesAndTls() throws Exception {
        SmtpScript s = SmtpScript.accepting().startTls(CERTS.serverContext(Kind.UNTRUSTED));
        try (FakeSmtpServer server = FakeSmtpServer.start(s);
             Transport t = transport(TlsMode.OPPORTUNISTIC, ca(), null)) {
            dev.sendmail.spi.ProbeResult p = t.probe(server.host(), Instant.now().plusSeconds(10));
            assertEquals(220, p.greeting().code());
            assertTrue(p.capabilities().contains("8BITMIME"), p.capabilities().toString());
            assertTrue(p.tlsProtocol().orElseThrow().startsWith("TLSv1."));
            assertTrue(p.certificateProblem().isPresent(), p.toString());
            assertFalse(server.received("MAIL"));
        }
    }
}
