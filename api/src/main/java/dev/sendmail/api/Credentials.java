package dev.sendmail.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who to authenticate as.
 *
 * @param username the SASL authentication identity
 * @param secret the password, or the OAuth 2 access token for XOAUTH2
 * @param mechanisms the SASL mechanisms allowed, upper case, strongest first; empty means any the transport
 *        supports, strongest first
 * @param allowWithoutTls allow credentials over a connection without TLS (dangerous; off by default)
 * @param tokens where XOAUTH2 and OAUTHBEARER get their bearer token when it is not fixed: present, it replaces
 *        {@code secret} for those mechanisms and lets the transport ask for a new token once when the server
 *        rejects one
 */
public record Credentials(String username, Secret secret, List<String> mechanisms, boolean allowWithoutTls,
                          Optional<AccessTokenSource> tokens) {

    /**
     * Checks the components; collections are copied.
     *
     * @param username the SASL authentication identity
     * @param secret the password, or the OAuth 2 access token for XOAUTH2
     * @param mechanisms the SASL mechanisms allowed, upper case, strongest first; empty means any the transport
     *        supports, strongest first
     * @param allowWithoutTls allow credentials over a connection without TLS (dangerous; off by default)
     * @param tokens where XOAUTH2 and OAUTHBEARER get their bearer token when it is not fixed
     */
    public Credentials {
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("user name is empty");
        }
        if (ControlCharacters.indexOf(username) >= 0) {
            throw new IllegalArgumentException("user name contains a control character");
        }
        if (secret == null) {
            throw new NullPointerException("secret");
        }
        mechanisms = mechanisms.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * Credentials with a fixed secret (a password, or a bearer token that is never refreshed).
     *
     * @param username the SASL authentication identity
     * @param secret the password, or the OAuth 2 access token for XOAUTH2
     * @param mechanisms the SASL mechanisms allowed, upper case, strongest first; empty means any the transport
     *        supports, strongest first
     * @param allowWithoutTls allow credentials over a connection without TLS (dangerous; off by default)
     */
    public Credentials(String username, Secret secret, List<String> mechanisms, boolean allowWithoutTls) {
        this(username, secret, mechanisms, allowWithoutTls, Optional.empty());
    }

    /**
     * OAuth 2 credentials: the bearer token comes from {@code tokens} at each AUTH.
     *
     * @param username the mailbox to authenticate as
     * @param mechanisms XOAUTH2 and/or OAUTHBEARER, preferred first
     * @param tokens the token source
     * @return the credentials
     * @throws IllegalArgumentException when {@code mechanisms} is empty or names another mechanism
     */
    public static Credentials oauth2(String username, List<String> mechanisms, AccessTokenSource tokens) {
        if (mechanisms.isEmpty() || !mechanisms.stream().map(m -> m.toUpperCase(Locale.ROOT))
                .allMatch(m -> m.equals("XOAUTH2") || m.equals("OAUTHBEARER"))) {
            throw new IllegalArgumentException("OAuth 2 credentials need XOAUTH2 or OAUTHBEARER: " + mechanisms);
        }
        return new Credentials(username, Secret.of(""), mechanisms, false, Optional.of(tokens));
    }

    /**
     * The same credentials, allowing or not a connection without TLS.
     *
     * @param value whether credentials may go over a connection without TLS
     * @return new credentials
     */
    public Credentials withAllowWithoutTls(boolean value) {
        return new Credentials(username, secret, mechanisms, value, tokens);
    }

    /**
     * Whether {@code mechanism} takes its secret from {@link #tokens()}.
     *
     * @param mechanism a SASL mechanism name, upper case
     * @return true for XOAUTH2 and OAUTHBEARER when a token source is present
     */
    public boolean usesTokenSource(String mechanism) {
        return tokens.isPresent() && (mechanism.equals("XOAUTH2") || mechanism.equals("OAUTHBEARER"));
    }

    /**
     * Credentials for any mechanism both sides offer.
     *
     * @param username the user name
     * @param secret the password
     * @return the credentials
     */
    public static Credentials of(String username, Secret secret) {
        return new Credentials(username, secret, List.of(), false);
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", secret=****, mechanisms=" + mechanisms
                + ", allowWithoutTls=" + allowWithoutTls + (tokens.isPresent() ? ", tokens=from a source"
                : "") + "]";
    }
}
