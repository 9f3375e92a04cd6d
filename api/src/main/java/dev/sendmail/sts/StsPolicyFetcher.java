package dev.sendmail.sts;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.spi.TlsSupport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * Fetches {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt} with {@code java.net.http} as RFC 8461 section
 * 3.3 says: the server's certificate verified for {@code mta-sts.DOMAIN} against the same trust anchors as SMTP
 * (the system's, or the CA file of the {@link TrustSettings}; certificate pins and the insecure switch, which
 * are about mail servers, never apply here), redirects not followed, only a {@code 200} answer of type
 * {@code text/plain} accepted, the body bounded to {@link StsPolicy#MAX_BYTES} and the whole fetch to a time
 * limit. The server name is looked up by the JDK's resolver.
 *
 * <p><b>Thread safety:</b> instances are thread-safe; one HTTP client is shared by all fetches.
 */
public final class StsPolicyFetcher {

    /** The longest a fetch may take, whatever the caller's deadline (RFC 8461 suggests about a minute). */
    public static final Duration LIMIT = Duration.ofSeconds(60);

    private final Callable<SSLContext> context;
    private final Function<String, URI> location;
    private final Clock clock;
    private HttpClient client;

    StsPolicyFetcher(SSLContext context, Function<String, URI> location, Clock clock) {
        this(() -> context, location, clock);
    }

    /** The TLS context and the HTTP client (and its thread) are made on the first fetch: most domains have no policy. */
    private StsPolicyFetcher(Callable<SSLContext> context, Function<String, URI> location, Clock clock) {
        this.context = context;
        this.location = location;
        this.clock = clock;
    }

    private synchronized HttpClient client(URI uri) throws StsFetchException {
        if (client == null) {
            SSLContext tls;
            try {
                tls = context.call();
            } catch (Exception e) {
                throw new StsFetchException(StsFetchException.Kind.FETCH_ERROR, uri + ": cannot set up TLS: "
                        + ControlCharacters.oneLine(String.valueOf(e.getMessage())), e);
            }
            client = HttpClient.newBuilder()
                    .sslContext(tls)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .connectTimeout(Duration.ofSeconds(30))
                    .build();
        }
        return client;
    }

    /**
     * A fetcher that trusts what {@code trust} names for SMTP: its CA file, or the system's trust store.
     *
     * The CA file is read, and the HTTP client made, on the first fetch; a CA file that cannot be used then fails
     * that fetch ({@link StsFetchException.Kind#FETCH_ERROR}).
     *
     * @param trust the SMTP trust settings; only the CA file is used
     * @return the fetcher
     */
    public static StsPolicyFetcher create(TrustSettings trust) {
        TrustSettings pkix = new TrustSettings(trust.caFile(), List.of(), Optional.empty(), false);
        return new StsPolicyFetcher(() -> TlsSupport.create(pkix).context(false), StsPolicyFetcher::wellKnown,
                Clock.systemUTC());
    }

    /**
     * Where the policy of {@code domain} is served.
     *
     * @param domain the policy domain
     * @return {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt}
     */
    public static URI wellKnown(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (!StsPolicy.isDomain(d)) {
            throw new IllegalArgumentException("not a domain name: " + StsPolicy.quote(domain));
        }
        return URI.create("https://mta-sts." + d + "/.well-known/mta-sts.txt");
    }

    /**
     * Fetches and parses the policy of {@code domain}.
     *
     * @param domain the policy domain
     * @param deadline give up at this instant (or after {@link #LIMIT}, whichever comes first)
     * @return the policy
     * @throws StsFetchException when it cannot be fetched, the certificate does not verify, or it is invalid
     * @throws InterruptedException when the calling thread is interrupted
     */
    public StsPolicy fetch(String domain, Instant deadline) throws StsFetchException, InterruptedException {
        URI uri = location.apply(domain);
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.compareTo(LIMIT) > 0) {
            left = LIMIT;
        }
        if (left.isNegative() || left.isZero()) {
            throw new StsFetchException(StsFetchException.Kind.FETCH_ERROR, uri + ": no time left to fetch the policy",
                    null);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(left)
                .header("Accept", "text/plain")
                .build();
        HttpResponse<byte[]> response;
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> pending = client(uri).sendAsync(request, info ->
                info.statusCode() == 200 ? new BoundedBody(StsPolicy.MAX_BYTES)
                        : HttpResponse.BodySubscribers.replacing(new byte[0]));
        try {
            response = pending.get(left.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new StsFetchException(StsFetchException.Kind.FETCH_ERROR, uri + ": no complete answer within "
                    + left.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            Optional<String> certificate = TlsSupport.describeCertificateFailure(cause);
            if (certificate.isPresent()) {
                throw new StsFetchException(StsFetchException.Kind.WEBPKI_INVALID, uri + ": " + certificate.get(),
                        cause);
            }
            if (cause instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(
                    "the policy is larger than")) {
                throw new StsFetchException(StsFetchException.Kind.POLICY_INVALID, uri + ": " + io.getMessage(), cause);
            }
            String why = cause instanceof HttpConnectTimeoutException ? "connection timed out"
                    : cause instanceof HttpTimeoutException ? "no answer in time"
                    : cause instanceof SSLHandshakeException ? "TLS handshake failed (" + cause.getMessage() + ")"
                    : cause instanceof ConnectException ? "connection refused or unreachable"
                    : cause instanceof java.nio.channels.UnresolvedAddressException
                            || cause instanceof java.net.UnknownHostException ? "the host name does not resolve"
                    : String.valueOf(cause);
            throw new StsFetchException(StsFetchException.Kind.FETCH_ERROR, uri + ": " + ControlCharacters.oneLine(why), cause);
        }
        int status = response.statusCode();
        if (status != 200) {
            throw new StsFetchException(StsFetchException.Kind.FETCH_ERROR, uri + ": HTTP status " + status
                    + (status / 100 == 3 ? " (redirects are not followed)" : ""), null);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("text/plain")) {
            throw new StsFetchException(StsFetchException.Kind.FETCH_ERROR, uri + ": content type "
                    + StsPolicy.quote(type) + ", not text/plain", null);
        }
        try {
            return StsPolicy.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new StsFetchException(StsFetchException.Kind.POLICY_INVALID, uri + ": " + e.getMessage(), e);
        }
    }
}
