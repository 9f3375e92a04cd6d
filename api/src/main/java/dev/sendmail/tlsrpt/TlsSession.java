package dev.sendmail.tlsrpt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one attempt to set up a TLS session with a receiving MX host under a published policy, as a
 * TLS report counts it (RFC 8460 section 4.4).
 *
 * @param policyType {@code sts}, {@code tlsa} or {@code no-policy-found}
 * @param policyDomain the recipient domain whose policy applied, lower case
 * @param policyString the policy, line by line (an MTA-STS policy's lines, or TLSA records as text)
 * @param mxHost the MX patterns of an MTA-STS policy; empty otherwise
 * @param receivingMx the MX host's name
 * @param receivingIp the address connected to, when known
 * @param resultType empty for a successful session; otherwise an RFC 8460 result type such as
 *        {@code certificate-host-mismatch}, {@code starttls-not-supported} or {@code validation-failure}
 * @param detail one line about a failure, for people (kept locally, not in the report)
 */
public record TlsSession(String policyType, String policyDomain, List<String> policyString, List<String> mxHost,
                         String receivingMx, Optional<String> receivingIp, Optional<String> resultType,
                         String detail) {

    /**
     * Checks the components; lists are copied. Text fields may not hold control characters.
     *
     * @param policyType {@code sts}, {@code tlsa} or {@code no-policy-found}
     * @param policyDomain the recipient domain
     * @param policyString the policy's lines
     * @param mxHost the MX patterns
     * @param receivingMx the MX host's name
     * @param receivingIp the address, when known
     * @param resultType empty for success, else the result type
     * @param detail one line about a failure
     */
    public TlsSession {
        Objects.requireNonNull(policyType, "policyType");
        Objects.requireNonNull(policyDomain, "policyDomain");
        Objects.requireNonNull(receivingMx, "receivingMx");
        Objects.requireNonNull(receivingIp, "receivingIp");
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(detail, "detail");
        policyString = List.copyOf(policyString);
        mxHost = List.copyOf(mxHost);
        if (!List.of("sts", "tlsa", "no-policy-found").contains(policyType)) {
            throw new IllegalArgumentException("policy type must be sts, tlsa or no-policy-found: " + policyType);
        }
    }

    /**
     * Whether the session met the policy.
     *
     * @return true when there is no result type
     */
    public boolean successful() {
        return resultType.isEmpty();
    }
}
