package dev.sendmail.oauth2;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.Phase;
import dev.sendmail.api.SendMailException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorization code grant with PKCE (RFC 7636, S256) and a loopback redirect (RFC 8252 7.3): listen on
 * 127.0.0.1 on a port the system picks, show the authorization URL, take the one redirect that carries our
 * {@code state}, and exchange its code (with the verifier) at the token endpoint. Requests to other paths, or
 * without our state, are answered 400 and ignored; the request line is bounded to 8 KiB and the wait to the
 * login's redirect timeout.
 */
final class CodeGrant {

    static final int MAX_REQUEST_LINE = 8192;
    private static final String DONE_PAGE = "<!DOCTYPE html><title>send-mail</title><p>send-mail received the "
            + "authorization. You can close this window.</p>";

    private final OAuth2Login login;

    CodeGrant(OAuth2Login login) {
        this.login = login;
    }

    TokenResponse run() throws SendMailException {
        String host = login.client.tokenEndpoint().getHost();
        String verifier = randomToken(32);
        String state = randomToken(16);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(login.loopback, 0), 4);
            String redirect = "http://" + login.loopback.getHostAddress() + ":" + server.getLocalPort() + "/";
            URI url = authorizationUrl(redirect, state, challenge(verifier));
            login.show("To sign in, open this URL in a browser on this machine:");
            login.show(url.toString());
            login.show("Waiting for the browser to come back to " + redirect + " ...");
            login.browser.ifPresent(b -> b.accept(url));
            String code = awaitCode(server, state);
            List<String> form = new ArrayList<>(List.of("grant_type", "authorization_code", "code", code,
                    "redirect_uri", redirect, "code_verifier", verifier));
            login.addClient(form);
            TokenEndpoint.Answer a = login.endpoint.post(login.client.tokenEndpoint(), form.toArray(String[]::new));
            if (!a.ok()) {
                throw TokenEndpoint.refused(login.client.tokenEndpoint(), a, "run the login again");
            }
            return TokenResponse.of(a, login.client.tokenEndpoint());
        } catch (IOException e) {
            throw new LocalPolicyException("cannot listen on the loopback address for the OAuth2 redirect: "
                    + TokenEndpoint.reason(e), Phase.AUTH, host);
        }
    }

    URI authorizationUrl(String redirect, String state, String challenge) {
        URI base = login.client.authorizeEndpoint().orElseThrow();
        StringBuilder q = new StringBuilder(base.toString());
        q.append(base.getRawQuery() == null ? '?' : '&');
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", login.client.clientId());
        params.put("redirect_uri", redirect);
        if (!login.client.scope().isEmpty()) {
            params.put("scope", login.client.scope());
        }
        params.put("state", state);
        params.put("code_challenge", challenge);
        params.put("code_challenge_method", "S256");
        // Google issues a refresh token only when asked this way; other servers ignore unknown parameters
        params.put("access_type", "offline");
        boolean first = true;
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!first) {
                q.append('&');
            }
            first = false;
            q.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return URI.create(q.toString());
    }

    /** Accepts connections until one carries our state with a code (or an error), or the wait ends. */
    private String awaitCode(ServerSocket server, String state) throws SendMailException, IOException {
        Instant end = login.clock.instant().plus(login.redirectTimeout);
        String host = login.client.tokenEndpoint().getHost();
        while (true) {
            long left = java.time.Duration.between(login.clock.instant(), end).toMillis();
            if (left <= 0) {
                throw new ConnectionFailedException("no redirect from the browser within "
                        + login.redirectTimeout.toSeconds() + " s", Phase.AUTH, host, null);
            }
            server.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                Map<String, String> query;
                try {
                    query = requestQuery(s.getInputStream());
                } catch (IOException e) {
                    continue;
                }
                if (query == null || !state.equals(query.get("state"))) {
                    respond(s.getOutputStream(), 400, "<!DOCTYPE html><title>send-mail</title><p>Not the expected"
                            + " authorization response.</p>");
                    continue;
                }
                String error = query.get("error");
                String code = query.get("code");
                if (error != null || code == null || code.isEmpty()) {
                    respond(s.getOutputStream(), 200, "<!DOCTYPE html><title>send-mail</title><p>The sign-in did"
                            + " not complete. You can close this window.</p>");
                    throw login.failed("the sign-in was refused (" + TokenEndpoint.printable(
                            error == null ? "no code" : error, 60) + ")");
                }
                respond(s.getOutputStream(), 200, DONE_PAGE);
                return code;
            } catch (SocketTimeoutException e) {
                // loop: the deadline check ends the wait
            }
        }
    }

    /** The query of a {@code GET /?...} request line, or null for anything else. */
    static Map<String, String> requestQuery(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0 || line.length() > MAX_REQUEST_LINE) {
                return null;
            }
            if (c == '\n') {
                break;
            }
            line.append((char) c);
        }
        String[] parts = line.toString().strip().split(" ");
        if (parts.length != 3 || !parts[0].equals("GET") || !parts[1].startsWith("/?")) {
            return null;
        }
        Map<String, String> q = new HashMap<>();
        for (String pair : parts[1].substring(2).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    q.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return q;
    }

    private static void respond(OutputStream out, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Bad Request") + "\r\n"
                + "Content-Type: text/html; charset=utf-8\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** {@code n} random bytes in unpadded base64url: a PKCE verifier (43 characters for 32 bytes) or a state. */
    String randomToken(int n) {
        byte[] b = new byte[n];
        login.random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The S256 code challenge: base64url(SHA-256(ASCII verifier)) without padding (RFC 7636 4.2). */
    static String challenge(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
