package dev.sendmail.oauth2;

import dev.sendmail.api.Phase;
import dev.sendmail.api.ProtocolViolationException;
import dev.sendmail.api.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A successful token response (RFC 6749 5.1): a bearer access token, its lifetime, and maybe a new refresh token.
 * Tokens must be printable ASCII without spaces (RFC 6750 b64token is a subset), so nothing from the endpoint can
 * put a line break into an SMTP command.
 */
record TokenResponse(Secret accessToken, Duration expiresIn, Optional<Secret> refreshToken) {

    /** Used when the endpoint does not say how long the token lives (expires_in is only RECOMMENDED). */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

    static TokenResponse of(TokenEndpoint.Answer a, URI endpoint) throws ProtocolViolationException {
        String host = endpoint.getHost();
        String type = a.string("token_type").orElse("");
        if (!TokenEndpoint.lower(type).equals("bearer")) {
            throw new ProtocolViolationException("OAuth2 token endpoint " + host + " issued a token of type '"
                    + TokenEndpoint.printable(type, 40) + "', not Bearer", Phase.AUTH, host);
        }
        String access = a.string("access_token").orElse("");
        if (!wellFormed(access)) {
            throw new ProtocolViolationException("OAuth2 token endpoint " + host
                    + " answered without a well-formed access_token", Phase.AUTH, host);
        }
        Optional<String> refresh = a.string("refresh_token");
        if (refresh.isPresent() && !wellFormed(refresh.get())) {
            throw new ProtocolViolationException("OAuth2 token endpoint " + host
                    + " answered with a malformed refresh_token", Phase.AUTH, host);
        }
        Duration life = a.seconds("expires_in").map(Duration::ofSeconds).orElse(DEFAULT_LIFETIME);
        return new TokenResponse(Secret.of(access), life, refresh.map(Secret::of));
    }

    static boolean wellFormed(String token) {
        if (token.isEmpty() || token.length() > 16 * 1024) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
