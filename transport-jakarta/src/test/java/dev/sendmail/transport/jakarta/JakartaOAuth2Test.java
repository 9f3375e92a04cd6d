package dev.sendmail.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.Credentials;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Secret;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.oauth2.OAuth2Client;
import dev.sendmail.oauth2.OAuth2TokenSource;
import dev.sendmail.oauth2.RefreshTokenFile;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.FakeTokenEndpoint;
import dev.sendmail.testkit.FakeTokenEndpoint.Answer;
import dev.sendmail.testkit.RecordingListener;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.testkit.TestCertificates;
import dev.sendmail.testkit.TestCertificates.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XOAUTH2 through Angus with the token from a token source, over verified STARTTLS; a token the server rejects is
 * replaced once (in a new session, since Angus gives up the connection after a failed AUTH).
 */
class JakartaOAuth2Test {

    private static final TestCertificates CERTS = TestCertificates.get();
    private final RecordingListener transcript = new RecordingListener();
    @TempDir
    Path dir;
    private FakeTokenEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = FakeTokenEndpoint.start();
        new RefreshTokenFile(dir.resolve("refresh")).replace(Secret.of("refresh-1"));
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private Transport transport(String account) throws Exception {
        TrustSettings trust = TrustSettings.SYSTEM.withCaFile(CERTS.caBundle());
        OAuth2TokenSource tokens = OAuth2TokenSource.builder()
                .client(OAuth2Client.of(endpoint.uri("/token"), "client-1", "smtp"))
                .store(new RefreshTokenFile(dir.resolve("refresh"))).cacheFile(OAuth2TokenSource.cacheFile(dir, account))
                .trust(trust).build();
        Credentials c = Credentials.oauth2("user", List.of("OAUTHBEARER", "XOAUTH2"), tokens);
        return new JakartaTransportProvider().create(TransportSettings.builder().tlsMode(TlsMode.STARTTLS)
                .trust(trust).credentials(c).heloName("client.test").timeouts(Timeouts.all(Duration.ofSeconds(5)))
                .listener(transcript).build());
    }

    private static SendRequest request(MailHost host) {
        return new SendRequest(host, Envelope.of("a@example.org", "b@example.net"),
                MessageContent.of("Subject: x\n\nbody\n"), DeliveryOptions.DEFAULT, Instant.now().plusSeconds(30));
    }

    private static SmtpScript server(String token) {
        return SmtpScript.accepting().startTls(CERTS.serverContext(Kind.GOOD)).auth("user", token);
    }

    @Test
    void xoauth2WithTheTokenFromTheEndpoint() throws Exception {
        endpoint.on("/token", f -> Answer.token("good-token", 3600, null));
        try (FakeSmtpServer server = FakeSmtpServer.start(server("good-token")); Transport t = transport("a")) {
            assertTrue(t.send(request(server.host())).allDelivered(), transcript.text());
            assertTrue(server.session(0).isTls());
            assertTrue(server.received("AUTH XOAUTH2"));
            assertFalse(transcript.text().contains("good-token"), transcript.text());
        }
    }

    @Test
    void aRejectedTokenIsReplacedOnceThenTheFailureStands() throws Exception {
        AtomicInteger n = new AtomicInteger();
        endpoint.on("/token", f -> Answer.token(n.incrementAndGet() == 1 ? "revoked" : "good-token", 3600, null));
        try (FakeSmtpServer server = FakeSmtpServer.start(server("good-token")); Transport t = transport("a")) {
            assertTrue(t.send(request(server.host())).allDelivered(), transcript.text());
            assertEquals(2, endpoint.calls("/token"));
            assertTrue(transcript.text().contains("rejected the OAuth2 access token"), transcript.text());
        }
        endpoint.on("/token", f -> Answer.token("bad-" + n.incrementAndGet(), 3600, null));
        try (FakeSmtpServer server = FakeSmtpServer.start(server("good-token")); Transport t = transport("b")) {
            AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                    () -> t.send(request(server.host())));
            assertFalse(e.isTransient());
            assertEquals(4, endpoint.calls("/token"), "one new token for the one retry");
            assertFalse(server.received("MAIL"));
        }
    }
}
