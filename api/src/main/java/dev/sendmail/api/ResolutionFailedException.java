package dev.sendmail.api;

import java.util.Optional;

/** The mail hosts of a domain could not be found. */
public final class ResolutionFailedException extends SendMailException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** NXDOMAIN: the domain does not exist. Permanent. */
        NO_SUCH_DOMAIN(false),
        /** RFC 7505 null MX: the domain accepts no mail. Permanent. */
        NULL_MX(false),
        /** MX hosts exist but none has an address. Transient. */
        NO_ADDRESS(true),
        /** SERVFAIL, timeout, network error. Transient. */
        TEMPORARY(true),
        /** Anything else that will not change by waiting: a CNAME loop, a malformed answer. */
        PERMANENT(false),
        /**
         * The resolver in use cannot do this kind of lookup (for example TXT records from the {@code static}
         * resolver): a configuration problem, not an answer about the name. Permanent.
         */
        UNSUPPORTED(false);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }
    }

    private final Reason reason;
    private final String domain;

    /**
     * A resolution failure; transient or permanent as the reason says.
     *
     * @param domain the domain
     * @param reason why
     * @param what one line
     * @param cause the underlying exception, or null
     */
    public ResolutionFailedException(String domain, Reason reason, String what, Throwable cause) {
        super(describe(Optional.of(Phase.RESOLVE), domain + ": " + what, Optional.empty()),
                reason.transientFailure, Optional.empty(), Optional.of(Phase.RESOLVE), Optional.empty(), cause);
        this.reason = reason;
        this.domain = domain;
    }

    /**
     * Why the lookup failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The domain looked up.
     *
     * @return the domain
     */
    public String domain() {
        return domain;
    }
}
