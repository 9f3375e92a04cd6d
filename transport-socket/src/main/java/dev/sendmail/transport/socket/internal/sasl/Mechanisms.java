package dev.sendmail.transport.socket.internal.sasl;

import dev.sendmail.api.Credentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the SASL mechanism: the first configured one the server offers, otherwise the strongest both support.
 * With TLS, PLAIN ranks above CRAM-MD5 (it lets the server store a strong hash, and TLS protects it); without
 * TLS the mechanisms that do not send the password come first. XOAUTH2 and OAUTHBEARER are used only when
 * configured, because their secret is a token, not a password.
 */
public final class Mechanisms {

    static final List<String> SUPPORTED = List.of("SCRAM-SHA-256", "PLAIN", "CRAM-MD5", "LOGIN", "XOAUTH2",
            "OAUTHBEARER");
    private static final List<String> WITH_TLS = List.of("SCRAM-SHA-256", "PLAIN", "CRAM-MD5", "LOGIN");
    private static final List<String> WITHOUT_TLS = List.of("SCRAM-SHA-256", "CRAM-MD5", "PLAIN", "LOGIN");

    private Mechanisms() {
    }

    /** The name of the mechanism to use, if any fits. */
    public static Optional<String> choose(Credentials credentials, Set<String> offered, boolean tls) {
        List<String> order = credentials.mechanisms().isEmpty() ? (tls ? WITH_TLS : WITHOUT_TLS)
                : credentials.mechanisms();
        for (String m : order) {
            if (SUPPORTED.contains(m) && offered.contains(m)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The mechanisms this client implements, for error messages. */
    public static List<String> supported() {
        return new ArrayList<>(SUPPORTED);
    }

    /**
     * A fresh client for {@code name}.
     *
     * @param host the server's host name as connected to (OAUTHBEARER sends it)
     * @param port the server's port (likewise)
     */
    public static SaslMechanism create(String name, String user, char[] secret, String host, int port) {
        return switch (name) {
            case "PLAIN" -> new PlainMechanism(user, secret);
            case "LOGIN" -> new LoginMechanism(user, secret);
            case "CRAM-MD5" -> new CramMd5Mechanism(user, secret);
            case "XOAUTH2" -> new XOAuth2Mechanism(user, secret);
            case "OAUTHBEARER" -> new OAuthBearerMechanism(user, secret, host, port);
            case "SCRAM-SHA-256" -> new ScramSha256Mechanism(user, secret);
            default -> throw new IllegalArgumentException("unsupported SASL mechanism " + name);
        };
    }
}
