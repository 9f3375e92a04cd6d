package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Credentials;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Message;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Secret;
import dev.sendmail.api.Sender;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.oauth2.OAuth2Client;
import dev.sendmail.oauth2.OAuth2TokenSource;
import dev.sendmail.oauth2.RefreshTokenFile;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testkit.RecordingListener;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitAllStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * OAUTHBEARER and XOAUTH2 against a real SASL implementation: Dovecot's submission server with its oauth2 passdb,
 * which checks each bearer token at a provider in the container. The token source gets tokens from that
 * provider's token endpoint over verified HTTPS; the provider reports each client's first token revoked, so
 * Dovecot answers it with its error challenge and 535, and the client must refresh and try again on the same
 * session (socket transport) or in a new one (jakarta, XOAUTH2 only). Everything over verified STARTTLS.
 */
class DovecotOAuth2IT {

    private static final String REFRESH_TOKEN = "refresh-it-20";
    private static GenericContainer<?> dovecot;
    private static Path cert;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        DockerRequired.image("sendmail-it/dovecot:2");
        dovecot = new GenericContainer<>(DockerImageName.parse("sendmail-it/dovecot:2"))
                .withCommand(REFRESH_TOKEN).withExposedPorts(2587, 8443)
                // the provider and the relay sink start beside Dovecot: a test that runs before they listen
                // meets a closed port (the provider's handshake cut off), so wait for all three
                .waitingFor(new WaitAllStrategy()
                        .withStrategy(Wait.forLogMessage(".*it-idp: serving.*", 1))
                        .withStrategy(Wait.forLogMessage(".*it-sink: serving.*", 1))
                        .withStrategy(Wait.forLogMessage(".*starting up for submission.*", 1)));
        dovecot.start();
        Containers.stopAtExit(dovecot);
        cert = Files.createTempFile("sendmail-it-dovecot", ".pem");
        dovecot.copyFileFromContainer("/etc/it-tls/cert.pem", in -> Files.write(cert, in.readAllBytes()));
    }

    private DeliveryReport send(String transport, String client, String mechanism, RecordingListener listener)
            throws Exception {
        TrustSettings trust = TrustSettings.SYSTEM.withCaFile(cert);
        Path refresh = dir.resolve(client + ".refresh");
        new RefreshTokenFile(refresh).replace(Secret.of(REFRESH_TOKEN));
        OAuth2TokenSource tokens = OAuth2TokenSource.builder()
                .client(OAuth2Client.of(URI.create("https://localhost:" + dovecot.getMappedPort(8443) + "/token"),
                        client, "smtp"))
                .store(new RefreshTokenFile(refresh)).cacheFile(OAuth2TokenSource.cacheFile(dir, client))
                .trust(trust).build();
        TransportProvider provider = Providers.transports(getClass().getClassLoader()).select(Optional.of(transport));
        TransportSettings settings = TransportSettings.builder().tlsMode(TlsMode.STARTTLS).trust(trust)
                .credentials(Credentials.oauth2("alice", List.of(mechanism), tokens)).listener(listener).build();
        String token = TestMessages.token("oauth2-" + client);
        Message m = Message.parse(MessageContent.of(new String(TestMessages.simple(token, "bob@example.test",
                "OAuth 2 " + mechanism + "\r\n"), StandardCharsets.UTF_8)));
        try (Sender sender = Sender.builder().transport(provider, settings)
                .smartHost(MailHost.of("localhost", dovecot.getMappedPort(2587))).build()) {
            return sender.send(m);
        }
    }

    private static long logged(String text) {
        return dovecot.getLogs().lines().filter(l -> l.contains(text)).count();
    }

    private static void assertRefreshedOnceAndDelivered(String client, String method, DeliveryReport r,
                                                        RecordingListener listener) {
        assertTrue(r.allDelivered(), r + "\n" + listener.text());
        assertEquals(1, logged("it-idp: issued " + client + ".1"), dovecot.getLogs());
        assertEquals(1, logged("it-idp: issued " + client + ".2"), "one refresh after the rejection");
        assertEquals(0, logged("it-idp: issued " + client + ".3"));
        assertTrue(logged("method=" + method) > 0, dovecot.getLogs());
        assertTrue(listener.text().contains("rejected the OAuth2 access token"), listener.text());
        assertFalse(listener.text().contains(client + ".1") || listener.text().contains(client + ".2"),
                "no token in the transcript");
    }

    @Test
    void oauthBearerWithTheSocketTransport() throws Exception {
        RecordingListener listener = new RecordingListener();
        DeliveryReport r = send("socket", "bearer", "OAUTHBEARER", listener);
        assertRefreshedOnceAndDelivered("bearer", "OAUTHBEARER", r, listener);
        assertTrue(listener.lines().contains("C: AUTH OAUTHBEARER ****"), listener.text());
        assertEquals(2, listener.lines().stream().filter(l -> l.startsWith("C: AUTH OAUTHBEARER")).count(),
                "the second AUTH on the same session");
    }

    @Test
    void xoauth2WithTheSocketTransport() throws Exception {
        RecordingListener listener = new RecordingListener();
        DeliveryReport r = send("socket", "xsocket", "XOAUTH2", listener);
        assertRefreshedOnceAndDelivered("xsocket", "XOAUTH2", r, listener);
    }

    @Test
    void xoauth2WithTheJakartaTransport() throws Exception {
        RecordingListener listener = new RecordingListener();
        DeliveryReport r = send("jakarta", "xjakarta", "XOAUTH2", listener);
        assertRefreshedOnceAndDelivered("xjakarta", "XOAUTH2", r, listener);
    }
}
