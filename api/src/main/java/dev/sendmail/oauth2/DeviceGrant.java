package dev.sendmail.oauth2;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.Phase;
import dev.sendmail.api.ProtocolViolationException;
import dev.sendmail.api.SendMailException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The device authorization grant (RFC 8628): ask the device endpoint for a device code and a user code, show the
 * verification URI and the user code, then poll the token endpoint at the given interval; {@code
 * authorization_pending} keeps polling, {@code slow_down} adds 5 seconds to the interval (3.5), {@code
 * expired_token} and {@code access_denied} end the login, as does the device code's own expiry.
 */
final class DeviceGrant {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final Duration SLOW_DOWN = Duration.ofSeconds(5);

    private final OAuth2Login login;

    DeviceGrant(OAuth2Login login) {
        this.login = login;
    }

    TokenResponse run() throws SendMailException {
        URI device = login.client.deviceEndpoint().orElseThrow();
        List<String> form = new ArrayList<>();
        login.addClient(form);
        if (!login.client.scope().isEmpty()) {
            form.add("scope");
            form.add(login.client.scope());
        }
        TokenEndpoint.Answer a = login.endpoint.post(device, form.toArray(String[]::new));
        if (!a.ok()) {
            throw TokenEndpoint.refused(device, a, "check oauth2_client_id and oauth2_scope");
        }
        String deviceCode = a.string("device_code").filter(TokenResponse::wellFormed).orElseThrow(() ->
                malformed(device, "device_code"));
        String userCode = a.string("user_code").filter(TokenResponse::wellFormed).orElseThrow(() ->
                malformed(device, "user_code"));
        // RFC 8628 names it verification_uri; Google's endpoint says verification_url
        String verification = a.string("verification_uri").or(() -> a.string("verification_url"))
                .filter(DeviceGrant::isHttps).orElseThrow(() -> malformed(device, "verification_uri"));
        Optional<String> complete = a.string("verification_uri_complete").filter(DeviceGrant::isHttps);
        Instant expires = login.clock.instant().plusSeconds(a.seconds("expires_in").orElse(900L));
        Duration interval = a.seconds("interval").filter(s -> s > 0).map(Duration::ofSeconds)
                .orElse(DEFAULT_INTERVAL);
        login.show("To sign in, open " + verification + " and enter the code " + userCode);
        complete.ifPresent(u -> login.show("(or open " + u + ")"));
        login.show("Waiting for the sign-in to complete...");
        login.browser.ifPresent(b -> b.accept(URI.create(complete.orElse(verification))));

        List<String> poll = new ArrayList<>(List.of("grant_type", GRANT_TYPE, "device_code", deviceCode));
        login.addClient(poll);
        String[] pollForm = poll.toArray(String[]::new);
        while (true) {
            if (!login.clock.instant().isBefore(expires)) {
                throw login.failed("the device code expired before the sign-in was completed; run the login again");
            }
            try {
                login.pause.pause(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectionFailedException("interrupted while waiting for the sign-in", Phase.AUTH,
                        login.client.tokenEndpoint().getHost(), null);
            }
            TokenEndpoint.Answer r = login.endpoint.post(login.client.tokenEndpoint(), pollForm);
            if (r.ok()) {
                return TokenResponse.of(r, login.client.tokenEndpoint());
            }
            String error = r.error().orElse("");
            switch (error) {
                case "authorization_pending" -> {
                }
                case "slow_down" -> interval = interval.plus(SLOW_DOWN);
                case "expired_token" -> throw login.failed(
                        "the device code expired before the sign-in was completed; run the login again");
                case "access_denied" -> throw login.failed("the sign-in was refused (access_denied)");
                default -> throw TokenEndpoint.refused(login.client.tokenEndpoint(), r, "run the login again");
            }
        }
    }

    private static boolean isHttps(String s) {
        try {
            URI u = new URI(s);
            return "https".equalsIgnoreCase(u.getScheme()) && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static ProtocolViolationException malformed(URI endpoint, String member) {
        return new ProtocolViolationException("OAuth2 device endpoint " + endpoint.getHost()
                + " answered without a well-formed " + member, Phase.AUTH, endpoint.getHost());
    }
}
