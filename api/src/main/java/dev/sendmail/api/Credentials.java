package dev.sendmail.api;

import java.util.List;
import java.util.Locale;

/**
 * Who to authenticate as.
 *
 * @param username the SASL authentication identity
 * @param secret the password, or the OAuth 2 access token for XOAUTH2
 * @param mechanisms the SASL mechanisms allowed, upper case, strongest first; empty means any the transport
 *        supports, strongest first
 * @param allowWithoutTls allow credentials over a connection without TLS (dangerous; off by default)
 */
public record Credentials(String username, Secret secret, List<String> mechanisms, boolean allowWithoutTls) {

    /**
     * Checks the components; collections are copied.
     *
     * @param username the SASL authentication identity
     * @param secret the password, or the OAuth 2 access token for XOAUTH2
     * @param mechanisms the SASL mechanisms allowed, upper case, strongest first; empty means any the transport
     *        supports, strongest first
     * @param allowWithoutTls allow credentials over a connection without TLS (dangerous; off by default)
     */
    public Credentials {
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("user name is empty");
        }
        for (int i = 0; i < username.length(); i++) {
            char c = username.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("user name contains a control character");
            }
        }
        if (secret == null) {
            throw new NullPointerException("secret");
        }
        mechanisms = mechanisms.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
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
                + ", allowWithoutTls=" + allowWithoutTls + "]";
    }
}
