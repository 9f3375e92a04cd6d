package dev.sendmail.spi;

/**
 * What DNSSEC validation said about a DNS answer (RFC 4035 section 4.3), as a {@link Resolver} reports it on a
 * {@link MailRoute} or a {@link TxtAnswer}. A bogus answer is never returned as data: the lookup fails with a
 * transient {@link dev.sendmail.api.ResolutionFailedException}; {@link #BOGUS} exists for reports.
 */
public enum DnssecStatus {
    /** Validated: a chain of signatures from a trust anchor covers the answer (and every alias on the way). */
    SECURE,
    /** Validated as unsigned: the zone provably has no DNSSEC, so nothing more can be said. */
    INSECURE,
    /** Validation failed: signatures are missing, expired or wrong. The lookup fails (transient). */
    BOGUS,
    /** Not validated at all (validation is off, or the resolver cannot validate). */
    UNCHECKED;

    /**
     * The lower-case name used in {@code --plan} and JSON reports.
     *
     * @return such as {@code secure}
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
