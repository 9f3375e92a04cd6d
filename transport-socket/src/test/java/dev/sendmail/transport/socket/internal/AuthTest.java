package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.Credentials;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Secret;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.transport.socket.internal.sasl.SaslMechanism;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.testkit.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AUTH against the fake server, which checks the credentials for PLAIN, LOGIN, CRAM-MD5, XOAUTH2
 * and OAUTHBEARER. */
class AuthTest extends ServerTestSupport {

    private static final String PASSWORD = "s3cr3t-Pa55";

    private static Credentials creds(String secret, boolean plaintextOk, String... mechanisms) {
        return new Credentials("user@example.org", Secret.of(secret), List.of(mechanisms), plaintextOk);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private void assertSecretNeverInTranscript() {
        String t = transcript.text();
        assertFalse(t.contains(PASSWORD), t);
        assertFalse(t.contains(b64("\0user@example.org\0" + PASSWORD)), t);
        assertFalse(t.contains(b64(PASSWORD)), t);
    }

    @Test
    void credentialsAreNeverSentWithoutTlsUnlessAllowed() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user@example.org", PASSWORD));
        AuthenticationFailedException e = expect(AuthenticationFailedException.class,
                transport(settings().tlsMode(TlsMode.OFF).credentials(creds(PASSWORD, false)).build()),
                simple(server));
        assertTrue(e.getMessage().contains("not encrypted"), e.getMessage());
        assertFalse(server.received("AUTH"), "nothing of the credentials went out");
        assertFalse(server.received("MAIL"));
        assertFalse(server.session(0).receivedText().contains(PASSWORD));
    }

