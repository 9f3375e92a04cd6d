package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ClientCertificate;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.Secret;
import dev.sendmail.api.TlsFailedException;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.spi.TlsSupport;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.ReceivedSession;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.testkit.TestCertificates;
import dev.sendmail.testkit.TestCertificates.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** STARTTLS and implicit TLS against certificates that are good, for the wrong host, expired or untrusted. */
class TlsTest extends ServerTestSupport {

    private static final TestCertificates CERTS = TestCertificates.get();
    private static final TrustSettings TEST_CA = TrustSettings.SYSTEM.withCaFile(CERTS.caBundle());

    private SmtpScript startTls(Kind kind) {
        return SmtpScript.accepting().startTls(CERTS.serverContext(kind));
    }

    @Test
    void requiredStartTlsWithAGoodCertificateDeliversOverTls() throws Exception {
        FakeSmtpServer server = server(startTls(Kind.GOOD));
        DeliveryReport r = transport(settings().tlsMode(TlsMode.STARTTLS).trust(TEST_CA).build()).send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
        ReceivedSession s = server.session(0);
        assertTrue(s.isTls());
        List<ReceivedSession.Command> cmds = s.commands();
        assertEquals(List.of("EHLO client.test", "STARTTLS", "EHLO client.test"),
                cmds.subList(0, 3).stream().map(ReceivedSession.Command::line).toList());
        assertTrue(cmds.stream().filter(c -> c.line().startsWith("MAIL")).allMatch(ReceivedSession.Command::tls));
        assertTrue(transcript.text().contains("tls TLSv1."), transcript.text());
    }

    @ParameterizedTest
    @CsvSource({"WRONG_HOST,does not match", "EXPIRED,expired", "UNTRUSTED,not trusted"})
    void requiredStartTlsRefusesABadCertificateBeforeAnyMail(Kind kind, String why) throws Exception {
        FakeSmtpServer server = server(startTls(kind));
        TlsFailedException e = expect(TlsFailedException.class,
                transport(settings().tlsMode(TlsMode.STARTTLS).trust(TEST_CA).build()), simple(server));
        assertEquals(Phase.STARTTLS, e.phase().orElseThrow());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertFalse(server.received("MAIL"));
        assertEquals(2, server.session(0).commands().size(), "only EHLO and STARTTLS: " + server.session(0));
    }

    @ParameterizedTest
    @CsvSource({"WRONG_HOST,does not match", "EXPIRED,expired", "UNTRUSTED,not trusted"})
    void opportunisticTlsEncryptsAnywayAndNotesTheProblem(Kind kind, String why) throws Exception {
        FakeSmtpServer server = server(startTls(kind));
        DeliveryReport r = transport(settings().tlsMode(TlsMode.OPPORTUNISTIC).trust(TEST_CA).build())
                .send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
        assertTrue(server.session(0).isTls());
        assertTrue(transcript.text().contains("certificate check failed"), transcript.text());
        assertTrue(transcript.text().contains(why), transcript.text());
    }

    @Test
    void aFailedOpportunisticHandshakeIsRetriedOnceInPlainText() throws Exception {
        // a server whose STARTTLS leads to a handshake the client cannot complete: it speaks only TLS 1.1
        javax.net.ssl.SSLContext old = legacyOnly(CERTS.serverContext(Kind.GOOD));
        FakeSmtpServer server = server(SmtpScript.accepting().startTls(old), SmtpScript.accepting().startTls(old));
        DeliveryReport r = transport(settings().trust(TEST_CA).build()).send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
        assertEquals(2, server.connections());
        assertFalse(server.session(1).sent("STARTTLS"), "the second connection stayed in plain text");
        assertTrue(transcript.text().contains("trying once more without TLS"), transcript.text());
    }

    @Test
    void aFailedHandshakeIsNotRetriedWhenTheMessageRequiresTls() throws Exception {
        javax.net.ssl.SSLContext old = legacyOnly(CERTS.serverContext(Kind.GOOD));
        FakeSmtpServer server = server(SmtpScript.accepting().startTls(old));
        TlsFailedException e = expect(TlsFailedException.class, transport(settings().trust(TEST_CA).build()),
                request(server, MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT.withRequireTls(true),
                        "a@example.org", "b@example.net"));
        assertEquals(Phase.STARTTLS, e.phase().orElseThrow());
        assertEquals(1, server.connections());
    }

