package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.Credentials;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Secret;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.oauth2.OAuth2Client;
import dev.sendmail.oauth2.OAuth2TokenSource;
import dev.sendmail.oauth2.RefreshTokenFile;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.FakeTokenEndpoint;
import dev.sendmail.testkit.FakeTokenEndpoint.Answer;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.testkit.TestCertificates;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * XOAUTH2 and OAUTHBEARER with a token source, over verified STARTTLS, against a server that checks the bearer
 * token: the token comes from the token endpoint, and a rejected token is replaced once per session.
 */
class OAuth2TokenRefreshTest extends ServerTestSupport {

    @TempDir
    Path dir;
    private FakeTokenEndpoint endpoint;

    @BeforeEach
    void startEndpoint() throws Exception {
        endpoint = FakeTokenEndpoint.start();
        new RefreshTokenFile(dir.resolve("refresh")).replace(Secret.of("refresh-1"));
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    private Credentials credentials(String mechanism) throws Exception {
        TestCertificates certs = TestCertificates.get();
        OAuth2TokenSource tokens = OAuth2TokenSource.builder()
                .client(OAuth2Client.of(endpoint.uri("/token"), "client-1", "smtp"))
                .store(new RefreshTokenFile(dir.resolve("refresh")))
                .cacheFile(OAuth2TokenSource.cacheFile(dir, "work"))
                .trust(TrustSettings.SYSTEM.withCaFile(certs.caBundle())).build();
        return Credentials.oauth2("user@example.org", List.of(mechanism), tokens);
    }

    private FakeSmtpServer verifiedServer(String token) {
        return server(SmtpScript.accepting().auth("user@example.org", token)
                .startTls(TestCertificates.get().serverContext(TestCertificates.Kind.GOOD)));
    }

    private DeliveryReport send(FakeSmtpServer server, Credentials c) throws Exception {
        return transport(settings().tlsMode(TlsMode.STARTTLS)
                .trust(TrustSettings.SYSTEM.withCaFile(TestCertificates.get().caBundle()))
                .credentials(c).build()).send(simple(server));
    }

    private static long authCommands(FakeSmtpServer server) {
        return server.session(0).lines().stream().filter(l -> l.startsWith("AUTH ")).count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"XOAUTH2", "OAUTHBEARER"})
    void theTokenFromTheEndpointAuthenticates(String mechanism) throws Exception {
        endpoint.on("/token", f -> Answer.token("good-token", 3600, null));
        FakeSmtpServer server = verifiedServer("good-token");
        DeliveryReport r = send(server, credentials(mechanism));
        assertTrue(r.allDelivered(), r.toString());
        assertTrue(server.session(0).commands().stream().filter(c -> c.line().startsWith("AUTH ")).allMatch(c -> c.tls()), "AUTH went over STARTTLS");
        assertEquals(1, authCommands(server));
        assertEquals(1, endpoint.calls("/token"));
        assertFalse(transcript.text().contains("good-token"), transcript.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"XOAUTH2", "OAUTHBEARER"})
    void aRejectedTokenIsRefreshedOnceAndTheSecondTokenIsUsed(String mechanism) throws Exception {
        AtomicInteger n = new AtomicInteger();
        endpoint.on("/token", f -> Answer.token(n.incrementAndGet() == 1 ? "revoked-token" : "good-token", 3600,
                null));
        FakeSmtpServer server = verifiedServer("good-token");
        DeliveryReport r = send(server, credentials(mechanism));
        assertTrue(r.allDelivered(), r.toString());
        assertEquals(2, authCommands(server));
        assertEquals(2, endpoint.calls("/token"));
        assertTrue(transcript.text().contains("rejected the OAuth2 access token"), transcript.text());
        assertFalse(transcript.text().contains("good-token") || transcript.text().contains("revoked-token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XOAUTH2", "OAUTHBEARER"})
    void aSecondRejectionInTheSameSessionIsAnAuthenticationFailure(String mechanism) throws Exception {
        AtomicInteger n = new AtomicInteger();
        endpoint.on("/token", f -> Answer.token("bad-token-" + n.incrementAndGet(), 3600, null));
        FakeSmtpServer server = verifiedServer("good-token");
        AuthenticationFailedException e = expect(AuthenticationFailedException.class, transport(settings()
                .tlsMode(TlsMode.STARTTLS).trust(TrustSettings.SYSTEM.withCaFile(TestCertificates.get().caBundle()))
                .credentials(credentials(mechanism)).build()), simple(server));
        assertEquals(535, e.reply().orElseThrow().code());
        assertFalse(e.isTransient());
        assertEquals(2, authCommands(server), "one retry per session");
        assertEquals(2, endpoint.calls("/token"));
        assertFalse(server.received("MAIL"));
    }
}
