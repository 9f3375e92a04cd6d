package dev.sendmail.api;

import dev.sendmail.spi.ProbeResult;
import dev.sendmail.spi.Transport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One host of a route plan probed ({@code send-mail --probe}): what {@link Transport#probe} saw of it (greeting,
 * EHLO capabilities, TLS), or why the probe failed. {@link PlanDescription} writes it as text and as JSON.
 * Immutable.
 *
 * @param domain the domain whose route the host is on
 * @param host the host probed
 * @param result what the probe saw; empty when it failed
 * @param failure why the probe failed; empty when it did not
 */
public record HostProbe(String domain, MailHost host, Optional<ProbeResult> result,
                        Optional<SendMailException> failure) {

    /**
     * Checks that exactly one of {@code result} and {@code failure} is present.
     *
     * @param domain the domain whose route the host is on
     * @param host the host probed
     * @param result what the probe saw
     * @param failure why the probe failed
     */
    public HostProbe {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(host, "host");
        if (result.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a probe has either a result or a failure");
        }
    }

    /**
     * Probes every host of {@code plan}'s route, in the order they would be tried: each connects, reads the
     * greeting and capabilities and quits, without sending mail. A host that fails does not stop the others.
     *
     * @param transport probes each host
     * @param plan the plan; one without a route ({@link Sender.RoutePlan#failure()}) has no host to probe
     * @param deadline when each probe gives up
     * @return one probe per host, in route order; empty without a route
     */
    public static List<HostProbe> each(Transport transport, Sender.RoutePlan plan, Instant deadline) {
        List<HostProbe> out = new ArrayList<>();
        for (MailHost h : plan.route().map(r -> r.hosts()).orElse(List.of())) {
            out.add(of(transport, plan.domain(), h, deadline));
        }
        return out;
    }

    /**
     * Probes one host: connects, reads the greeting and capabilities and quits, without sending mail. For a
     * caller that shows each host's probe as soon as it is done instead of after the whole route ({@link #each}).
     *
     * @param transport probes the host
     * @param domain the recipient domain whose route holds the host
     * @param host the host
     * @param deadline when the probe gives up
     * @return the probe, with its result or its failure
     */
    public static HostProbe of(Transport transport, String domain, MailHost host, Instant deadline) {
        try {
            return new HostProbe(domain, host, Optional.of(transport.probe(host, deadline)), Optional.empty());
        } catch (SendMailException e) {
            return new HostProbe(domain, host, Optional.empty(), Optional.of(e));
        }
    }
}
