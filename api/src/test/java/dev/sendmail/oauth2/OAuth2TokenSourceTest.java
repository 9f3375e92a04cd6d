package dev.sendmail.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.ProtocolViolationException;
import dev.sendmail.api.Secret;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.testkit.FakeTokenEndpoint;
import dev.sendmail.testkit.FakeTokenEndpoint.Answer;
import dev.sendmail.testkit.RefusingPort;
import dev.sendmail.testkit.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token source against a token endpoint double over verified HTTPS. */
class OAuth2TokenSourceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path dir;
    private FakeTokenEndpoint endpoint;
    private Path refreshFile;
    private Path cacheFile;

    @BeforeEach
    void start() throws IOException {
        endpoint = FakeTokenEndpoint.start();
        refreshFile = dir.resolve("refresh");
        new RefreshTokenFile(refreshFile).replace(Secret.of("refresh-1"));
        cacheFile = OAuth2TokenSource.cacheFile(dir.resolve("cache"), "work");
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private OAuth2TokenSource source(Clock clock) throws IOException {
        return source(clock, endpoint.uri("/token"));
    }

    private OAuth2TokenSource source(Clock clock, URI token) throws IOException {
        OAuth2Client client = new OAuth2Client(token, "client-1", Optional.of(Secret.of("client-secret")),
                "smtp offline_access", Optional.empty(), Optional.empty());
        return OAuth2TokenSource.builder().client(client).store(new RefreshTokenFile(refreshFile))
                .cacheFile(cacheFile).trust(TrustSettings.SYSTEM.withCaFile(TestCertificates.get().caBundle()))
                .clock(clock).loginHint("run send-mail --oauth2-login work").build();
    }

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    @Test
    void refreshesWithTheStoredRefreshTokenAndCachesTheAccessTokenOwnerOnly() throws Exception {
        endpoint.on("/token", f -> Answer.token("access-1", 3600, null));
        Secret t = source(at(NOW)).accessToken();
        assertEquals("access-1", t.revealString());
        Map<String, String> form = endpoint.requests().get(0);
        assertEquals("POST", form.get(":method"));
        assertEquals("application/x-www-form-urlencoded", form.get(":content-type"));
        assertEquals("refresh_token", form.get("grant_type"));
        assertEquals("refresh-1", form.get("refresh_token"));
        assertEquals("client-1", form.get("client_id"));
        assertEquals("client-secret", form.get("client_secret"));
        assertEquals("smtp offline_access", form.get("scope"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheFile)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheFile.getParent())));
        // the cached token is used by a later run until a minute before it expires
        assertEquals("access-1", source(at(NOW.plusSeconds(3600 - 61))).accessToken().revealString());
        assertEquals(1, endpoint.calls("/token"));
        endpoint.on("/token", f -> Answer.token("access-2", 3600, null));
        assertEquals("access-2", source(at(NOW.plusSeconds(3600 - 59))).accessToken().revealString());
        assertEquals(2, endpoint.calls("/token"));
        assertEquals("refresh-1", new RefreshTokenFile(refreshFile).read().orElseThrow().revealString(),
                "no rotation: the stored refresh token stays");
    }

    @Test
    void aRotatedRefreshTokenReplacesTheStoredOneAndIsUsedNextTime() throws Exception {
        AtomicInteger n = new AtomicInteger();
        endpoint.on("/token", f -> {
            int i = n.incrementAndGet();
            return f.get("refresh_token").equals("refresh-" + i) ? Answer.token("access-" + i, 3600, "refresh-" + (i + 1))
                    : Answer.error("invalid_grant");
        });
        source(at(NOW)).accessToken();
        assertEquals("refresh-2", new RefreshTokenFile(refreshFile).read().orElseThrow().revealString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(refreshFile)));
        assertEquals("access-2", source(at(NOW.plusSeconds(7200))).accessToken().revealString());
        assertEquals("refresh-3", new RefreshTokenFile(refreshFile).read().orElseThrow().revealString());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("cache", "refresh"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void invalidGrantIsAPermanentAuthenticationFailureThatSaysHowToLogInAgain() throws Exception {
        endpoint.on("/token", f -> Answer.error("invalid_grant"));
        AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                () -> source(at(NOW)).accessToken());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("invalid_grant") && e.getMessage().contains(
                "run send-mail --oauth2-login work"), e.getMessage());
        assertFalse(e.getMessage().contains("refresh-1") || e.getMessage().contains("client-secret"), e.getMessage());
    }

    @Test
    void anUnreachableOrFailingEndpointIsTransient() throws Exception {
        try (RefusingPort port = RefusingPort.open()) {
            ConnectionFailedException e = assertThrows(ConnectionFailedException.class,
                    () -> source(at(NOW), URI.create("https://localhost:" + port.port() + "/token")).accessToken());
            assertTrue(e.isTransient());
            assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
        }
        endpoint.on("/token", f -> new Answer(503, "<html>down</html>"));
        assertTrue(assertThrows(ConnectionFailedException.class, () -> source(at(NOW)).accessToken()).isTransient());
    }

    @Test
    void anEndpointWithAnUntrustedCertificateIsNotAsked() throws Exception {
        endpoint.on("/token", f -> Answer.token("access-1", 3600, null));
        OAuth2Client client = OAuth2Client.of(endpoint.uri("/token"), "client-1", "");
        OAuth2TokenSource systemTrust = OAuth2TokenSource.builder().client(client)
                .store(new RefreshTokenFile(refreshFile)).cacheFile(cacheFile).build();
        ConnectionFailedException e = assertThrows(ConnectionFailedException.class, systemTrust::accessToken);
        assertEquals(0, endpoint.calls("/token"), e.getMessage());
    }

    @Test
    void malformedAnswersAreRefusedWithoutEchoingThem() throws Exception {
        for (String bad : List.of("{\"access_token\":\"a\",\"token_type\":\"mac\"}",
                "{\"access_token\":\"a\\r\\nQUIT\",\"token_type\":\"Bearer\"}",
                "{\"token_type\":\"Bearer\"}", "not json secret-in-body", "[1,2]")) {
            endpoint.on("/token", f -> new Answer(200, bad));
            SendMailException e = assertThrows(ProtocolViolationException.class, () -> source(at(NOW)).accessToken(),
                    bad);
            assertFalse(e.getMessage().contains("secret-in-body") || e.getMessage().contains("QUIT"), e.getMessage());
        }
    }

    @Test
    void noRefreshTokenOrAnInsecureFileIsReported() throws Exception {
        endpoint.on("/token", f -> Answer.token("access-1", 3600, null));
        Files.setPosixFilePermissions(refreshFile, PosixFilePermissions.fromString("rw-r--r--"));
        LocalPolicyException e = assertThrows(LocalPolicyException.class, () -> source(at(NOW)).accessToken());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        assertThrows(InsecureFileException.class, () -> RefreshTokenFile.checkPrivate(refreshFile));
        Files.delete(refreshFile);
        AuthenticationFailedException missing = assertThrows(AuthenticationFailedException.class,
                () -> source(at(NOW)).accessToken());
        assertTrue(missing.getMessage().contains("run send-mail --oauth2-login work"), missing.getMessage());
        assertEquals(0, endpoint.calls("/token"));
    }

    @Test
    void afterRejectionRefreshesOnceAndReusesATokenAnotherSenderAlreadyGot() throws Exception {
        AtomicInteger n = new AtomicInteger();
        endpoint.on("/token", f -> Answer.token("access-" + n.incrementAndGet(), 3600, null));
        OAuth2TokenSource s = source(at(NOW));
        Secret first = s.accessToken();
        assertEquals("access-1", first.revealString());
        Secret second = s.afterRejection(first);
        assertEquals("access-2", second.revealString());
        assertEquals("access-2", s.afterRejection(first).revealString(), "another sender refreshed already");
        assertEquals(2, endpoint.calls("/token"));
    }

    @Test
    void concurrentSendersShareOneRefresh() throws Exception {
        int threads = 8;
        OAuth2TokenSource s = source(at(NOW));
        endpoint.on("/token", f -> {
            // answer only once every other thread waits for the refresh lock: without the lock they would all be
            // here instead
            var waiting = TokenCacheLocks.lockOf(cacheFile);
            while (waiting.getQueueLength() < threads - 1 && endpoint.calls("/token") == 1) {
                Thread.onSpinWait();
            }
            return Answer.token("shared", 3600, null);
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier barrier = new CyclicBarrier(threads);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    barrier.await();
                    return s.accessToken().revealString();
                }));
            }
            for (Future<String> r : results) {
                assertEquals("shared", r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, endpoint.calls("/token"), "one endpoint call for " + threads + " threads");
    }

    @Test
    void anotherProcessCannotTakeTheRefreshLockWhileItIsHeld() throws Exception {
        TokenCache cache = new TokenCache(cacheFile);
        Path lockFile = cacheFile.resolveSibling(cacheFile.getFileName() + ".lock");
        try (TokenCache.Held held = cache.lock()) {
            assertEquals("busy", LockProbe.run(lockFile));
        }
        assertEquals("locked", LockProbe.run(lockFile));
    }

    @Test
    void sendersInTwoProcessesShareOneRefresh() throws Exception {
        CountDownLatch firstRefreshing = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);
        endpoint.on("/token", f -> {
            if (endpoint.calls("/token") > 1) {
                return Answer.token("second-refresh", 3600, null);
            }
            // hold the first refresh until the second process waits for the refresh lock; without the lock it
            // refreshes itself, and that second call ends the wait too
            firstRefreshing.countDown();
            while (secondWaiting.getCount() > 0 && endpoint.calls("/token") == 1) {
                Thread.onSpinWait();
            }
            return Answer.token("shared", 3600, null);
        });
        List<String> args = List.of(endpoint.uri("/token").toString(), refreshFile.toString(), cacheFile.toString(),
                TestCertificates.get().caBundle().toString());
        BlockingQueue<String> firstOut = new LinkedBlockingQueue<>();
        BlockingQueue<String> secondOut = new LinkedBlockingQueue<>();
        Process first = RefreshProcess.start(args, line -> {
            if (!line.equals("waiting")) { // it may pass through FileChannel.lock while taking the free lock
                firstOut.add(line);
            }
        });
        Process second = null;
        try {
            assertTrue(firstRefreshing.await(60, TimeUnit.SECONDS), "first process never refreshed: " + firstOut);
            second = RefreshProcess.start(args, line -> {
                if (line.equals("waiting")) {
                    secondWaiting.countDown();
                } else {
                    secondOut.add(line);
                }
            });
            assertEquals("token shared", firstOut.poll(60, TimeUnit.SECONDS));
            assertEquals("token shared", secondOut.poll(60, TimeUnit.SECONDS));
            assertTrue(first.waitFor(60, TimeUnit.SECONDS) && first.exitValue() == 0, "first: " + firstOut);
            assertTrue(second.waitFor(60, TimeUnit.SECONDS) && second.exitValue() == 0, "second: " + secondOut);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
            }
        }
        assertEquals(1, endpoint.calls("/token"), "one endpoint call for two processes");
    }

    @Test
    void describeGivesTheExpiryButNeverTheToken() throws Exception {
        endpoint.on("/token", f -> Answer.token("access-1", 3600, null));
        OAuth2TokenSource s = source(at(NOW));
        assertTrue(s.describe().startsWith("no cached OAuth2 access token"), s.describe());
        s.accessToken();
        String d = s.describe();
        assertTrue(d.contains("valid until 2026-12-01T10:00:00Z") && d.contains("refresh token in " + refreshFile), d);
        assertFalse(d.contains("access-1") || d.contains("refresh-1"), d);
        assertTrue(source(at(NOW.plus(Duration.ofHours(2)))).describe().contains("expired"));
    }

    @Test
    void cacheFilesOfDifferentAccountsNeverCollide() {
        Path base = Path.of("/c");
        assertEquals(Path.of("/c/oauth2/account-work.token"), OAuth2TokenSource.cacheFile(base, "work"));
        assertFalse(OAuth2TokenSource.cacheFile(base, "a b").equals(OAuth2TokenSource.cacheFile(base, "a_b")));
        assertEquals(base.resolve("oauth2"), OAuth2TokenSource.cacheFile(base, "../../etc").getParent());
    }
}
