package dev.sendmail.oauth2;

import java.net.URI;
import java.util.Optional;

/**
 * Endpoints and SMTP scopes of the common providers, so that a configuration names only its own client id. No
 * client ids are shipped: each user registers an application with the provider.
 */
public enum OAuth2Provider {

    /**
     * Microsoft 365 / Exchange Online (Microsoft identity platform v2.0, the {@code common} tenant): device
     * authorization and authorization code grants; the {@code offline_access} scope yields a refresh token.
     */
    MICROSOFT("https://login.microsoftonline.com/common/oauth2/v2.0/token",
            "https://login.microsoftonline.com/common/oauth2/v2.0/devicecode",
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
            "https://outlook.office.com/SMTP.Send offline_access"),

    /**
     * Google (Gmail): the authorization code grant with a loopback redirect; Google's device grant does not allow
     * the mail scope, so there is no device endpoint.
     */
    GOOGLE("https://oauth2.googleapis.com/token", null, "https://accounts.google.com/o/oauth2/v2/auth",
            "https://mail.google.com/");

    private final URI token;
    private final Optional<URI> device;
    private final URI authorize;
    private final String scope;

    OAuth2Provider(String token, String device, String authorize, String scope) {
        this.token = URI.create(token);
        this.device = Optional.ofNullable(device).map(URI::create);
        this.authorize = URI.create(authorize);
        this.scope = scope;
    }

    /**
     * The token endpoint.
     *
     * @return an https URI
     */
    public URI tokenEndpoint() {
        return token;
    }

    /**
     * The device authorization endpoint, when the provider allows the device grant for SMTP.
     *
     * @return an https URI, or empty
     */
    public Optional<URI> deviceEndpoint() {
        return device;
    }

    /**
     * The authorization endpoint (authorization code grant).
     *
     * @return an https URI
     */
    public URI authorizeEndpoint() {
        return authorize;
    }

    /**
     * The scopes for sending mail over SMTP with a refresh token, separated by spaces.
     *
     * @return the scopes
     */
    public String scope() {
        return scope;
    }
}
