package dev.sendmail.oauth2;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.Phase;
import dev.sendmail.api.ProtocolViolationException;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.spi.TlsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs forms to an OAuth 2 endpoint over HTTPS (verified with the CA file of the SMTP trust settings, or the
 * system store; no pins, no client certificate, no redirects) and reads a bounded JSON answer. Failures become
 * {@link SendMailException}s whose messages name the endpoint and the OAuth error code, never a form value or a
 * token. Thread-safe.
 */
final class TokenEndpoint {

    /** The largest answer read; a token response is a few kilobytes. */
    static final int MAX_BYTES = Json.MAX_CHARS;

    /** An endpoint's JSON answer with its HTTP status. */
    record Answer(int status, Map<String, Object> json) {

        boolean ok() {
            return status / 100 == 2;
        }

        /** The OAuth {@code error} code (RFC 6749 5.2), when the answer is an error. */
        Optional<String> error() {
            return string("error");
        }

        Optional<String> string(String name) {
            return json.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
        }

        /** A positive integer member, given as a JSON number or (Microsoft's v1 endpoints) a string of digits. */
        Optional<Long> seconds(String name) {
            Object v = json.get(name);
            if (v instanceof Long l && l >= 0) {
                return Optional.of(l);
            }
            if (v instanceof String s && s.matches("[0-9]{1,12}")) {
                return Optional.of(Long.parseLong(s));
            }
            return Optional.empty();
        }

        /** {@code error: error_description}, one printable line of at most 200 characters. */
        String describeError() {
            String d = string("error_description").map(x -> ": " + x).orElse("");
            return printable(error().orElse("HTTP " + status) + d, 200);
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    TokenEndpoint(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * A client that trusts what SMTP trusts: the CA file of {@code trust}, else the system store.
     *
     * @throws IOException when the CA file cannot be read or is not a certificate bundle
     */
    static TokenEndpoint create(TrustSettings trust, Duration timeout) throws IOException {
        TlsSupport tls;
        try {
            tls = TlsSupport.create(new TrustSettings(trust.caFile(), List.of(), Optional.empty(), false));
        } catch (GeneralSecurityException e) {
            throw new IOException(e.getMessage(), e);
        }
        HttpClient http = HttpClient.newBuilder().sslContext(tls.context(false))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        return new TokenEndpoint(http, timeout);
    }

    /**
     * POSTs {@code form} (names and values alternating) and parses the answer.
     *
     * @throws ConnectionFailedException when the endpoint cannot be reached or answers 5xx (transient)
     * @throws ProtocolViolationException when the answer is not a bounded JSON object
     */
    Answer post(URI endpoint, String... form) throws SendMailException {
        String host = endpoint.getHost();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(form[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        body.setLength(0);
        HttpResponse<InputStream> response;
        byte[] bytes;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (IOException e) {
            throw new ConnectionFailedException("OAuth2 endpoint " + endpoint + " unreachable: " + reason(e),
                    Phase.AUTH, host, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionFailedException("interrupted while waiting for OAuth2 endpoint " + endpoint,
                    Phase.AUTH, host, null);
        }
        try {
            int status = response.statusCode();
            if (bytes.length > MAX_BYTES) {
                throw new ProtocolViolationException("OAuth2 endpoint " + endpoint + " answered more than "
                        + MAX_BYTES + " bytes", Phase.AUTH, host);
            }
            Map<String, Object> json;
            try {
                json = Json.parseObject(new String(bytes, StandardCharsets.UTF_8));
            } catch (Json.MalformedJsonException e) {
                if (status / 100 == 5) {
                    throw new ConnectionFailedException("OAuth2 endpoint " + endpoint + " answered HTTP " + status,
                            Phase.AUTH, host, null);
                }
                throw new ProtocolViolationException("OAuth2 endpoint " + endpoint + " answered HTTP " + status
                        + " without a JSON object (" + e.getMessage() + ")", Phase.AUTH, host);
            }
            Answer a = new Answer(status, json);
            if (status / 100 == 5 || status == 429 && a.error().isEmpty()) {
                throw new ConnectionFailedException("OAuth2 endpoint " + endpoint + " answered HTTP " + status
                        + " (" + a.describeError() + ")", Phase.AUTH, host, null);
            }
            return a;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * The failure for an error answer to a token request (RFC 6749 5.2): {@code invalid_grant} means the refresh
     * token (or code) is no longer good, which only a new login fixes.
     */
    static AuthenticationFailedException refused(URI endpoint, Answer a, String loginHint) {
        String what = "OAuth2 token endpoint " + endpoint.getHost() + " refused the request (" + a.describeError()
                + ")";
        if (a.error().filter("invalid_grant"::equals).isPresent()) {
            what += "; " + loginHint;
        }
        return new AuthenticationFailedException(what, Optional.empty(), endpoint.getHost());
    }

    /** A one-line reason without the exception's class name when it has a message. */
    static String reason(Throwable e) {
        String m = e.getMessage();
        return printable(m == null || m.isBlank() ? e.getClass().getSimpleName() : m, 200);
    }

    static String printable(String s, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(ControlCharacters.isControl(c) ? ' ' : c);
        }
        return sb.length() < s.length() ? sb + "..." : sb.toString();
    }

    /** Lower case, for comparing token types. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
