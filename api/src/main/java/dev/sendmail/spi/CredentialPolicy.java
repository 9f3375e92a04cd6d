package dev.sendmail.spi;

import dev.sendmail.api.Credentials;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TrustSettings;

/**
 * Whether a session may carry the credentials, decided once for every transport, after STARTTLS and before AUTH.
 * The rules:
 * <ul>
 * <li>Credentials go only to a host the caller chose ({@link SendRequest#offerCredentials()}), never to a host
 *     found in DNS.</li>
 * <li>They go only over TLS whose certificate and host name were verified, or whose certificate matched a pin.</li>
 * <li>Exceptions the user asks for by name: {@link Credentials#allowWithoutTls()} (clear text, or TLS that was not
 *     verified), and {@link TrustSettings#insecure()} (every certificate check off).</li>
 * <li>With opportunistic TLS a session that fails these rules still carries the mail, without AUTH; with any
 *     other TLS mode the attempt fails before a credential leaves.</li>
 * </ul>
 */
public final class CredentialPolicy {

    /** What to do. */
    public enum Action {
        /** Run AUTH. */
        AUTHENTICATE,
        /** Send the mail without AUTH; the reason goes into the transcript. */
        SKIP,
        /** Fail the attempt as an authentication failure with the reason; nothing secret was sent. */
        REFUSE
    }

    /**
     * A decision and, for {@link Action#SKIP} and {@link Action#REFUSE}, the reason in one line (also a note for
     * {@link Action#AUTHENTICATE} over a session that is not verified).
     *
     * @param action what to do
     * @param reason why, or empty
     */
    public record Decision(Action action, String reason) {
    }

    private CredentialPolicy() {
    }

    /**
     * Decides for one session.
     *
     * @param credentials the configured credentials
     * @param offerCredentials the request's {@link SendRequest#offerCredentials()}
     * @param mode the TLS mode of the transport
     * @param trust the trust settings of the transport
     * @param tls what the session's TLS proves
     * @return whether to authenticate, and why
     */
    public static Decision decide(Credentials credentials, boolean offerCredentials, TlsMode mode,
                                  TrustSettings trust, TlsState tls) {
        if (!offerCredentials) {
            return new Decision(Action.SKIP, "not offering credentials to a host found in DNS "
                    + "(only the smart host or a route with credentials gets them); sending without AUTH");
        }
        if (tls.verified()) {
            return new Decision(Action.AUTHENTICATE, "");
        }
        if (tls.encrypted() && trust.insecure()) {
            return new Decision(Action.AUTHENTICATE, "sending credentials although the certificate was not checked "
                    + "(certificate checks are turned off)");
        }
        String why = tls.shortfall().orElseThrow();
        if (credentials.allowWithoutTls()) {
            return new Decision(Action.AUTHENTICATE, "sending credentials although " + why
                    + ", as explicitly allowed");
        }
        if (mode == TlsMode.OPPORTUNISTIC) {
            return new Decision(Action.SKIP, "not sending credentials: " + why + "; sending without AUTH");
        }
        return new Decision(Action.REFUSE, "refusing to send credentials: " + why
                + (tls.encrypted() ? "" : " (use TLS, or name the SASL mechanism with TLS off, "
                        + "e.g. --tls off --auth PLAIN, to send them in clear text)"));
    }
}
