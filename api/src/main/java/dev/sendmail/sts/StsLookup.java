package dev.sendmail.sts;

import java.util.Objects;
import java.util.Optional;

/**
 * The MTA-STS policy that applies to one recipient domain now, and how it was found.
 *
 * @param domain the recipient domain, lower case
 * @param policy the policy to apply; empty when the domain has none (or none could be found and none was cached)
 * @param how one line for {@code --plan} and {@code --trace}, such as
 *        {@code fetched now (id 20260101)} or {@code cached (id 20260101; the fetch failed: ...)}
 * @param failure why the policy could not be fetched, when a fetch was tried and failed (for TLS reports)
 */
public record StsLookup(String domain, Optional<CachedPolicy> policy, String how, Optional<StsFetchException> failure) {

    /**
     * Checks the components.
     *
     * @param domain the recipient domain
     * @param policy the policy to apply
     * @param how one line
     * @param failure the fetch failure
     */
    public StsLookup {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(failure, "failure");
    }

    /**
     * The mode to act on: the policy's, or {@link StsMode#NONE} without a policy.
     *
     * @return the mode
     */
    public StsMode mode() {
        return policy.map(p -> p.policy().mode()).orElse(StsMode.NONE);
    }
}
