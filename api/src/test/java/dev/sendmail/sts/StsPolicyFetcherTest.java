package dev.sendmail.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.spi.TlsSupport;
import dev.sendmail.testkit.TestCertificates;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StsPolicyFetcherTest {

    private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.example.org\r\nmax_age: 86400\r\n";

    private PolicyServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private StsPolicyFetcher fetcher(PolicyServer s) throws Exception {
        TrustSettings trust = TrustSettings.SYSTEM.withCaFile(TestCertificates.get().caBundle());
        return new StsPolicyFetcher(TlsSupport.create(trust).context(false), s::location, Clock.systemUTC());
    }

    private static Instant soon() {
        return Instant.now().plus(Duration.ofSeconds(30));
    }

    private StsFetchException failure(PolicyServer s) throws Exception {
        StsPolicyFetcher f = fetcher(s);
        return assertThrows(StsFetchException.class, () -> f.fetch("example.org", soon()));
    }

    @Test
    void fetchesTheWellKnownPathOverVerifiedTls() throws Exception {
        server = new PolicyServer(TestCertificates.Kind.GOOD).answer(POLICY);
        StsPolicy p = fetcher(server).fetch("example.org", soon());
        assertEquals(StsMode.ENFORCE, p.mode());
        assertEquals(List.of("mx.example.org"), p.mx());
        assertEquals(List.of("/.well-known/mta-sts.txt"), server.requests);
    }

    @Test
    void theDefaultLocationIsMtaStsDotDomain() {
        assertEquals(URI.create("https://mta-sts.example.org/.well-known/mta-sts.txt"),
                StsPolicyFetcher.wellKnown("Example.ORG"));
        assertThrows(IllegalArgumentException.class, () -> StsPolicyFetcher.wellKnown("evil.test/x?"));
    }

    @Test
    void aCertificateForAnotherNameIsAWebPkiFailure() throws Exception {
        server = new PolicyServer(TestCertificates.Kind.WRONG_HOST).answer(POLICY);
        StsFetchException e = failure(server);
        assertEquals(StsFetchException.Kind.WEBPKI_INVALID, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("host name"), e.getMessage());
        assertEquals(List.of(), server.requests, "no request goes to a server that did not prove its name");
    }

    @Test
    void anUntrustedCertificateIsAWebPkiFailure() throws Exception {
        server = new PolicyServer(TestCertificates.Kind.UNTRUSTED).answer(POLICY);
        assertEquals(StsFetchException.Kind.WEBPKI_INVALID, failure(server).kind());
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        server = new PolicyServer(TestCertificates.Kind.GOOD);
        server.answer(301, Map.of("Location", server.location("other.example").toString().replace(
                ".well-known/mta-sts.txt", "elsewhere")), "");
        StsFetchException e = failure(server);
        assertEquals(StsFetchException.Kind.FETCH_ERROR, e.kind());
        assertTrue(e.getMessage().contains("301") && e.getMessage().contains("redirects"), e.getMessage());
        assertEquals(List.of("/.well-known/mta-sts.txt"), server.requests);
    }

    @Test
    void onlyStatus200IsAPolicy() throws Exception {
        server = new PolicyServer(TestCertificates.Kind.GOOD).answer(404, Map.of("Content-Type", "text/plain"), POLICY);
        StsFetchException e = failure(server);
        assertEquals(StsFetchException.Kind.FETCH_ERROR, e.kind());
        assertTrue(e.getMessage().contains("HTTP status 404"), e.getMessage());
    }

    @Test
    void theContentTypeMustBeTextPlain() throws Exception {
        server = new PolicyServer(TestCertificates.Kind.GOOD).answer(200, Map.of("Content-Type", "text/html"), POLICY);
        StsFetchException e = failure(server);
        assertEquals(StsFetchException.Kind.FETCH_ERROR, e.kind());
        assertTrue(e.getMessage().contains("not text/plain"), e.getMessage());
        server.answer(200, Map.of(), POLICY);
        assertTrue(failure(server).getMessage().contains("not text/plain"));
        server.answer(200, Map.of("Content-Type", "Text/Plain ; charset=us-ascii"), POLICY);
        assertEquals(StsMode.ENFORCE, fetcher(server).fetch("example.org", soon()).mode());
    }

    @Test
    void anInvalidOrOversizedPolicyIsInvalid() throws Exception {
        server = new PolicyServer(TestCertificates.Kind.GOOD).answer("version: STSv1\nmode: enforce\nmax_age: 5\n");
        StsFetchException e = failure(server);
        assertEquals(StsFetchException.Kind.POLICY_INVALID, e.kind());
        assertTrue(e.getMessage().contains("at least one mx"), e.getMessage());
        server.answer(POLICY + "x: " + "a".repeat(StsPolicy.MAX_BYTES) + "\n");
        e = failure(server);
        assertEquals(StsFetchException.Kind.POLICY_INVALID, e.kind());
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void anUnusableCaFileFailsTheFetchNotTheSetup(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        StsPolicyFetcher f = StsPolicyFetcher.create(TrustSettings.SYSTEM.withCaFile(tmp.resolve("missing.pem")));
        StsFetchException e = assertThrows(StsFetchException.class, () -> f.fetch("example.org", soon()));
        assertEquals(StsFetchException.Kind.FETCH_ERROR, e.kind());
        assertTrue(e.getMessage().contains("cannot set up TLS") && e.getMessage().contains("missing.pem"),
                e.getMessage());
    }

    @Test
    void aFailureNamingAFileWithControlCharactersIsOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        StsPolicyFetcher f = StsPolicyFetcher.create(TrustSettings.SYSTEM.withCaFile(
                tmp.resolve("ca\u2028file\u0085.pem")));
        StsFetchException e = assertThrows(StsFetchException.class, () -> f.fetch("example.org", soon()));
        assertEquals(-1, ControlCharacters.indexOf(e.getMessage()), e.getMessage());
        assertTrue(e.getMessage().contains("ca file .pem"), e.getMessage());
    }

    @Test
    void noTimeLeftFetchesNothing() throws Exception {
        server = new PolicyServer(TestCertificates.Kind.GOOD).answer(POLICY);
        StsPolicyFetcher f = fetcher(server);
        StsFetchException e = assertThrows(StsFetchException.class,
                () -> f.fetch("example.org", Instant.now().minusSeconds(1)));
        assertEquals(StsFetchException.Kind.FETCH_ERROR, e.kind());
        assertEquals(List.of(), server.requests);
    }
}
