package dev.sendmail.api;

import dev.sendmail.spi.DomainTlsPolicy;
import dev.sendmail.spi.EtrnResult;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.TranscriptListener;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TransportProvider;
import dev.sendmail.spi.VerifyRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Routes a message and reports every recipient's outcome. Two modes: everything through one smart host, or
 * direct delivery, where recipients are grouped by domain, each domain's hosts come from the {@link Resolver}
 * (or a configured route) and are tried in order. Domains are delivered concurrently, up to a bound. A transport
 * that delivers locally (its provider's {@link TransportProvider#usesNetwork()} is false) needs neither.
 *
 * <p>Host iteration and retry live here, not in transports. A host is abandoned for the next one on a
 * connection failure, any failure before MAIL (greeting, EHLO, TLS), a protocol violation, or a 4xx for the
 * whole transaction. A 5xx for a recipient is final for that recipient; a 5xx for the whole transaction is
 * final for every recipient in it.
 *
 * <p>Before each transaction the Sender waits for a slot at that host: at most the {@link RateLimit} given to
 * the builder (or in the {@link TransportSettings}), shared by every thread using this Sender and, through its
 * state file, by other processes. A host that answers {@code 421}/{@code 451}/{@code 454} saying "rate" or
 * "throttl" is slowed down (its rate halved, recovering slowly) and the throttled recipients are retried there at
 * the slower pace, up to {@value #MAX_THROTTLE_RETRIES} times while the deadline allows; then the next host is
 * tried, and what is left is deferred, never failed. The listener is told each slowdown.
 *
 * <p>The transport's credentials are offered only to the smart host and to routes added with
 * {@link Builder#routeWithCredentials}; never to a host found by the resolver.
 *
 * <p><b>Thread safety:</b> a Sender is immutable and thread-safe; one instance can serve a whole application,
 * and {@code send}, {@link #sendAsync} and {@link #sendAll} may be called from many threads at once.
 *
 * <p><b>Ownership:</b> a {@link Transport} or {@link Resolver} handed to the builder stays the caller's: the
 * Sender never closes it, and the caller closes it after the last send. A transport the builder created from a
 * provider ({@link Builder#transport(TransportProvider, TransportSettings)}) belongs to the Sender and is closed
 * by {@link #close()}, which also stops the default executor's threads. An executor given to the builder stays
 * the caller's.
 */
public final class Sender implements AutoCloseable {

    /** Where mail for a local transport (file, memory) is said to go: it ignores the host. */
    private static final MailHost LOCAL = MailHost.of("localhost");

    private final Transport transport;
    private final boolean ownsTransport;
    private final Optional<MailRoute> smartHost;
    private final Optional<Resolver> resolver;
    private final Map<String, MailHost> routes;
    private final Set<String> routesWithCredentials;
    private final OptionalInt mxPort;
    private final int concurrency;
    private final Duration deadline;
    private final Clock clock;
    private final TranscriptListener listener;
    private final Optional<DomainTlsPolicy> tlsPolicy;
    private final Optional<MessageSigner> signer;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final int messageConcurrency;
    private final RateGate gate;
    private final Map<String, Sender> senderRoutes;

    private Sender(Builder b) {
        this.transport = Objects.requireNonNull(b.transport, "a transport is required");
        this.ownsTransport = b.ownsTransport;
        if (b.smartHost == null && b.resolver == null && b.routes.isEmpty()) {
            if (b.usesNetwork) {
                throw new IllegalStateException("a Sender with a network transport needs to know where mail goes: "
                        + "add smartHost(MailHost) to relay through one server, resolver(Resolver) for direct "
                        + "delivery to each domain's MX hosts (resolver-dns provides one), or route(domain, host)");
            }
            this.smartHost = Optional.of(new MailRoute("*", MailRoute.Kind.STATIC, List.of(LOCAL)));
        } else {
            this.smartHost = Optional.ofNullable(b.smartHost);
        }
        this.resolver = Optional.ofNullable(b.resolver);
        this.routes = Map.copyOf(b.routes);
        this.routesWithCredentials = Set.copyOf(b.routesWithCredentials);
        this.mxPort = b.mxPort;
        this.concurrency = b.concurrency;
        this.deadline = b.deadline;
        this.clock = b.clock;
        this.listener = b.listener;
        this.tlsPolicy = Optional.ofNullable(b.tlsPolicy);
        this.signer = Optional.ofNullable(b.signer);
        this.messageConcurrency = b.messageConcurrency;
        this.senderRoutes = Map.copyOf(b.senderRoutes);
        TranscriptListener notes = b.listener;
        this.gate = new RateGate(Optional.ofNullable(b.rateLimit), b.clock,
                b.sleeper != null ? b.sleeper : RateGate.sleeper(b.clock), text -> notes.note("rate", text));
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownExecutor = null;
        } else {
            this.ownExecutor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "send-mail-async");
                t.setDaemon(true);
                return t;
            });
            this.executor = ownExecutor;
        }
    }

    /**
     * Starts a new Sender.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Delivers a message built with {@link Message#builder()} or read with {@link Message#parse}, with the
     * default delivery options.
     *
     * @param message the message
     * @return one outcome per recipient, in envelope order; never throws for a delivery failure
     */
    public DeliveryReport send(Message message) {
        return send(message, DeliveryOptions.DEFAULT);
    }

    /**
     * Delivers a message with the given options (DSN, TLS requirement).
     *
     * @param message the message
     * @param options per-message options
     * @return one outcome per recipient, in envelope order; never throws for a delivery failure
     */
    public DeliveryReport send(Message message, DeliveryOptions options) {
        return send(message.envelope(), message.content(), options);
    }

    /**
     * Delivers a message on the executor given to the builder (by default, threads of this Sender).
     *
     * @param message the message
     * @return completes with the report; completes exceptionally only for a bug or a rejected task, never for a
     *         delivery failure
     */
    public CompletableFuture<DeliveryReport> sendAsync(Message message) {
        Objects.requireNonNull(message, "message");
        return CompletableFuture.supplyAsync(() -> send(message), executor);
    }

    /**
     * Delivers many messages, at most {@link Builder#messageConcurrency(int)} at once, and waits for all of them.
     * The messages are taken from {@code messages} as earlier ones finish, so a long or lazy sequence is fine.
     *
     * @param messages the messages
     * @return one report per message, in the order of {@code messages}; a message that could not be tried (the
     *         calling thread was interrupted) has every recipient deferred
     */
    public List<DeliveryReport> sendAll(Iterable<Message> messages) {
        Semaphore permits = new Semaphore(messageConcurrency);
        List<Message> taken = new ArrayList<>();
        List<CompletableFuture<DeliveryReport>> futures = new ArrayList<>();
        boolean interrupted = false;
        for (Message m : messages) {
            taken.add(m);
            if (!interrupted) {
                try {
                    permits.acquire();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                futures.add(CompletableFuture.completedFuture(notTried(m, "interrupted before this message was sent")));
                continue;
            }
            CompletableFuture<DeliveryReport> f;
            try {
                f = CompletableFuture.supplyAsync(() -> send(m), executor);
            } catch (RuntimeException e) {
                permits.release();
                f = CompletableFuture.completedFuture(notTried(m, "the executor refused the task: " + e));
            }
            futures.add(f.whenComplete((r, t) -> permits.release()));
        }
        List<DeliveryReport> reports = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            Message m = taken.get(i);
            reports.add(futures.get(i).handle((r, t) -> r != null ? r
                    : new DeliveryReport(List.copyOf(unexpected(m.envelope().recipients(), t).values()))).join());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return reports;
    }

    private DeliveryReport notTried(Message m, String why) {
        ConnectionFailedException e = new ConnectionFailedException(why, null, null, null);
        return new DeliveryReport(m.envelope().recipients().stream().map(r -> RecipientOutcome.of(r, e)).toList());
    }

    /**
     * Closes what this Sender owns: a transport the builder created from a provider, and the default executor.
     * A transport, resolver or executor given to the builder is left open.
     */
    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    /**
     * Delivers {@code content} to every recipient of {@code envelope}.
     *
     * @return one outcome per recipient, in envelope order; never throws for a delivery failure
     * @param envelope the sender and recipients
     * @param content the message
     * @param options per-message options
     */
    public DeliveryReport send(Envelope envelope, MessageContent content, DeliveryOptions options) {
        return routeFor(envelope).orElse(this).sendHere(envelope, content, options);
    }

    private DeliveryReport sendHere(Envelope envelope, MessageContent content, DeliveryOptions options) {
        Instant end = clock.instant().plus(deadline);
        if (signer.isPresent()) {
            try {
                content = signer.get().sign(content);
            } catch (IOException | RuntimeException e) {
                LocalPolicyException failure = new LocalPolicyException("not signed: " + e.getMessage(), null, null);
                List<RecipientOutcome> failed = new ArrayList<>();
                for (Mailbox r : envelope.recipients()) {
                    failed.add(RecipientOutcome.of(r, failure));
                }
                return new DeliveryReport(failed);
            }
        }
        final MessageContent signed = content;
        final boolean optOut = smartHost.isEmpty() && !options.requireTls() && tlsRequiredNo(signed);
        List<Group> groups = group(envelope);
        Map<Mailbox, RecipientOutcome> outcomes = new HashMap<>();
        if (groups.size() == 1 || concurrency == 1) {
            for (Group g : groups) {
                try {
                    outcomes.putAll(deliver(g, envelope, sending(signed, options), end, optOut));
                } catch (RuntimeException e) {
                    // the same as on the concurrent path: a bug in a transport defers, it does not escape
                    outcomes.putAll(unexpected(g.recipients(), e));
                }
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, groups.size()), r -> {
                Thread t = new Thread(r, "send-mail-domain");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Map<Mailbox, RecipientOutcome>>> futures = new ArrayList<>();
                for (Group g : groups) {
                    futures.add(pool.submit(() -> deliver(g, envelope, sending(signed, options), end, optOut)));
                }
                for (int i = 0; i < futures.size(); i++) {
                    try {
                        outcomes.putAll(futures.get(i).get());
                    } catch (ExecutionException e) {
                        outcomes.putAll(unexpected(groups.get(i).recipients(), e.getCause()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        outcomes.putAll(unexpected(groups.get(i).recipients(), e));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<RecipientOutcome> ordered = new ArrayList<>();
        for (Mailbox r : envelope.recipients()) {
            ordered.add(outcomes.get(r));
        }
        return new DeliveryReport(ordered);
    }

    /**
     * Where each recipient's mail would go, without connecting anywhere: one entry per domain (one entry in
     * all with a smart host).
     *
     * @param envelope the recipients to route
     * @return one plan per domain
     */
    public List<RoutePlan> plan(Envelope envelope) {
        return routeFor(envelope).orElse(this).planHere(envelope);
    }

    private List<RoutePlan> planHere(Envelope envelope) {
        List<RoutePlan> plans = new ArrayList<>();
        for (Group g : group(envelope)) {
            try {
                MailRoute found = route(g);
                Optional<DomainTlsPolicy.Decision> d = decide(found, clock.instant().plus(deadline));
                plans.add(new RoutePlan(g.domain, g.recipients, Optional.of(d.map(DomainTlsPolicy.Decision::route)
                        .orElse(found)), Optional.empty(), d.map(DomainTlsPolicy.Decision::notes).orElse(List.of()),
                        d.flatMap(DomainTlsPolicy.Decision::refusal)));
            } catch (ResolutionFailedException e) {
                plans.add(new RoutePlan(g.domain, g.recipients, Optional.empty(), Optional.of(e)));
            }
        }
        return plans;
    }

    /**
     * The route for one domain, or its failure.
     *
     * @param domain the domain (ASCII) or address literal
     * @param recipients the recipients at that domain
     * @param route the hosts in order, when found, each with its TLS requirement
     * @param failure why there is no route
     * @param tlsPolicy what the domain's TLS policy (MTA-STS) says, line by line; empty without one
     * @param refusal why no host may be used although hosts were found (the policy allows none of them)
     */
    public record RoutePlan(String domain, List<Mailbox> recipients, Optional<MailRoute> route,
                            Optional<ResolutionFailedException> failure, List<String> tlsPolicy,
                            Optional<String> refusal) {

        /**
         * Checks the components; lists are copied.
         *
         * @param domain the domain (ASCII) or address literal
         * @param recipients the recipients at that domain
         * @param route the hosts in order, when found
         * @param failure why there is no route
         * @param tlsPolicy what the domain's TLS policy says
         * @param refusal why no host may be used
         */
        public RoutePlan {
            recipients = List.copyOf(recipients);
            tlsPolicy = List.copyOf(tlsPolicy);
        }

        /**
         * A plan without a TLS policy.
         *
         * @param domain the domain (ASCII) or address literal
         * @param recipients the recipients at that domain
         * @param route the hosts in order, when found
         * @param failure why there is no route
         */
        public RoutePlan(String domain, List<Mailbox> recipients, Optional<MailRoute> route,
                         Optional<ResolutionFailedException> failure) {
            this(domain, recipients, route, failure, List.of(), Optional.empty());
        }
    }

    /**
     * The Sender that {@link Builder#senderRoute} chose for this envelope's sender: its address, else its domain;
     * empty for the null sender or no match (this Sender delivers).
     *
     * @param envelope the envelope
     * @return the routed Sender, if any
     */
    public Optional<Sender> routeFor(Envelope envelope) {
        if (senderRoutes.isEmpty() || envelope.sender().isEmpty()) {
            return Optional.empty();
        }
        Mailbox from = envelope.sender().get();
        Sender s = senderRoutes.get(from.address().toLowerCase(Locale.ROOT));
        if (s == null) {
            s = senderRoutes.get(from.domain().toLowerCase(Locale.ROOT));
        }
        return Optional.ofNullable(s);
    }

    // ---------------------------------------------------------------------------------------------

    private record Group(String domain, List<Mailbox> recipients, Optional<Mailbox> literal) {
    }

    private List<Group> group(Envelope envelope) {
        if (smartHost.isPresent()) {
            return List.of(new Group("*", envelope.recipients(), Optional.empty()));
        }
        Map<String, List<Mailbox>> byDomain = new LinkedHashMap<>();
        Map<String, Mailbox> literals = new HashMap<>();
        for (Mailbox r : envelope.recipients()) {
            String d = r.domain().toLowerCase(Locale.ROOT);
            byDomain.computeIfAbsent(d, k -> new ArrayList<>()).add(r);
            if (r.isAddressLiteral()) {
                literals.put(d, r);
            }
        }
        List<Group> groups = new ArrayList<>();
        byDomain.forEach((d, list) -> groups.add(new Group(d, List.copyOf(list), Optional.ofNullable(literals.get(d)))));
        return groups;
    }

    private MailRoute route(Group g) throws ResolutionFailedException {
        if (smartHost.isPresent()) {
            return smartHost.get();
        }
        MailHost configured = routes.get(g.domain);
        if (configured != null) {
            return new MailRoute(g.domain, MailRoute.Kind.STATIC, List.of(configured));
        }
        MailRoute found;
        if (g.literal.isPresent()) {
            InetAddress a = g.literal.get().literalAddress().orElseThrow();
            found = new MailRoute(g.domain, MailRoute.Kind.ADDRESS_LITERAL,
                    List.of(new MailHost(a.getHostAddress(), OptionalInt.empty(), List.of(a), -1)));
        } else if (resolver.isPresent()) {
            found = resolver.get().resolve(g.domain);
        } else {
            throw new ResolutionFailedException(g.domain, ResolutionFailedException.Reason.PERMANENT,
                    "no route for this domain and no resolver configured", null);
        }
        if (mxPort.isEmpty()) {
            return found;
        }
        List<MailHost> hosts = new ArrayList<>();
        for (MailHost h : found.hosts()) {
            hosts.add(h.port().isPresent() ? h : h.withPort(mxPort.getAsInt()));
        }
        return new MailRoute(found.domain(), found.kind(), hosts, found.dnssec());
    }

    /** Whether the message says {@code TLS-Required: No}; a message that cannot be read says nothing. */
    private static boolean tlsRequiredNo(MessageContent content) {
        try {
            return TlsRequiredField.saysNo(content);
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            return false;
        }
    }

    /** The domain TLS policy's decision for a route the resolver found; empty for other routes or no policy. */
    private Optional<DomainTlsPolicy.Decision> decide(MailRoute route, Instant end) {
        if (tlsPolicy.isEmpty() || smartHost.isPresent()
                || (route.kind() != MailRoute.Kind.MX && route.kind() != MailRoute.Kind.IMPLICIT_MX)) {
            return Optional.empty();
        }
        return Optional.of(tlsPolicy.get().decide(route, end));
    }

    /** One try at one host: a mail transaction, or a verification. */
    @FunctionalInterface
    interface Attempt {
        DeliveryReport run(MailHost host, Envelope envelope, Instant end, boolean offerCredentials)
                throws SendMailException;
    }

    private Attempt sending(MessageContent content, DeliveryOptions options) {
        return (host, env, end, offer) -> transport.send(new SendRequest(host, env, content, options, end, offer));
    }

    /**
     * Checks every recipient of {@code envelope} without sending mail ({@code -bv}): each domain's route is found
     * as for {@link #send}, and each host is asked with MAIL FROM and RCPT TO, then RSET, never DATA. Hosts are
     * tried in order as for sending; the domains are checked one after another.
     *
     * @param vrfy ask with VRFY first where the server offers it
     * @return one outcome per recipient, in envelope order: {@link DeliveryStatus#DELIVERED} means deliverable
     *         (the server accepted the recipient), {@code FAILED} undeliverable, {@code DEFERRED} unknown
     * @param envelope the sender and the recipients to check
     */
    public DeliveryReport verify(Envelope envelope, boolean vrfy) {
        return routeFor(envelope).orElse(this).verifyHere(envelope, vrfy);
    }

    private DeliveryReport verifyHere(Envelope envelope, boolean vrfy) {
        Instant end = clock.instant().plus(deadline);
        Attempt attempt = (host, env, until, offer) -> transport.verify(new VerifyRequest(host, env, vrfy, until,
                offer));
        Map<Mailbox, RecipientOutcome> outcomes = new HashMap<>();
        for (Group g : group(envelope)) {
            try {
                outcomes.putAll(deliver(g, envelope, attempt, end, false));
            } catch (RuntimeException e) {
                outcomes.putAll(unexpected(g, e));
            }
        }
        List<RecipientOutcome> ordered = new ArrayList<>();
        for (Mailbox r : envelope.recipients()) {
            ordered.add(outcomes.get(r));
        }
        return new DeliveryReport(ordered);
    }

    /**
     * Sends ETRN for {@code node} to the smart host ({@code --etrn}), trying the next host of its route when one
     * cannot be reached or fails before ETRN is answered.
     *
     * @return the first answer to ETRN, whatever its code
     * @throws SendMailException the last host's failure when no host answered ETRN
     * @throws IllegalStateException when this sender has no smart host
     * @param node the domain or queue
     */
    public EtrnResult etrn(EtrnNode node) throws SendMailException {
        if (smartHost.isEmpty()) {
            throw new IllegalStateException("ETRN needs a smart host");
        }
        Instant end = clock.instant().plus(deadline);
        SendMailException last = null;
        for (MailHost host : route(new Group("*", List.of(), Optional.empty())).hosts()) {
            try {
                return transport.etrn(host, node, end);
            } catch (SendMailException e) {
                if (!tryNextHost(e)) {
                    throw e;
                }
                listener.note(host.name(), e.getMessage() + "; trying the next host");
                last = e;
            }
        }
        throw last;
    }

    /**
     * @param ignoreTlsPolicy the message says {@code TLS-Required: No}: the domain's TLS policy is not applied and
     *        the hosts' own TLS requirements (DANE) are dropped, leaving opportunistic TLS (RFC 8689 section 5)
     */
    private Map<Mailbox, RecipientOutcome> deliver(Group g, Envelope envelope, Attempt attempt, Instant end,
                                                   boolean ignoreTlsPolicy) {
        Map<Mailbox, RecipientOutcome> done = new HashMap<>();
        MailRoute route;
        try {
            route = route(g);
        } catch (ResolutionFailedException e) {
            for (Mailbox r : g.recipients) {
                done.put(r, RecipientOutcome.of(r, e));
            }
            return done;
        }
        Optional<DomainTlsPolicy.Decision> decision = ignoreTlsPolicy ? Optional.empty() : decide(route, end);
        if (ignoreTlsPolicy && route.hosts().stream().anyMatch(h -> h.tlsRequirement().requiresTls()
                || tlsPolicy.isPresent())) {
            listener.note(g.domain, "TLS-Required: No: the domain's TLS policies (MTA-STS, DANE) are not applied to "
                    + "this message; opportunistic TLS");
            List<MailHost> hosts = new ArrayList<>();
            for (MailHost h : route.hosts()) {
                hosts.add(h.withTlsRequirement(TlsRequirement.OPPORTUNISTIC));
            }
            route = new MailRoute(route.domain(), route.kind(), hosts, route.dnssec());
        }
        if (decision.isPresent()) {
            for (String n : decision.get().notes()) {
                listener.note(g.domain, n);
            }
            if (decision.get().refusal().isPresent()) {
                TlsFailedException e = new TlsFailedException(decision.get().refusal().get(), true, Optional.empty(),
                        Phase.CONNECT, g.domain, null);
                for (Mailbox r : g.recipients) {
                    done.put(r, RecipientOutcome.of(r, e));
                }
                return done;
            }
            route = decision.get().route();
            attempt = new PolicyAttempt(decision.get(), attempt, listener);
        }
        List<Mailbox> pending = new ArrayList<>(g.recipients);
        boolean offerCredentials = smartHost.isPresent() || routesWithCredentials.contains(g.domain);
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
                boolean retry = throttles < MAX_THROTTLE_RETRIES;
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
                        if (retry && o.failure().isPresent() && isThrottle(o.failure().get())) {
                            again.add(o.recipient());
                            throttleReply = o.failure().get().reply().orElseThrow();
                            lastTransient = o.failure().get();
                        } else if (isWholeTransaction(o.phase())) {
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
                    if (retry && isThrottle(e)) {
                        lastTransient = e;
                        slowDown(host, started.get(), e.reply().orElseThrow());
                        continue;
                    }
                    if (!tryNextHost(e)) {
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

    /** A throttled message is retried at the same host at most this many times, then the next host is tried. */
    public static final int MAX_THROTTLE_RETRIES = 12;

    private void slowDown(MailHost host, Instant started, SmtpReply reply) {
        Optional<Duration> slower = gate.throttled(host.name(), started);
        String pace = slower.map(d -> "; slowing down to one transaction every " + d.toMillis() + " ms at this host")
                .orElse("; already slowed down");
        listener.note(host.name(), "throttled (" + reply + ")" + pace + ", retrying when the next slot comes");
    }

    /**
     * Whether a failure is a server asking us to send more slowly: {@code 421}, {@code 451} or {@code 454} with
     * text that says "rate" (as a word start) or "throttl".
     */
    static boolean isThrottle(SendMailException e) {
        if (e.reply().isEmpty()) {
            return false;
        }
        SmtpReply r = e.reply().get();
        if (r.code() != 421 && r.code() != 451 && r.code() != 454) {
            return false;
        }
        String text = r.text().toLowerCase(Locale.ROOT);
        return text.contains("throttl") || THROTTLE_WORD.matcher(text).find();
    }

    private static final java.util.regex.Pattern THROTTLE_WORD = java.util.regex.Pattern.compile("\\brate");

    private static boolean isWholeTransaction(Optional<Phase> phase) {
        return phase.isPresent() && phase.get() != Phase.RCPT;
    }

    /** Whether a whole-transaction failure at one host sends us to the next host. */
    static boolean tryNextHost(SendMailException e) {
        if (e instanceof ConnectionFailedException || e instanceof TlsFailedException
                || e instanceof ProtocolViolationException) {
            return true;
        }
        if (e instanceof LocalPolicyException l && l.serverLacks() && l.phase().orElse(null) == Phase.STARTTLS) {
            return true;  // a message that requires TLS: the next host may offer a verified session
        }
        if (e instanceof SmtpRejectedException r) {
            Phase p = r.phase().orElse(Phase.MAIL);
            boolean beforeMail = p == Phase.CONNECT || p == Phase.GREETING || p == Phase.EHLO
                    || p == Phase.STARTTLS;
            return beforeMail || r.isTransient();
        }
        return false;
    }

    private static Map<Mailbox, RecipientOutcome> unexpected(Group g, Throwable t) {
        return unexpected(g.recipients(), t);
    }

    private static Map<Mailbox, RecipientOutcome> unexpected(List<Mailbox> recipients, Throwable t) {
        Map<Mailbox, RecipientOutcome> map = new LinkedHashMap<>();
        ConnectionFailedException e = new ConnectionFailedException("internal error: " + t, null, null, t);
        for (Mailbox r : recipients) {
            map.put(r, RecipientOutcome.of(r, e));
        }
        return map;
    }

    /** Builds a {@link Sender}. */
    public static final class Builder {
        private Transport transport;
        private boolean ownsTransport;
        private boolean usesNetwork = true;
        private Executor executor;
        private int messageConcurrency = 4;
        private MailRoute smartHost;
        private Resolver resolver;
        private final Map<String, MailHost> routes = new HashMap<>();
        private final Set<String> routesWithCredentials = new HashSet<>();
        private OptionalInt mxPort = OptionalInt.empty();
        private int concurrency = 4;
        private Duration deadline = Duration.ofMinutes(30);
        private Clock clock = Clock.systemUTC();
        private TranscriptListener listener = TranscriptListener.NONE;
        private DomainTlsPolicy tlsPolicy;
        private MessageSigner signer;
        private RateLimit rateLimit;
        private boolean rateLimitChosen;
        private RateGate.Sleeper sleeper;
        private final Map<String, Sender> senderRoutes = new HashMap<>();

        private Builder() {
        }

        /**
         * Sender-dependent relaying (Postfix's {@code sender_dependent_relayhost_maps}): mail whose envelope sender
         * is {@code addressOrDomain} (an address) or is at that domain (no {@code @}) is handed whole to
         * {@code via}, with its relay hosts, its transport's credentials, its signer (DKIM key) and its rate
         * limit. An address outranks its domain. Mail from other senders, and from the null sender, is delivered
         * by the Sender being built. {@code via} stays the caller's to close, and its own sender routes are not
         * consulted again.
         *
         * @param addressOrDomain {@code me@example.org} or {@code example.org} (compared without case)
         * @param via the Sender for that identity
         * @return this builder
         * @throws IllegalArgumentException when the address or domain is not valid
         */
        public Builder senderRoute(String addressOrDomain, Sender via) {
            Objects.requireNonNull(via, "via");
            String key = addressOrDomain.contains("@") ? Mailbox.parse(addressOrDomain).address()
                    : Mailbox.parse("x@" + addressOrDomain).domain();
            senderRoutes.put(key.toLowerCase(Locale.ROOT), via);
            return this;
        }

        /**
         * Paces transactions per destination host (see {@link RateLimit}); replaces the limit of the
         * {@link TransportSettings} given to {@link #transport(TransportProvider, TransportSettings)}. Without a
         * limit, a host that throttles us is still slowed down.
         *
         * @param value the limit, or null for none
         * @return this builder
         */
        public Builder rateLimit(RateLimit value) {
            rateLimit = value;
            rateLimitChosen = true;
            return this;
        }

        /** Tests: waits for rate limit slots on a fake clock. */
        Builder sleeper(RateGate.Sleeper value) {
            sleeper = value;
            return this;
        }

        /**
         * Signs every message before it is routed (for example a {@code dev.sendmail.dkim.DkimSigner}), once per
         * {@link #send}, so every host gets the same signed octets. A message that cannot be signed is not sent:
         * every recipient fails with a {@link LocalPolicyException}.
         *
         * @param value the signer
         * @return this builder
         */
        public Builder signer(MessageSigner value) {
            signer = value;
            return this;
        }

        /**
         * The transport to send with; it stays the caller's to close. Without a smart host, resolver or route the
         * Sender refuses to build, since it cannot tell whether this transport needs hosts; give a local transport
         * with {@link #transport(TransportProvider, TransportSettings)} instead.
         *
         * @param value the transport
         * @return this builder
         */
        public Builder transport(Transport value) {
            transport = Objects.requireNonNull(value, "transport");
            ownsTransport = false;
            usesNetwork = true;
            return this;
        }

        /**
         * Creates the transport from its provider; the Sender owns it and {@link Sender#close()} closes it, and
         * applies the settings' {@link TransportSettings#rateLimit()} unless {@link #rateLimit} chose one. When
         * the provider says {@link TransportProvider#usesNetwork()} is false (file, memory), no smart host,
         * resolver or route is needed.
         *
         * @param provider the provider, for example from {@code Providers.transports().select(...)}
         * @param settings the transport's settings
         * @return this builder
         * @throws SendMailException when the provider refuses the settings
         */
        public Builder transport(TransportProvider provider, TransportSettings settings) throws SendMailException {
            transport = provider.create(settings);
            ownsTransport = true;
            if (!rateLimitChosen) {
                rateLimit = settings.rateLimit().orElse(null);
            }
            usesNetwork = provider.usesNetwork();
            return this;
        }

        /**
         * The executor for {@link Sender#sendAsync} and {@link Sender#sendAll}; it stays the caller's. By default
         * the Sender runs them on daemon threads of its own.
         *
         * @param value the executor
         * @return this builder
         */
        public Builder executor(Executor value) {
            executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * How many messages {@link Sender#sendAll} delivers at once (default 4).
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder messageConcurrency(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("message concurrency must be at least 1");
            }
            messageConcurrency = value;
            return this;
        }

        /**
         * Relay every message through this host.
         *
         * @param value the host
         * @return this builder
         */
        public Builder smartHost(MailHost value) {
            smartHost = value == null ? null : new MailRoute("*", MailRoute.Kind.STATIC, List.of(value));
            return this;
        }

        /**
         * Relay every message through these hosts, tried in order like MX hosts (for example the submission
         * servers found by {@link SubmissionDiscovery}).
         *
         * @param value the hosts, in order
         * @return this builder
         */
        public Builder smartHosts(MailRoute value) {
            smartHost = value;
            return this;
        }

        /**
         * Direct delivery: find each domain's hosts with this resolver.
         *
         * @param value the resolver; it stays the caller's to close
         * @return this builder
         */
        public Builder resolver(Resolver value) {
            resolver = value;
            return this;
        }

        /**
         * Deliver mail for {@code domain} through {@code host}, whatever DNS says. The host is not offered the
         * transport's credentials; see {@link #routeWithCredentials}.
         *
         * @param domain the domain
         * @param host the host
         * @return this builder
         */
        public Builder route(String domain, MailHost host) {
            String d = Mailbox.parse("x@" + domain).domain();
            routes.put(d, host);
            routesWithCredentials.remove(d);
            return this;
        }

        /**
         * Like {@link #route}, and the host is offered the transport's credentials (over a session that
         * {@link dev.sendmail.spi.CredentialPolicy} accepts), as the smart host is.
         *
         * @param domain the domain
         * @param host the host
         * @return this builder
         */
        public Builder routeWithCredentials(String domain, MailHost host) {
            String d = Mailbox.parse("x@" + domain).domain();
            routes.put(d, host);
            routesWithCredentials.add(d);
            return this;
        }

        /**
         * Connect to this port on every host found in DNS (default: the transport's, 25).
         *
         * @param port the port
         * @return this builder
         */
        public Builder mxPort(int port) {
            mxPort = OptionalInt.of(MailHost.parsePort(Integer.toString(port)));
            return this;
        }

        /**
         * How many domains are delivered at once.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder concurrency(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1");
            }
            concurrency = value;
            return this;
        }

        /**
         * The total time for one {@link #send}, across all hosts and domains.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder deadline(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("deadline must be positive");
            }
            deadline = value;
            return this;
        }

        /**
         * The clock for deadlines; the system's by default.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /**
         * Applies each recipient domain's published TLS policy (MTA-STS: {@code dev.sendmail.sts.StsTlsPolicy}) to
         * the hosts found in DNS before delivery: which hosts may get the mail and what their TLS must prove.
         * Configured routes, address literals and smart hosts are left alone. None by default.
         *
         * @param value the policy, or null for none
         * @return this builder
         */
        public Builder domainTlsPolicy(DomainTlsPolicy value) {
            tlsPolicy = value;
            return this;
        }

        /**
         * Receives routing notes (host skipped, next host tried).
         *
         * @param value the listener
         * @return this builder
         */
        public Builder listener(TranscriptListener value) {
            listener = value;
            return this;
        }

        /**
         * Builds the Sender.
         *
         * @return the Sender
         * @throws IllegalStateException without a transport, or with a network transport and no smart host, resolver
         *        or route
         */
        public Sender build() {
            return new Sender(this);
        }
    }
}
