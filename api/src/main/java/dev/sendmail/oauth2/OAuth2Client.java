package dev.sendmail.oauth2;

import dev.sendmail.api.Secret;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth 2 client registration at one provider: where to get tokens and as whom. Immutable.
 *
 * @param tokenEndpoint the token endpoint (RFC 6749 section 3.2); HTTPS
 * @param clientId the client identifier the provider issued
 * @param clientSecret the client secret, for providers that issue one even to installed applications (Google);
 *        empty for a public client
 * @param scope the scopes to ask for, separated by spaces; may be empty
 * @param deviceEndpoint the device authorization endpoint (RFC 8628), when the provider has one for this client
 * @param authorizeEndpoint the authorization endpoint (RFC 6749 section 3.1), for the authorization code grant
 */
public record OAuth2Client(URI tokenEndpoint, String clientId, Optional<Secret> clientSecret, String scope,
                           Optional<URI> deviceEndpoint, Optional<URI> authorizeEndpoint) {

    /**
     * Checks the components: every endpoint is an absolute {@code https} URI with a host, the client id and scope
     * are printable ASCII.
     *
     * @param tokenEndpoint the token endpoint (RFC 6749 section 3.2); HTTPS
     * @param clientId the client identifier the provider issued
     * @param clientSecret the client secret, for providers that issue one even to installed applications; empty for
     *        a public client
     * @param scope the scopes to ask for, separated by spaces; may be empty
     * @param deviceEndpoint the device authorization endpoint (RFC 8628), when the provider has one for this client
     * @param authorizeEndpoint the authorization endpoint (RFC 6749 section 3.1), for the authorization code grant
     * @throws IllegalArgumentException naming the component at fault
     */
    public OAuth2Client {
        checkEndpoint("token endpoint", tokenEndpoint);
        Objects.requireNonNull(clientSecret, "clientSecret");
        deviceEndpoint.ifPresent(u -> checkEndpoint("device endpoint", u));
        authorizeEndpoint.ifPresent(u -> checkEndpoint("authorization endpoint", u));
        checkPrintable("client id", clientId, false);
        checkPrintable("scope", scope, true);
    }

    /**
     * A public client (no secret) with a token endpoint only: enough to refresh, not to log in.
     *
     * @param tokenEndpoint the token endpoint; HTTPS
     * @param clientId the client identifier
     * @param scope the scopes, separated by spaces
     * @return the client
     */
    public static OAuth2Client of(URI tokenEndpoint, String clientId, String scope) {
        return new OAuth2Client(tokenEndpoint, clientId, Optional.empty(), scope, Optional.empty(), Optional.empty());
    }

    private static void checkEndpoint(String what, URI uri) {
        Objects.requireNonNull(uri, what);
        if (!uri.isAbsolute() || !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
            throw new IllegalArgumentException("the OAuth2 " + what + " must be an https:// URL with a host: " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the OAuth2 " + what + " must not have a fragment: " + uri);
        }
    }

    private static void checkPrintable(String what, String value, boolean emptyAllowed) {
        Objects.requireNonNull(value, what);
        if (!emptyAllowed && value.isEmpty()) {
            throw new IllegalArgumentException("the OAuth2 " + what + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("the OAuth2 " + what + " must be printable ASCII");
            }
        }
    }

    @Override
    public String toString() {
        return "OAuth2Client[tokenEndpoint=" + tokenEndpoint + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret.isPresent() ? "****" : "none") + ", scope=" + scope + ", deviceEndpoint="
                + deviceEndpoint.map(URI::toString).orElse("none") + ", authorizeEndpoint="
                + authorizeEndpoint.map(URI::toString).orElse("none") + "]";
    }
}
