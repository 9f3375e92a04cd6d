package dev.sendmail.sts;

import java.time.Instant;
import java.util.Objects;

/**
 * A policy as a sender keeps it: which domain it is for, the {@code id} of the TXT record it was fetched under,
 * and when it was fetched, from which its expiry follows ({@code fetched + max_age}).
 *
 * @param domain the policy domain, lower case
 * @param id the id of the {@code _mta-sts} TXT record when the policy was fetched
 * @param fetched when the policy was last fetched successfully
 * @param policy the policy
 */
public record CachedPolicy(String domain, String id, Instant fetched, StsPolicy policy) {

    /**
     * Checks the components.
     *
     * @param domain the policy domain, lower case
     * @param id the TXT record's id
     * @param fetched when the policy was fetched
     * @param policy the policy
     */
    public CachedPolicy {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(fetched, "fetched");
        Objects.requireNonNull(policy, "policy");
        new StsRecord(id);
    }

    /**
     * When the policy stops applying unless it is fetched again: {@code fetched} plus its {@code max_age}.
     *
     * @return the expiry
     */
    public Instant expires() {
        return fetched.plus(policy.maxAge());
    }

    /**
     * Whether the policy still applies at {@code now}.
     *
     * @param now the time
     * @return true before {@link #expires()}
     */
    public boolean isValidAt(Instant now) {
        return now.isBefore(expires());
    }
}
