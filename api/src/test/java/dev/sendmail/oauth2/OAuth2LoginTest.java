package dev.sendmail.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.ProtocolViolationException;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.testkit.FakeTokenEndpoint;
import dev.sendmail.testkit.FakeTokenEndpoint.Answer;
import dev.sendmail.testkit.TestCertificates;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First logins against a provider double: the device grant (RFC 8628) and the code grant with PKCE (RFC 7636). */
class OAuth2LoginTest {

    @TempDir
    Path dir;
    private FakeTokenEndpoint endpoint;
    private final List<String> shown = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));

    /** A clock the recorded pauses move forward. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() throws Exception {
        endpoint = FakeTokenEndpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private OAuth2Login login(boolean device, java.util.function.Consumer<String> out) throws Exception {
        OAuth2Client client = new OAuth2Client(endpoint.uri("/token"), "client-1", Optional.empty(),
                "smtp offline_access", device ? Optional.of(endpoint.uri("/device")) : Optional.empty(),
                Optional.of(endpoint.uri("/authorize")));
        return OAuth2Login.builder().client(client).store(new RefreshTokenFile(dir.resolve("refresh")))
                .cacheFile(OAuth2TokenSource.cacheFile(dir.resolve("cache"), "work"))
                .trust(TrustSettings.SYSTEM.withCaFile(TestCertificates.get().caBundle())).clock(clock)
                .pause(d -> {
                    pauses.add(d);
                    clock.now = clock.now.plus(d);
                }).output(out).redirectTimeout(Duration.ofMinutes(2)).build();
    }

    private static Answer deviceAuthorization(long expiresIn) {
        return new Answer(200, "{\"device_code\":\"dev-code-1\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":"
                + "\"https://example.test/device\",\"verification_uri_complete\":\"https://example.test/device?c=WDJB\","
                + "\"expires_in\":" + expiresIn + ",\"interval\":5}");
    }

    private void scriptPolls(Answer... answers) {
        Iterator<Answer> it = List.of(answers).iterator();
        endpoint.on("/token", f -> it.next());
    }

    @Test
    void deviceGrantPollsThroughPendingAndSlowDownThenStoresTheRefreshToken() throws Exception {
        endpoint.on("/device", f -> deviceAuthorization(900));
        scriptPolls(Answer.error("authorization_pending"), Answer.error("authorization_pending"),
                Answer.error("slow_down"), Answer.token("access-1", 3600, "refresh-1"));
        assertEquals("device", login(true, shown::add).run());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(10)), pauses, "slow_down adds 5 seconds to the interval");
        assertTrue(shown.contains("To sign in, open https://example.test/device and enter the code WDJB-MJHT"),
                shown.toString());
        Map<String, String> deviceForm = endpoint.requests().get(0);
        assertEquals("client-1", deviceForm.get("client_id"));
        assertEquals("smtp offline_access", deviceForm.get("scope"));
        Map<String, String> poll = endpoint.requests().get(1);
        assertEquals("urn:ietf:params:oauth:grant-type:device_code", poll.get("grant_type"));
        assertEquals("dev-code-1", poll.get("device_code"));
        assertEquals("refresh-1", new RefreshTokenFile(dir.resolve("refresh")).read().orElseThrow().revealString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("refresh"))));
        assertTrue(Files.exists(OAuth2TokenSource.cacheFile(dir.resolve("cache"), "work")));
    }

    @Test
    void anExpiredOrRefusedDeviceCodeEndsTheLogin() throws Exception {
        endpoint.on("/device", f -> deviceAuthorization(900));
        scriptPolls(Answer.error("authorization_pending"), Answer.error("expired_token"));
        AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                () -> login(true, shown::add).run());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        scriptPolls(Answer.error("access_denied"));
        e = assertThrows(AuthenticationFailedException.class, () -> login(true, shown::add).run());
        assertTrue(e.getMessage().contains("access_denied"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("refresh")));
    }

    @Test
    void theDeviceCodesOwnLifetimeBoundsThePolling() throws Exception {
        endpoint.on("/device", f -> deviceAuthorization(12));
        endpoint.on("/token", f -> Answer.error("authorization_pending"));
        AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                () -> login(true, shown::add).run());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertEquals(3, endpoint.calls("/token"), "polls at 5, 10 and 15 s, then the code has expired");
    }

    @Test
    void aUserCodeWithControlCharactersIsRefused() throws Exception {
        endpoint.on("/device", f -> new Answer(200, "{\"device_code\":\"d\",\"user_code\":\"\\u001b[2J\","
                + "\"verification_uri\":\"https://example.test/device\",\"expires_in\":900}"));
        assertThrows(ProtocolViolationException.class, () -> login(true, shown::add).run());
        assertTrue(shown.isEmpty(), shown.toString());
    }

    private static Map<String, String> query(URI u) {
        Map<String, String> q = new HashMap<>();
        for (String p : u.getRawQuery().split("&")) {
            int eq = p.indexOf('=');
            q.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    /** Runs a code grant login; {@code browser} plays the browser with the authorization URL shown. */
    private String codeLogin(java.util.function.Function<URI, String> browser) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        OAuth2Login login = login(false, lines::add);
        CompletableFuture<String> done = CompletableFuture.supplyAsync(() -> {
            try {
                return login.run();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        String line;
        do {
            line = lines.poll(60, TimeUnit.SECONDS);
        } while (line != null && !line.startsWith(endpoint.uri("/authorize").toString()));
        if (line == null) {
            return done.get(1, TimeUnit.SECONDS);
        }
        browser.apply(URI.create(line));
        return done.get(60, TimeUnit.SECONDS);
    }

    private static int get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void codeGrantWithPkceAndALoopbackRedirect() throws Exception {
        endpoint.on("/token", f -> Answer.token("access-1", 3600, "refresh-1"));
        Map<String, String> asked = new HashMap<>();
        List<Integer> statuses = new ArrayList<>();
        assertEquals("authorization code", codeLogin(url -> {
            asked.putAll(query(url));
            String redirect = asked.get("redirect_uri");
            statuses.add(get(redirect + "favicon.ico"));
            statuses.add(get(redirect + "?code=stolen&state=wrong"));
            statuses.add(get(redirect + "?code=code-1&state=" + asked.get("state")));
            return "";
        }));
        assertEquals(List.of(400, 400, 200), statuses, "only the redirect with our state counts");
        assertEquals("code", asked.get("response_type"));
        assertEquals("client-1", asked.get("client_id"));
        assertEquals("S256", asked.get("code_challenge_method"));
        assertTrue(asked.get("redirect_uri").matches("http://127\\.0\\.0\\.1:\\d+/"), asked.get("redirect_uri"));
        Map<String, String> form = endpoint.requests().get(0);
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals("code-1", form.get("code"));
        assertEquals(asked.get("redirect_uri"), form.get("redirect_uri"));
        assertTrue(form.get("code_verifier").matches("[A-Za-z0-9_-]{43,128}"), form.get("code_verifier"));
        assertEquals(asked.get("code_challenge"), CodeGrant.challenge(form.get("code_verifier")),
                "the verifier hashes to the challenge sent with the authorization request");
        assertEquals("refresh-1", new RefreshTokenFile(dir.resolve("refresh")).read().orElseThrow().revealString());
    }

    @Test
    void pkceChallengeMatchesTheRfc7636Example() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                CodeGrant.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void aRefusedSignInOrAResponseWithoutRefreshTokenFails() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> codeLogin(url -> {
            get(query(url).get("redirect_uri") + "?error=access_denied&state=" + query(url).get("state"));
            return "";
        }));
        assertTrue(e.getCause() instanceof AuthenticationFailedException, e.toString());
        assertEquals(0, endpoint.calls("/token"));
        endpoint.on("/token", f -> Answer.token("access-1", 3600, null));
        e = assertThrows(ExecutionException.class, () -> codeLogin(url -> {
            get(query(url).get("redirect_uri") + "?code=c&state=" + query(url).get("state"));
            return "";
        }));
        assertTrue(e.getCause().getMessage().contains("no refresh token"), e.getCause().getMessage());
        assertFalse(Files.exists(dir.resolve("refresh")));
        assertTrue(new RefreshTokenFile(dir.resolve("refresh")).read().isEmpty());
    }

    @Test
    void aBrowserProgramThatCannotStartIsReportedAndTheLoginGoesOn() {
        List<String> problems = new ArrayList<>();
        URI url = URI.create("https://login.example.org/authorize?a=1&b=2");
        OAuth2Login.browserProgram("/nonexistent/send-mail-test-browser", problems::add).accept(url);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("could not start /nonexistent/send-mail-test-browser: "), problems.get(0));
        assertTrue(problems.get(0).endsWith("; open the URL above yourself"), problems.get(0));
        problems.clear();
        OAuth2Login.browserProgram("true", problems::add).accept(url);
        assertEquals(List.of(), problems, "a program that starts is not a problem");
    }

    @Test
    void aLineFromTheNetworkIsShownWithoutC1OrLineSeparators() {
        assertEquals("code  31m WDJB MJHT ",
                TokenEndpoint.printable("code\u001b\u009b31m\u2028WDJB\u0085MJHT\u2029", 2000));
    }
}
