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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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

    /** A throttled message is retried at the same host at most this many times, then the next host is tried. */
    public static final int MAX_THROTTLE_RETRIES = 12;

    private final Transport transport;
    private final boolean ownsTransport;
    private final Routing routing;
    private final HostDelivery delivery;
    private final int concurrency;
    private final Duration deadline;
    private final Clock clock;
    private final TranscriptListener listener;
    private final Optional<MessageSigner> signer;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final int messageConcurrency;
    private final Map<String, Sender> senderRoutes;

    private Sender(Builder b) {
        this.transport = Objects.requireNonNull(b.transport, "a transport is required");
        this.ownsTransport = b.ownsTransport;
        this.routing = new Routing(b.smartHost, b.resolver, b.routes, b.routesWithCredentials, b.mxPort, b.tlsPolicy,
                b.usesNetwork);
        this.concurrency = b.concurrency;
        this.deadline = b.deadline;
        this.clock = b.clock;
        this.listener = b.listener;
        this.signer = Optional.ofNullable(b.signer);
        this.messageConcurrency = b.messageConcurrency;
        this.senderRoutes = Map.copyOf(b.senderRoutes);
        TranscriptListener notes = b.listener;
        RateGate gate = new RateGate(Optional.ofNullable(b.rateLimit), b.clock,
                b.sleeper != null ? b.sleeper : RateGate.sleeper(b.clock), text -> notes.note("rate", text));
        this.delivery = new HostDelivery(routing, gate, b.listener, b.clock, b.deadline);
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
        return MessageFanOut.sendAll(messages, messageConcurrency, executor, this::send);
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
        MessageContent signed = content;
        boolean optOut = !routing.hasSmartHost() && !options.requireTls() && tlsRequiredNo(signed);
        HostDelivery.Attempt sending = (host, env, until, offer) -> transport.send(new SendRequest(host, env, signed,
                options, until, offer));
        return DomainFanOut.deliver(delivery, routing.group(envelope), envelope, sending, end, optOut, concurrency);
    }

    /** Whether the message says {@code TLS-Required: No}; a message that cannot be read says nothing. */
    private static boolean tlsRequiredNo(MessageContent content) {
        try {
            return TlsRequiredField.saysNo(content);
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            return false;
        }
    }

    /**
     * Where each recipient's mail would go, without connecting anywhere: one entry per domain (one entry in
     * all with a smart host).
     *
     * @param envelope the recipients to route
     * @return one plan per domain
     */
    public List<RoutePlan> plan(Envelope envelope) {
        Sender s = routeFor(envelope).orElse(this);
        return s.routing.plan(envelope, () -> s.clock.instant().plus(s.deadline));
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
        HostDelivery.Attempt attempt = (host, env, until, offer) -> transport.verify(new VerifyRequest(host, env,
                vrfy, until, offer));
        return DomainFanOut.deliver(delivery, routing.group(envelope), envelope, attempt, end, false, 1);
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
        if (!routing.hasSmartHost()) {
            throw new IllegalStateException("ETRN needs a smart host");
        }
        Instant end = clock.instant().plus(deadline);
        SendMailException last = null;
        for (MailHost host : routing.smartHosts().hosts()) {
            try {
                return transport.etrn(host, node, end);
            } catch (SendMailException e) {
                if (!FailureRules.tryNextHost(e)) {
                    throw e;
                }
                listener.note(host.name(), e.getMessage() + "; trying the next host");
                last = e;
            }
        }
        throw last;
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
