package dev.sendmail.spi;

import dev.sendmail.api.TrustSettings;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * What a session's TLS proves: whether it is encrypted, and whether the server's certificate and host name were
 * verified (or the certificate matched a pin). Credentials and messages that require TLS go only over a verified
 * session.
 *
 * @param encrypted TLS is in place (implicit TLS or after STARTTLS)
 * @param verified the certificate chain and host name were checked and passed, or a pin matched
 * @param problem why an encrypted session is not verified; empty when verified or not encrypted
 */
public record TlsState(boolean encrypted, boolean verified, Optional<String> problem) {

    /** A connection without TLS. */
    public static final TlsState NONE = new TlsState(false, false, Optional.empty());

    /**
     * Checks the components; lists and maps are copied.
     *
     * @param encrypted TLS is in place (implicit TLS or after STARTTLS)
     * @param verified the certificate chain and host name were checked and passed, or a pin matched
     * @param problem why an encrypted session is not verified; empty when verified or not encrypted
     */
    public TlsState {
        if (verified && !encrypted) {
            throw new IllegalArgumentException("a session without TLS cannot be verified");
        }
    }

    /**
     * The state of a session set up by {@link TlsSupport} with {@code trust}: verified when a host's
     * {@link dev.sendmail.api.TlsRequirement} authenticated it (DANE, PKIX for a name), else unless a lenient
     * handshake recorded a certificate problem or {@code trust} turns every check off.
     *
     * @param session the TLS session, or null when there is none
     * @param trust the trust settings the session was checked with
     * @return the state
     */
    public static TlsState of(SSLSession session, TrustSettings trust) {
        if (session == null) {
            return NONE;
        }
        if (TlsSupport.authenticatedBy(session).isPresent()) {
            return new TlsState(true, true, Optional.empty());
        }
        if (trust.insecure()) {
            return new TlsState(true, false, Optional.of("certificate checks are turned off"));
        }
        Optional<String> problem = TlsSupport.certificateProblem(session);
        return new TlsState(true, problem.isEmpty(), problem);
    }

    /**
     * Why the session is not verified, in a few words; empty when it is.
     *
     * @return the reason, such as "the server's certificate is not trusted"
     */
    public Optional<String> shortfall() {
        if (verified) {
            return Optional.empty();
        }
        if (!encrypted) {
            return Optional.of("the connection is not encrypted");
        }
        return Optional.of("the TLS certificate was not verified (" + problem.orElse("unknown reason") + ")");
    }
}
