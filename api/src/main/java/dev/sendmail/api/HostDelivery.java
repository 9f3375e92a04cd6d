package dev.sendmail.api;

import dev.sendmail.spi.DomainTlsPolicy;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.TranscriptListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers one domain's recipients across that domain's hosts, in order: waits for a rate limit slot before each
 * transaction, retries a throttled host at a slower pace, moves on to the next host as {@link FailureRules} says,
 * and gives every recipient an outcome. Thread-safe (the {@link RateGate} is shared).
 */
final class HostDelivery {

    /** One try at one host: a mail transaction, or a verification. */
    @FunctionalInterface
    interface Attempt {
        DeliveryReport run(MailHost host, Envelope envelope, Instant end, boolean offerCredentials)
                throws SendMailException;
    }

    private final Routing routing;
    private final RateGate gate;
    private final TranscriptListener listener;
    private final Clock clock;
    private final Duration deadline;

    HostDelivery(Routing routing, RateGate gate, TranscriptListener listener, Clock clock, Duration deadline) {
        this.routing = routing;
        this.gate = gate;
        this.listener = listener;
        this.clock = clock;
        this.deadline = deadline;
    }

    /**
     * @param ignoreTlsPolicy the message says {@code TLS-Required: No}: the domain's TLS policy is not applied and
     *        the hosts' own TLS requirements (DANE) are dropped, leaving opportunistic TLS (RFC 8689 section 5)
     */
    Map<Mailbox, RecipientOutcome> deliver(Routing.Group g, Envelope envelope, Attempt attempt, Instant end,
                                           boolean ignoreTlsPolicy) {
        Map<Mailbox, RecipientOutcome> done = new HashMap<>();
        MailRoute route;
        try {
            route = routing.route(g);
        } catch (ResolutionFailedException e) {
            for (Mailbox r : g.recipients()) {
                done.put(r, RecipientOutcome.of(r, e));
            }
            return done;
        }
        Optional<DomainTlsPolicy.Decision> decision = ignoreTlsPolicy ? Optional.empty() : routing.decide(route, end);
        if (ignoreTlsPolicy && route.hosts().stream().anyMatch(h -> h.tlsRequirement().requiresTls()
                || routing.hasTlsPolicy())) {
            listener.note(g.domain(), "TLS-Required: No: the domain's TLS policies (MTA-STS, DANE) are not applied "
                    + "to this message; opportunistic TLS");
            List<MailHost> hosts = new ArrayList<>();
            for (MailHost h : route.hosts()) {
                hosts.add(h.withTlsRequirement(TlsRequirement.OPPORTUNISTIC));
            }
            route = new MailRoute(route.domain(), route.kind(), hosts, route.dnssec());
        }
        if (decision.isPresent()) {
            for (String n : decision.get().notes()) {
                listener.note(g.domain(), n);
            }
            if (decision.get().refusal().isPresent()) {
                TlsFailedException e = new TlsFailedException(decision.get().refusal().get(), true, Optional.empty(),
                        Phase.CONNECT, g.domain(), null);
                for (Mailbox r : g.recipients()) {
                    done.put(r, RecipientOutcome.of(r, e));
                }
                return done;
            }
            route = decision.get().route();
            attempt = new PolicyAttempt(decision.get(), attempt, listener);
        }
        List<Mailbox> pending = new ArrayList<>(g.recipients());
        boolean offerCredentials = routing.offersCredentials(g);
        SendMailException lastTransient = null;
        SendMailException lastPermanent = null;
        MailHost lastHost = null;
        for (MailHost host : route.hosts()) {
            if (pending.isEmpty()) {
                break;
            }
            if (!clock.instant().isBefore(end)) {
                lastTransient = new ConnectionFailedException("deadline of " + deadline.toSeconds()
                        + " s passed before trying this host", Phase.CONNECT, host.name(), null);
                break;
            }
            for (int throttles = 0; ; throttles++) {
                Optional<Instant> started;
                try {
                    started = gate.acquire(host.name(), end);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    lastTransient = new ConnectionFailedException("interrupted while waiting for the rate limit",
                            Phase.CONNECT, host.name(), e);
                    break;
                }
                if (started.isEmpty()) {
                    lastTransient = new ConnectionFailedException("rate limit: the next slot at this host comes "
                            + "after the deadline", Phase.CONNECT, host.name(), null);
                    listener.note(host.name(), lastTransient.getMessage() + "; trying the next host");
                    break;
                }
                boolean retry = throttles < Sender.MAX_THROTTLE_RETRIES;
                try {
                    lastHost = host;
                    DeliveryReport report = attempt.run(host, envelope.withRecipients(pending), end,
                            offerCredentials);
                    List<Mailbox> again = new ArrayList<>();
                    List<Mailbox> nextHost = new ArrayList<>();
                    SmtpReply throttleReply = null;
                    for (RecipientOutcome o : report.outcomes()) {
                        done.put(o.recipient(), withRule(o, host));
                        if (o.status() != DeliveryStatus.DEFERRED) {
                            continue;
                        }
                        if (retry && o.failure().isPresent() && FailureRules.isThrottle(o.failure().get())) {
                            again.add(o.recipient());
                            throttleReply = o.failure().get().reply().orElseThrow();
                            lastTransient = o.failure().get();
                        } else if (FailureRules.isWholeTransaction(o.phase())) {
                            nextHost.add(o.recipient());
                            lastTransient = o.failure().orElse(lastTransient);
                        }
                    }
                    if (!again.isEmpty()) {
                        slowDown(host, started.get(), throttleReply);
                        pending.retainAll(again);
                        continue;
                    }
                    pending.retainAll(nextHost);
                    if (!pending.isEmpty()) {
                        listener.note(host.name(), "whole transaction deferred; trying the next host");
                    }
                } catch (SendMailException e) {
                    if (retry && FailureRules.isThrottle(e)) {
                        lastTransient = e;
                        slowDown(host, started.get(), e.reply().orElseThrow());
                        continue;
                    }
                    if (!FailureRules.tryNextHost(e)) {
                        for (Mailbox r : pending) {
                            done.put(r, withRule(RecipientOutcome.of(r, e), host));
                        }
                        pending.clear();
                        break;
                    }
                    listener.note(host.name(), e.getMessage() + "; trying the next host");
                    if (e.isTransient()) {
                        lastTransient = e;
                    } else {
                        lastPermanent = e;
                    }
                }
                break;
            }
        }
        if (!pending.isEmpty()) {
            SendMailException last = lastTransient != null ? lastTransient : lastPermanent;
            if (last == null) {
                last = new ConnectionFailedException("no host could be tried", Phase.CONNECT, null, null);
            }
            for (Mailbox r : pending) {
                RecipientOutcome o = RecipientOutcome.of(r, last);
                done.put(r, lastHost != null && last.host().equals(Optional.of(lastHost.name()))
                        ? withRule(o, lastHost) : o);
            }
        }
        return done;
    }

    /** The outcome with the TLS rule of {@code host}, when it has one (for reports: which rule decided it). */
    private static RecipientOutcome withRule(RecipientOutcome o, MailHost host) {
        if (o.tlsRule().isPresent()) {
            return o;  // the attempt knew better (a rule only tested, then dropped: MTA-STS testing)
        }
        return host.tlsRequirement().requiresTls() ? o.withTlsRule(host.tlsRequirement().rule()) : o;
    }

    private void slowDown(MailHost host, Instant started, SmtpReply reply) {
        Optional<Duration> slower = gate.throttled(host.name(), started);
        String pace = slower.map(d -> "; slowing down to one transaction every " + d.toMillis() + " ms at this host")
                .orElse("; already slowed down");
        listener.note(host.name(), "throttled (" + reply + ")" + pace + ", retrying when the next slot comes");
    }
}