    /** A context whose server sockets only speak protocols this client refuses (TLS 1.1 and older). */
    private static javax.net.ssl.SSLContext legacyOnly(javax.net.ssl.SSLContext base) {
        return new javax.net.ssl.SSLContext(new javax.net.ssl.SSLContextSpi() {
            @Override
            protected void engineInit(javax.net.ssl.KeyManager[] km, javax.net.ssl.TrustManager[] tm,
                                      java.security.SecureRandom sr) {
            }

            @Override
            protected javax.net.ssl.SSLSocketFactory engineGetSocketFactory() {
                javax.net.ssl.SSLSocketFactory f = base.getSocketFactory();
                return new javax.net.ssl.SSLSocketFactory() {
                    @Override
                    public java.net.Socket createSocket(java.net.Socket s, String host, int port, boolean autoClose)
                            throws IOException {
                        javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) f.createSocket(s, host, port,
                                autoClose);
                        ssl.setEnabledProtocols(new String[] {"TLSv1.1"});
                        return ssl;
                    }

                    @Override
                    public String[] getDefaultCipherSuites() {
                        return f.getDefaultCipherSuites();
                    }

                    @Override
                    public String[] getSupportedCipherSuites() {
                        return f.getSupportedCipherSuites();
                    }

                    @Override
                    public java.net.Socket createSocket(String h, int p) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public java.net.Socket createSocket(String h, int p, java.net.InetAddress l, int lp) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public java.net.Socket createSocket(java.net.InetAddress h, int p) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public java.net.Socket createSocket(java.net.InetAddress h, int p, java.net.InetAddress l,
                                                        int lp) {
                        throw new UnsupportedOperationException();
                    }
                };
            }

            @Override
            protected javax.net.ssl.SSLServerSocketFactory engineGetServerSocketFactory() {
                return base.getServerSocketFactory();
            }

            @Override
            protected javax.net.ssl.SSLEngine engineCreateSSLEngine() {
                return base.createSSLEngine();
            }

            @Override
            protected javax.net.ssl.SSLEngine engineCreateSSLEngine(String host, int port) {
                return base.createSSLEngine(host, port);
            }

            @Override
            protected javax.net.ssl.SSLSessionContext engineGetServerSessionContext() {
                return base.getServerSessionContext();
            }

            @Override
            protected javax.net.ssl.SSLSessionContext engineGetClientSessionContext() {
                return base.getClientSessionContext();
            }
        }, base.getProvider(), base.getProtocol()) {
        };
    }

    @Test
    void implicitTlsDelivers() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().implicitTls(CERTS.serverContext(Kind.GOOD)));
        DeliveryReport r = transport(settings().tlsMode(TlsMode.SMTPS).trust(TEST_CA).build()).send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
        assertTrue(server.session(0).isTls());
        assertFalse(server.received("STARTTLS"));
    }

    @Test
    void implicitTlsWithTheWrongHostFailsAtConnect() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().implicitTls(CERTS.serverContext(Kind.WRONG_HOST)));
        TlsFailedException e = expect(TlsFailedException.class,
                transport(settings().tlsMode(TlsMode.SMTPS).trust(TEST_CA).build()), simple(server));
        assertEquals(Phase.CONNECT, e.phase().orElseThrow());
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        assertTrue(server.session(0).commands().isEmpty());
    }

    @Test
    void plainTextInjectedAfterTheStartTlsReplyIsDiscarded() throws Exception {
        FakeSmtpServer server = server(startTls(Kind.GOOD)
                .injectAfterStartTls("250-injected\r\n250 AUTH PLAIN\r\n"));
        DeliveryReport r = transport(settings().tlsMode(TlsMode.STARTTLS).trust(TEST_CA).build()).send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
        assertTrue(transcript.text().contains("discarded"), transcript.text());
        assertFalse(transcript.text().contains("injected"), "the injected reply was never taken as a reply");
        List<ReceivedSession.Command> cmds = server.session(0).commands();
        assertEquals("EHLO client.test", cmds.get(2).line());
        assertTrue(cmds.get(2).tls(), "the second EHLO went over TLS");
    }

    @Test
    void aMatchingPinIsTrustedWithoutACa() throws Exception {
        FakeSmtpServer server = server(startTls(Kind.UNTRUSTED));
        TrustSettings pinned = TrustSettings.SYSTEM.withPins(List.of(CERTS.sha256(Kind.UNTRUSTED)));
        DeliveryReport r = transport(settings().tlsMode(TlsMode.STARTTLS).trust(pinned).build()).send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
    }

    @Test
    void aCertificateMatchingNoPinIsRefused() throws Exception {
        FakeSmtpServer server = server(startTls(Kind.GOOD));
        TrustSettings pinned = TEST_CA.withPins(List.of(CERTS.sha256(Kind.UNTRUSTED)));
        TlsFailedException e = expect(TlsFailedException.class,
                transport(settings().tlsMode(TlsMode.STARTTLS).trust(pinned).build()), simple(server));
        assertTrue(e.getMessage().contains("matches no configured pin"), e.getMessage());
        assertFalse(server.received("MAIL"));
    }

    @Test
    void insecureModeAcceptsAnything() throws Exception {
        FakeSmtpServer server = server(startTls(Kind.WRONG_HOST));
        DeliveryReport r = transport(settings().tlsMode(TlsMode.STARTTLS)
                .trust(TrustSettings.SYSTEM.withInsecure(true)).build()).send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
    }

    @Test
    void tlsOffNeverSendsStartTls() throws Exception {
        FakeSmtpServer server = server(startTls(Kind.GOOD));
        DeliveryReport r = transport(settings().tlsMode(TlsMode.OFF).build()).send(simple(server));
        assertTrue(r.allDelivered());
        assertFalse(server.received("STARTTLS"));
    }

    @Test
    void aRefusedStartTlsIsFatalWhenRequired() throws Exception {
        FakeSmtpServer server = server(startTls(Kind.GOOD).on("STARTTLS", "454 4.7.0 TLS not available"));
        TlsFailedException e = expect(TlsFailedException.class,
                transport(settings().tlsMode(TlsMode.STARTTLS).trust(TEST_CA).build()), simple(server));
        assertEquals(Phase.STARTTLS, e.phase().orElseThrow());
        assertTrue(e.isTransient());
        assertFalse(server.received("MAIL"));
    }

    @Test
    void aRefusedStartTlsIsNotedWhenOpportunistic() throws Exception {
        FakeSmtpServer server = server(startTls(Kind.GOOD).on("STARTTLS", "454 4.7.0 TLS not available"));
        DeliveryReport r = transport(settings().trust(TEST_CA).build()).send(simple(server));
        assertTrue(r.allDelivered());
        assertTrue(transcript.text().contains("continuing without TLS"), transcript.text());
    }

    @Test
    void aMessageThatRequiresTlsIsNotSentInPlainText() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        LocalPolicyException e = expect(LocalPolicyException.class, transport(),
                request(server, MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT.withRequireTls(true),
                        "a@example.org", "b@example.net"));
        assertEquals(Phase.STARTTLS, e.phase().orElseThrow());
        assertFalse(server.received("MAIL"));
    }

    @Test
    void clientCertificatesLoadFromPemAndPkcs12() throws Exception {
        ClientCertificate pem = new ClientCertificate(CERTS.certificatePem(Kind.CLIENT),
                Optional.of(CERTS.clientKeyPem()), Optional.empty());
        TlsSupport tls = TlsSupport.create(TrustSettings.SYSTEM.withClientCertificate(pem));
        assertTrue(tls.context(false).getProtocol().startsWith("TLS"));
        ClientCertificate p12 = new ClientCertificate(CERTS.keyStore(), Optional.empty(),
                Optional.of(Secret.of(TestCertificates.password())));
        TlsSupport.create(TrustSettings.SYSTEM.withClientCertificate(p12));
        ClientCertificate missing = new ClientCertificate(Path.of("/nonexistent/cert.pem"),
                Optional.of(Path.of("/nonexistent/key.pem")), Optional.empty());
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> TlsSupport.create(TrustSettings.SYSTEM.withClientCertificate(missing)));
        assertTrue(e.getMessage().contains("nonexistent"), e.getMessage());
    }

    @Test
    void aMissingCaFileFailsWhenTheTransportIsCreated() {
        TlsFailedException e = org.junit.jupiter.api.Assertions.assertThrows(TlsFailedException.class,
                () -> SocketTransport.create(settings().trust(TrustSettings.SYSTEM
                        .withCaFile(Path.of("/nonexistent/ca.pem"))).build()));
        assertTrue(e.getMessage().contains("cannot read CA file /nonexistent/ca.pem: no such file"), e.getMessage());
    }

    @Test
    void onlyTls12AndNewerAreEnabled() throws Exception {
        TlsSupport tls = TlsSupport.create(TrustSettings.SYSTEM);
        var params = tls.parameters(tls.context(false), "mx.example.org");
        assertTrue(List.of(params.getProtocols()).stream().allMatch(p -> p.equals("TLSv1.3") || p.equals("TLSv1.2")),
                List.of(params.getProtocols()).toString());
        assertEquals("HTTPS", params.getEndpointIdentificationAlgorithm());
    }
}
