package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sendmail.cli.config.Environment;
import dev.sendmail.spi.Providers;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.FakeTokenEndpoint;
import dev.sendmail.testkit.FakeTokenEndpoint.Answer;
import dev.sendmail.testkit.RefusingPort;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account with {@code auth xoauth2} and {@code oauth2_*} keys, end to end: the token comes from a token
 * endpoint double over verified HTTPS, goes to the fake server over verified STARTTLS, and the failures map to
 * their exit codes with the message kept.
 */
class OAuth2CliTest {

    private static final String MESSAGE = "From: a@a.test\nTo: b@b.test\nSubject: oauth\n\nhello\n";

    @TempDir
    Path home;
    private Environment env;
    private FakeTokenEndpoint endpoint;
    private Path refresh;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Providers.transports(getClass().getClassLoader()).names().contains("socket"),
                "transport-socket is not on the class path");
        env = CliRun.env(home);
        endpoint = FakeTokenEndpoint.start();
        refresh = home.resolve("work.refresh");
        Files.writeString(refresh, "refresh-1\n");
        Files.setPosixFilePermissions(refresh, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void tearDown() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private Path config(int smtpPort, String tokenEndpoint, String... more) throws Exception {
        List<String> lines = new ArrayList<>(List.of("account work", "host localhost", "port " + smtpPort, "tls on",
                "tls_starttls on", "tls_trust_file " + TestCertificates.get().caBundle(), "from a@a.test",
                "user alice", "auth xoauth2", "oauth2_client_id client-1", "oauth2_scope smtp offline_access",
                "oauth2_token_endpoint " + tokenEndpoint, "oauth2_refresh_token_file " + refresh));
        lines.addAll(List.of(more));
        Path f = home.resolve("config");
        Files.write(f, lines);
        return f;
    }

    private static SmtpScript server(String token) {
        return SmtpScript.accepting().startTls(TestCertificates.get().serverContext(TestCertificates.Kind.GOOD))
                .auth("alice", token);
    }

    @Test
    void sendsWithTheTokenFromTheEndpointAndNeverShowsIt() throws Exception {
        endpoint.on("/token", f -> Answer.token("access-tok3n", 3600, "refresh-2"));
        try (FakeSmtpServer server = FakeSmtpServer.start(server("access-tok3n"))) {
            Path c = config(server.port(), endpoint.uri("/token").toString());
            CliRun r = CliRun.run(env, MESSAGE, "-C", c.toString(), "-a", "work", "--trace", "--verbose", "b@b.test");
            assertEquals(0, r.code(), r.toString());
            assertEquals(1, server.messages().size());
            assertTrue(server.session(0).isTls());
            assertFalse(r.err().contains("access-tok3n") || r.err().contains("refresh-"), r.err());
            assertEquals("refresh-2", Files.readString(refresh).strip(), "the rotated refresh token is stored");
            Path cache = home.resolve(".cache/send-mail/oauth2/account-work.token");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
            // a second run uses the cached token: no second endpoint call
            assertEquals(0, CliRun.run(env, MESSAGE, "-C", c.toString(), "-a", "work", "b@b.test").code());
            assertEquals(1, endpoint.calls("/token"));
            CliRun plan = CliRun.run(env, "", "-C", c.toString(), "-a", "work", "--plan", "b@b.test");
            assertTrue(plan.out().contains("oauth2: cached OAuth2 access token valid until "), plan.toString());
            assertFalse(plan.out().contains("access-tok3n"), plan.out());
        }
    }

    @Test
    void aRevokedRefreshTokenExits77WithOneLineSayingHowToLogInAndKeepsTheMessage() throws Exception {
        endpoint.on("/token", f -> Answer.error("invalid_grant"));
        try (FakeSmtpServer server = FakeSmtpServer.start(server("x"))) {
            Path c = config(server.port(), endpoint.uri("/token").toString());
            CliRun r = CliRun.run(env, MESSAGE, "-C", c.toString(), "-a", "work", "b@b.test");
            assertEquals(77, r.code(), r.toString());
            assertTrue(r.err().contains("invalid_grant") && r.err().contains("run send-mail --oauth2-login work"),
                    r.err());
            assertFalse(r.err().contains("refresh-1"), r.err());
            assertTrue(Files.readString(home.resolve("dead.letter")).contains("Subject: oauth"));
            assertTrue(server.messages().isEmpty());
        }
    }

    @Test
    void anUnreachableEndpointExits75AndKeepsTheMessage() throws Exception {
        try (RefusingPort port = RefusingPort.open(); FakeSmtpServer server = FakeSmtpServer.start(server("x"))) {
            Path c = config(server.port(), "https://localhost:" + port.port() + "/token");
            CliRun r = CliRun.run(env, MESSAGE, "-C", c.toString(), "-a", "work", "b@b.test");
            assertEquals(75, r.code(), r.toString());
            assertTrue(r.err().contains("unreachable"), r.err());
            assertTrue(Files.readString(home.resolve("dead.letter")).contains("Subject: oauth"));
        }
    }

    @Test
    void aMessageQueuedWhileTheEndpointWasDownGoesOutWithATokenOnTheQueueRun() throws Exception {
        endpoint.on("/token", f -> Answer.token("access-tok3n", 3600, null));
        Path queue = home.resolve("queue");
        try (FakeSmtpServer server = FakeSmtpServer.start(server("access-tok3n"))) {
            try (RefusingPort port = RefusingPort.open()) {
                Path down = config(server.port(), "https://localhost:" + port.port() + "/token");
                CliRun r = CliRun.run(env, MESSAGE, "-C", down.toString(), "-a", "work", "--queue-dir",
                        queue.toString(), "b@b.test");
                assertEquals(0, r.code(), r.toString());
                assertTrue(r.err().contains("deferred: AUTH OAuth2 endpoint") && r.err().contains("queued as"),
                        r.err());
                assertTrue(server.messages().isEmpty());
            }
            Path up = config(server.port(), endpoint.uri("/token").toString());
            CliRun run = CliRun.run(env, "", "-C", up.toString(), "--queue-dir", queue.toString(), "--queue-flush");
            assertEquals(0, run.code(), run.toString());
            assertEquals(1, server.messages().size(), run.toString());
            assertEquals(1, endpoint.calls("/token"));
        }
    }

    @Test
    void aRefreshTokenFileOthersCanReadExits78() throws Exception {
        Files.setPosixFilePermissions(refresh, PosixFilePermissions.fromString("rw-r--r--"));
        Path c = config(25, endpoint.uri("/token").toString());
        CliRun r = CliRun.run(env, MESSAGE, "-C", c.toString(), "-a", "work", "b@b.test");
        assertEquals(78, r.code(), r.toString());
        assertTrue(r.err().contains("chmod 600"), r.err());
        assertEquals(0, endpoint.calls("/token"));
        Files.setPosixFilePermissions(refresh, PosixFilePermissions.fromString("rw-------"));
        Path cache = home.resolve(".cache/send-mail/oauth2/account-work.token");
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "expires 9999999999\nplanted-token\n");
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rw-rw-rw-"));
        r = CliRun.run(env, MESSAGE, "-C", c.toString(), "-a", "work", "b@b.test");
        assertEquals(78, r.code(), r.toString());
        assertTrue(r.err().contains(cache.toString()), r.err());
    }

    @Test
    void badOAuth2KeysAreConfigurationErrors() throws Exception {
        Path c = config(25, "http://localhost/token");
        assertEquals(78, CliRun.run(env, MESSAGE, "-C", c.toString(), "-a", "work", "b@b.test").code());
        Files.write(c, List.of("account work", "host localhost", "user alice", "auth plain",
                "oauth2_client_id client-1"));
        CliRun r = CliRun.run(env, MESSAGE, "-C", c.toString(), "-a", "work", "b@b.test");
        assertEquals(78, r.code(), r.toString());
        assertTrue(r.err().contains("auth xoauth2 or auth oauthbearer"), r.err());
    }

    @Test
    void oauth2LoginRunsTheDeviceGrantAndStoresTheRefreshToken() throws Exception {
        Files.delete(refresh);
        endpoint.on("/device", f -> new Answer(200, "{\"device_code\":\"dc\",\"user_code\":\"ABCD-EFGH\","
                + "\"verification_uri\":\"https://login.example.test/device\",\"expires_in\":600,\"interval\":1}"));
        endpoint.on("/token", f -> f.get("grant_type").equals("urn:ietf:params:oauth:grant-type:device_code")
                ? Answer.token("access-1", 3600, "refresh-new") : Answer.error("invalid_request"));
        Path c = config(25, endpoint.uri("/token").toString(), "oauth2_device_endpoint " + endpoint.uri("/device"));
        CliRun r = CliRun.run(env, "", "-C", c.toString(), "--oauth2-login", "work");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("https://login.example.test/device") && r.out().contains("ABCD-EFGH"), r.out());
        assertFalse(r.out().contains("refresh-new") || r.err().contains("refresh-new"), r.toString());
        assertEquals("refresh-new", Files.readString(refresh).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(refresh)));
        assertEquals(64, CliRun.run(env, "", "-C", c.toString(), "-a", "other", "--oauth2-login", "work").code());
    }
}
