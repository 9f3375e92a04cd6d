package dev.sendmail.sts;

import java.util.Objects;

/**
 * An MTA-STS policy could not be fetched or was not valid. The kind maps onto the result types of a TLS report
 * (RFC 8460 section 4.3.2).
 */
public final class StsFetchException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The HTTPS server could not be reached, timed out, redirected, or did not answer 200 with text/plain. */
        FETCH_ERROR("sts-policy-fetch-error"),
        /** The policy body was not a valid STSv1 policy (or too large). */
        POLICY_INVALID("sts-policy-invalid"),
        /** The policy server's certificate did not verify for {@code mta-sts.DOMAIN}. */
        WEBPKI_INVALID("sts-webpki-invalid");

        private final String resultType;

        Kind(String resultType) {
            this.resultType = resultType;
        }

        /**
         * The result type a TLS report gives this failure.
         *
         * @return such as {@code sts-policy-fetch-error}
         */
        public String resultType() {
            return resultType;
        }
    }

    private final Kind kind;

    /**
     * A failure of one kind.
     *
     * @param kind what went wrong
     * @param message one line, naming the URL or the fault
     * @param cause the underlying exception, or null
     */
    public StsFetchException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * What went wrong.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }
}
