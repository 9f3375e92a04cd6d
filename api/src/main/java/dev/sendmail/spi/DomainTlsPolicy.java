package dev.sendmail.spi;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.SendMailException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A recipient domain's published TLS policy (MTA-STS, {@code dev.sendmail.sts.StsTlsPolicy}), applied by the
 * {@link dev.sendmail.api.Sender} to each route it found in DNS before delivering: which hosts may be used, with
 * which {@link dev.sendmail.api.TlsRequirement}, and told how each TLS session went, for TLS reports.
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe: a Sender decides for several domains at once.
 */
public interface DomainTlsPolicy {

    /**
     * Applies the domain's policy to the route found for it. Never throws: a policy that cannot be found leaves
     * the route as it is (or, for a policy that forbids every host, {@link Decision#refusal()} says why).
     *
     * @param route the route from the resolver ({@link MailRoute.Kind#MX} or {@link MailRoute.Kind#IMPLICIT_MX};
     *        configured routes and smart hosts are never given)
     * @param deadline fetching the policy gives up at this instant
     * @return the decision
     */
    Decision decide(MailRoute route, Instant deadline);

    /** What the policy decided for one domain, and where the outcome of each session goes. */
    interface Decision {

        /**
         * The hosts to try, in order, each with the TLS requirement to enforce; when {@link #refusal()} is
         * present, the route found (no host is tried).
         *
         * @return the route
         */
        MailRoute route();

        /**
         * Lines for {@code --plan} and {@code --trace}: the policy found and what it does to the hosts, such as
         * {@code MTA-STS enforce (mx *.example.org, max_age 604800 s; fetched now (id 1))}.
         *
         * @return the lines; empty when there is nothing to say
         */
        List<String> notes();

        /**
         * Why no host may be used: the policy allows none of them. The recipients are deferred (the policy or the
         * DNS may change) and nothing is sent.
         *
         * @return the reason; empty when {@link #route()} may be tried
         */
        default Optional<String> refusal() {
            return Optional.empty();
        }

        /**
         * Whether {@code host}'s TLS requirement is only tested (MTA-STS {@code testing}): when a session fails
         * it, the failure is reported through {@link #sessionResult} and the host is tried again without the
         * requirement, as it would be without a policy.
         *
         * @param host a host of {@link #route()}
         * @return true to fall back after a failed requirement
         */
        default boolean reportOnly(MailHost host) {
            return false;
        }

        /**
         * How one attempt at a host of {@link #route()} went as far as TLS is concerned: called after the session
         * met the host's requirement (the transaction went ahead, whatever its replies) or failed it.
         *
         * @param host the host, with the requirement it was tried with
         * @param failure the {@link dev.sendmail.api.TlsFailedException} or other failure before the mail
         *        transaction; empty when the session was set up as required
         */
        default void sessionResult(MailHost host, Optional<SendMailException> failure) {
        }
    }
}