    @Test
    void opportunisticWithoutTlsSendsTheMailWithoutAuthAndSaysWhy() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user@example.org", PASSWORD));
        DeliveryReport r = transport(settings().credentials(creds(PASSWORD, false)).build()).send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
        assertFalse(server.received("AUTH"), "nothing of the credentials went out");
        assertFalse(server.session(0).receivedText().contains(PASSWORD));
        assertTrue(transcript.text().contains("not sending credentials: the connection is not encrypted"),
                transcript.text());
    }

    @Test
    void plainOverStartTlsIsRedactedInTheTranscript() throws Exception {
        TestCertificates certs = TestCertificates.get();
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user@example.org", PASSWORD)
                .startTls(certs.serverContext(TestCertificates.Kind.GOOD)));
        DeliveryReport r = transport(settings().tlsMode(TlsMode.STARTTLS)
                .trust(TrustSettings.SYSTEM.withCaFile(certs.caBundle()))
                .credentials(creds(PASSWORD, false)).build()).send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
        assertTrue(server.session(0).lines().stream().anyMatch(l -> l.startsWith("AUTH PLAIN ")),
                server.session(0).toString());
        assertTrue(transcript.lines().contains("C: AUTH PLAIN ****"), transcript.text());
        assertSecretNeverInTranscript();
    }

    @Test
    void withoutTlsTheMechanismThatHidesThePasswordIsPreferred() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user@example.org", PASSWORD));
        DeliveryReport r = transport(settings().credentials(creds(PASSWORD, true)).build()).send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
        assertTrue(server.received("AUTH CRAM-MD5"), server.session(0).toString());
        assertTrue(transcript.lines().contains("C: ****"), transcript.text());
        assertSecretNeverInTranscript();
    }

    @Test
    void loginWhenConfigured() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user@example.org", PASSWORD));
        DeliveryReport r = transport(settings().credentials(creds(PASSWORD, true, "LOGIN")).build())
                .send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
        assertEquals(2, transcript.lines().stream().filter(l -> l.equals("C: ****")).count(), transcript.text());
        assertSecretNeverInTranscript();
    }

    @Test
    void xoauth2WithABadTokenIsAnAuthenticationFailure() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user@example.org", "good-token"));
        AuthenticationFailedException e = expect(AuthenticationFailedException.class,
                transport(settings().credentials(creds("bad-token", true, "XOAUTH2")).build()), simple(server));
        assertEquals(535, e.reply().orElseThrow().code());
        assertFalse(transcript.text().contains("bad-token"));
        assertFalse(server.received("MAIL"));
    }

    @Test
    void xoauth2WithAGoodTokenDelivers() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user@example.org", "good-token"));
        DeliveryReport r = transport(settings().credentials(creds("good-token", true, "XOAUTH2")).build())
                .send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
    }

    /** The decoded initial response of the session's {@code AUTH OAUTHBEARER} command. */
    private static String oauthBearerInitialResponse(FakeSmtpServer server) {
        String line = server.session(0).lines().stream().filter(l -> l.startsWith("AUTH OAUTHBEARER ")).findFirst()
                .orElseThrow(() -> new AssertionError(server.session(0).toString()));
        return new String(Base64.getDecoder().decode(line.substring("AUTH OAUTHBEARER ".length())),
                StandardCharsets.UTF_8);
    }

    @Test
    void oauthBearerSendsTheGs2HeaderHostPortAndTokenAsItsInitialResponse() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user@example.org", "good-token"));
        DeliveryReport r = transport(settings().credentials(creds("good-token", true, "OAUTHBEARER")).build())
                .send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
        assertEquals("n,a=user@example.org,\u0001host=localhost\u0001port=" + server.port()
                + "\u0001auth=Bearer good-token\u0001\u0001", oauthBearerInitialResponse(server));
        assertTrue(transcript.lines().contains("C: AUTH OAUTHBEARER ****"), transcript.text());
        assertFalse(transcript.text().contains("good-token"), transcript.text());
        assertFalse(transcript.text().contains(b64("good-token")), transcript.text());
    }

    @Test
    void oauthBearerAnswersTheErrorChallengeWithTheDummyResponseThenFailsWithTheFinalReply() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user@example.org", "good-token"));
        AuthenticationFailedException e = expect(AuthenticationFailedException.class,
                transport(settings().credentials(creds("bad-token", true, "OAUTHBEARER")).build()), simple(server));
        assertEquals(535, e.reply().orElseThrow().code(), e.getMessage());
        assertFalse(e.isTransient());
        assertTrue(server.session(0).lines().contains("AQ=="), server.session(0).toString());
        assertEquals(List.of("C: AUTH OAUTHBEARER ****", "C: ****"), transcript.lines().stream()
                .filter(l -> l.startsWith("C: AUTH") || l.equals("C: ****")).toList(), transcript.text());
        assertFalse(transcript.text().contains("bad-token"), transcript.text());
        assertFalse(server.received("MAIL"));
    }

    @Test
    void oauthBearerEscapesEqualsAndCommaInTheUserName() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("a=b,c@example.org", "good-token"));
        DeliveryReport r = transport(settings().credentials(new Credentials("a=b,c@example.org",
                Secret.of("good-token"), List.of("OAUTHBEARER"), true)).build()).send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
        assertTrue(oauthBearerInitialResponse(server).startsWith("n,a=a=3Db=2Cc@example.org,\u0001host="),
                oauthBearerInitialResponse(server));
    }

    @Test
    void noCommonMechanismSaysWhatWasOffered() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().offer("AUTH GSSAPI NTLM"));
        AuthenticationFailedException e = expect(AuthenticationFailedException.class,
                transport(settings().credentials(creds(PASSWORD, true)).build()), simple(server));
        assertTrue(e.getMessage().contains("GSSAPI NTLM"), e.getMessage());
        assertFalse(server.received("AUTH"));
    }

    @Test
    void aServerWithoutAuthIsAnAuthenticationFailure() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        AuthenticationFailedException e = expect(AuthenticationFailedException.class,
                transport(settings().credentials(creds(PASSWORD, true)).build()), simple(server));
        assertTrue(e.getMessage().contains("does not offer AUTH"), e.getMessage());
    }

    @Test
    void aTemporaryAuthFailureIsTransient() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user@example.org", PASSWORD)
                .on("AUTH", "454 4.7.0 Temporary authentication failure"));
        AuthenticationFailedException e = expect(AuthenticationFailedException.class,
                transport(settings().credentials(creds(PASSWORD, true)).build()), simple(server));
        assertTrue(e.isTransient());
    }

    @Test
    void theResponseAndItsEncodingAreWipedOnceSent() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user@example.org", PASSWORD));
        byte[][] handedOut = new byte[1][];
        SaslMechanism plain = new SaslMechanism() {
            @Override
            public String name() {
                return "PLAIN";
            }

            @Override
            public byte[] initialResponse() {
                handedOut[0] = ("\0user@example.org\0" + PASSWORD).getBytes(StandardCharsets.UTF_8);
                return handedOut[0];
            }

            @Override
            public byte[] evaluate(byte[] challenge) {
                return initialResponse();
            }
        };
        TransportSettings s = settings().tlsMode(TlsMode.OFF).build();
        SessionSetup setup = new SessionSetup(s, null);
        SmtpConnection c = setup.connect(server.host(), Deadline.at(Instant.now().plusSeconds(30)), false);
        try {
            setup.greetAndNegotiate(c, server.host(), false);
            Authenticator.run(c, plain, s.timeouts());
        } finally {
            c.close();
        }
        assertTrue(server.received("AUTH PLAIN "), server.session(0).toString());
        byte[] zeros = new byte[handedOut[0].length];
        assertTrue(java.util.Arrays.equals(zeros, handedOut[0]), "the response was wiped after sending");
    }
}
