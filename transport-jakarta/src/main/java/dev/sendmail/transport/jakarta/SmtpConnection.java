package dev.sendmail.transport.jakarta;

import dev.sendmail.api.AccessTokenSource;
import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.ContentTraits;
import dev.sendmail.api.Credentials;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Dsn;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.Secret;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TlsFailedException;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TlsRequirement;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.CredentialPolicy;
import dev.sendmail.spi.LocalPolicy;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.TlsState;
import dev.sendmail.spi.TlsSupport;
import dev.sendmail.spi.TranscriptListener;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import javax.net.ssl.SSLSocket;

/**
 * One open SMTP connection through Angus: opened (greeting, EHLO, STARTTLS, AUTH) by {@link #open}, then used
 * for one message at a time by {@link #send}. Not thread-safe; the transport hands it to one caller at a time.
 */
final class SmtpConnection implements AutoCloseable {

    private final String host;
    private final ObservedSmtpTransport smtp;
    private final Session session;
    private final TranscriptListener listener;
    private final HostConnector.Opened socket;
    private final NoDelaySslSocketFactory factory;
    private int messages;
    private Instant lastUsed = Instant.now();
    private boolean broken;

    private SmtpConnection(String host, ObservedSmtpTransport smtp, Session session, TranscriptListener listener,
                           HostConnector.Opened socket, NoDelaySslSocketFactory factory) {
        this.host = host;
        this.factory = factory;
        this.smtp = smtp;
        this.session = session;
        this.listener = listener;
        this.socket = socket;
    }

    /**
     * Connects, reads the greeting, says EHLO, starts TLS and authenticates as the settings and
     * {@link CredentialPolicy} say.
     *
     * @param authenticate false for a probe: no credentials at all
     * @param offerCredentials the request's {@link SendRequest#offerCredentials()}
     */
    static SmtpConnection open(MailHost host, TransportSettings settings, TlsSupport tls,
                               ScheduledExecutorService scheduler, Instant deadline, boolean authenticate,
                               boolean offerCredentials) throws SendMailException {
        Optional<Credentials> creds = authenticate ? settings.credentials() : Optional.empty();
        if (creds.isEmpty() || !creds.get().usesTokenSource("XOAUTH2")
                || !SessionProperties.mechanisms(creds.get()).contains("XOAUTH2")) {
            return open(host, settings, tls, scheduler, deadline, authenticate, offerCredentials,
                    creds.map(Credentials::secret).orElse(null));
        }
        AccessTokenSource tokens = creds.get().tokens().orElseThrow();
        Secret token = tokens.accessToken();
        try {
            return open(host, settings, tls, scheduler, deadline, true, offerCredentials, token);
        } catch (AuthenticationFailedException e) {
            // a permanent reply, or the XOAUTH2 error challenge Angus stops at (FailureMapper)
            if (e.reply().filter(r -> r.code() >= 500 && r.code() != 504 || r.code() == 334).isEmpty()) {
                throw e;
            }
            // Angus closes the connection after a failed AUTH: a new session with a new token, once
            settings.listener().note(host.name(), "the server rejected the OAuth2 access token; getting a new one");
            return open(host, settings, tls, scheduler, deadline, true, offerCredentials,
                    tokens.afterRejection(token));
        }
    }

    /** {@link #open} with the secret to authenticate with (a password or an access token), null for none. */
    private static SmtpConnection open(MailHost host, TransportSettings settings, TlsSupport tls,
                                       ScheduledExecutorService scheduler, Instant deadline, boolean authenticate,
                                       boolean offerCredentials, Secret secret) throws SendMailException {
        String name = host.name();
        // a host found through SRV carries its own TLS mode: its service says how to protect the connection;
        // a host with a TLS requirement (DANE, MTA-STS) gets STARTTLS instead of opportunistic TLS
        TlsMode mode = host.tlsMode(settings.tlsMode());
        TransportSettings s = mode != settings.tlsMode() ? settings.toBuilder().tlsMode(mode).build() : settings;
        TlsRequirement requirement = host.tlsRequirement();
        if (requirement instanceof TlsRequirement.Unavailable u) {
            throw new TlsFailedException("host not used: " + u.reason(), true, Optional.empty(), Phase.CONNECT,
                    name, null);
        }
        if (requirement.requiresTls() && (mode == TlsMode.OFF || tls == null)) {
            throw new TlsFailedException("the host requires TLS (" + requirement.rule() + ") but TLS is off", true,
                    Optional.empty(), Phase.CONNECT, name, null);
        }
        int port = host.port().orElse(s.tlsMode().defaultPort());
        boolean smtps = s.tlsMode() == TlsMode.SMTPS;
        boolean opportunistic = s.tlsMode() == TlsMode.OPPORTUNISTIC;
        NoDelaySslSocketFactory factory;
        try {
            factory = s.tlsMode() == TlsMode.OFF ? null
                    : new NoDelaySslSocketFactory(tls.context(requirement, opportunistic).getSocketFactory(),
                    s.trust().protocols(), requirement instanceof TlsRequirement.Opportunistic ? tls::serverName
                    : java.util.function.UnaryOperator.identity());
        } catch (IOException e) {
            throw new TlsFailedException(e.getMessage(), true, Optional.empty(), Phase.CONNECT, name, e);
        }
        if (requirement.requiresTls()) {
            s.listener().note(name, "TLS rule: " + requirement.rule());
        }
        int connectMillis = Millis.within(s.timeouts().connect(), deadline, Instant.now());
        if (connectMillis == 0) {
            throw new ConnectionFailedException("deadline passed before connecting", Phase.CONNECT, name, null);
        }
        int writeMillis = Millis.of(s.timeouts().dataBlock());
        HostConnector.Opened opened;
        try {
            opened = new HostConnector(s.listener(), scheduler, s.network())
                    .open(host, port, connectMillis, writeMillis, smtps ? tls : null);
        } catch (IOException e) {
            throw FailureMapper.whole(e, WireState.at(Phase.CONNECT), name, requirement);
        }
        if (opened.top() instanceof SSLSocket ssl) {
            s.listener().tlsEstablished(name, ssl.getSession().getProtocol(), ssl.getSession().getCipherSuite());
            TlsSupport.authenticatedBy(ssl.getSession()).ifPresent(r -> s.listener().note(name,
                    "TLS authenticated: " + r));
        }
        String helo = s.heloName().orElseGet(() -> addressLiteral(opened.tcp().getLocalAddress()));
        // the trust manager checks the name of a requirement, and the tls_host_override name itself
        Session session = Session.getInstance(SessionProperties.of(s, name, port, helo, factory,
                requirement.requiresTls() || s.trust().hostOverride().isPresent()));
        Optional<Credentials> creds = authenticate ? s.credentials() : Optional.empty();
        URLName url = new URLName(SessionProperties.protocol(s.tlsMode()), name, port, null,
                creds.map(Credentials::username).orElse(null), creds.isPresent() && secret != null
                ? secret.revealString() : null);
        ObservedSmtpTransport smtp = new ObservedSmtpTransport(session, url, smtps, name, s.listener(), opened.tcp(),
                s.timeouts(), factory, opportunistic, s.tlsMode() == TlsMode.STARTTLS, tls,
                creds.<Function<TlsState, CredentialPolicy.Decision>>map(c -> state -> CredentialPolicy.decide(c,
                        offerCredentials, s.tlsMode(), s.trust(), state)).orElse(null));
        if (opened.top() instanceof SSLSocket ssl) {
            smtp.implicitTls(ssl.getSession());
        }
        try {
            smtp.deadline(deadline);
            creds.ifPresent(c -> smtp.allowedAuth(String.join(" ", SessionProperties.mechanisms(c))));
            smtp.expectGreeting();
            smtp.connect(opened.top());
        } catch (MessagingException | RuntimeException e) {
            HostConnector.closeQuietly(opened.top());
            throw FailureMapper.whole(e, smtp.state(), name, requirement);
        }
        SmtpConnection c = new SmtpConnection(name, smtp, session, s.listener(), opened, factory);
        if (creds.isPresent() && !smtp.isAuthenticated() && !smtp.authSkipped()) {
            c.close();
            throw new AuthenticationFailedException("the server does not offer AUTH", Optional.empty(), name);
        }
        return c;
    }

    /** Runs one mail transaction on this connection. */
    DeliveryReport send(SendRequest request, ContentTraits traits) throws SendMailException {
        lastUsed = Instant.now();
        Envelope envelope = request.envelope();
        DeliveryOptions options = request.options();
        smtp.deadline(request.deadline());
        LocalPolicy.ServerOffers offers = new LocalPolicy.ServerOffers(
                smtp.supportsExtension("SMTPUTF8"), smtp.supportsExtension("DSN"), smtp.supportsExtension("8BITMIME"),
                smtp.supportsExtension("SIZE") ? LocalPolicy.sizeLimit(smtp.getExtensionParameter("SIZE")) : 0);
        LocalPolicy.checkServer(envelope, traits, options, offers, smtp.tlsState(), host);
        String note = LocalPolicy.eightBitNote(envelope, traits, options, offers);
        if (note != null) {
            listener.note(host, note);
        }
        String reversePath = envelope.reversePath();
        boolean utf8 = LocalPolicy.wantSmtpUtf8(envelope, traits, options, offers);
        Dsn dsn = options.dsn();
        List<String> params = new ArrayList<>();
        if (smtp.supportsExtension("SIZE")) {
            params.add("SIZE=" + traits.wireSize());
        }
        if (LocalPolicy.wantEightBit(traits, options, offers)) {
            params.add("BODY=8BITMIME");
        }
        if (LocalPolicy.wantRequireTls(options, smtp.supportsExtension("REQUIRETLS"))) {
            params.add("REQUIRETLS");
        }
        dsn.envelopeId().ifPresent(id -> params.add("ENVID=" + Dsn.xtext(id)));
        IdentityHashMap<Address, Mailbox> byAddress = new IdentityHashMap<>();
        Address[] addresses = new Address[envelope.recipients().size()];
        for (int i = 0; i < addresses.length; i++) {
            InternetAddress a = new InternetAddress();
            a.setAddress(envelope.recipients().get(i).address());
            addresses[i] = a;
            byAddress.put(a, envelope.recipients().get(i));
        }
        StreamedMessage message = new StreamedMessage(session, request.content(), reversePath, dsn,
                String.join(" ", params));
        smtp.plan(new MessagePlan(reversePath, utf8, dsn.originalRecipient()));
        messages++;
        try {
            smtp.sendMessage(message, addresses);
            // with reportsuccess Angus always throws; should it not, every recipient went through
            SmtpReply r = smtp.state().lastReply().orElse(SmtpReply.of(250, "accepted"));
            List<RecipientOutcome> all = new ArrayList<>();
            for (Mailbox m : envelope.recipients()) {
                all.add(RecipientOutcome.delivered(m, r, host));
            }
            return new DeliveryReport(all);
        } catch (MessagingException e) {
            try {
                return FailureMapper.outcomes(e, envelope.recipients(), byAddress, smtp.state(), host);
            } catch (SendMailException whole) {
                if (!(whole instanceof dev.sendmail.api.SmtpRejectedException) || whole.reply().isPresent()
                        && whole.reply().get().code() == 421) {
                    broken = true;
                }
                throw whole;
            }
        } catch (RuntimeException e) {
            broken = true;
            throw FailureMapper.whole(e, smtp.state(), host);
        } finally {
            smtp.plan(null);
            lastUsed = Instant.now();
            WireState st = smtp.state();
            if (st.closedByServer() || st.lastReply().map(r -> r.code() == 421).orElse(false)) {
                broken = true;
            }
        }
    }

    /** Marks the connection as not reusable (it is closed without QUIT when given back). */
    void markBroken() {
        broken = true;
    }

    /** Messages sent (or attempted) on this connection. */
    int messages() {
        return messages;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    /** False once the connection failed or the server closed it. */
    boolean usable() {
        return !broken && !socket.top().isClosed();
    }

    ObservedSmtpTransport smtp() {
        return smtp;
    }

    HostConnector.Opened socket() {
        return socket;
    }

    /** The TLS socket of this connection (implicit TLS or after STARTTLS), if there is one. */
    Optional<SSLSocket> tlsSocket() {
        if (socket.top() instanceof SSLSocket s) {
            return Optional.of(s);
        }
        return smtp.isTls() && factory != null ? Optional.ofNullable(factory.last()) : Optional.empty();
    }

    /** QUIT and close; never throws. */
    @Override
    public void close() {
        try {
            if (!broken) {
                smtp.deadline(Instant.now().plusSeconds(10));
                smtp.close();
            }
        } catch (MessagingException | RuntimeException e) {
            listener.note(host, "QUIT failed: " + ReplyText.printable(String.valueOf(e.getMessage())));
        } finally {
            HostConnector.closeQuietly(socket.top());
        }
    }

    /** {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}: a HELO name that needs no DNS. */
    static String addressLiteral(InetAddress a) {
        if (a == null || a.isAnyLocalAddress()) {
            return "localhost";
        }
        if (a instanceof Inet6Address) {
            String s = a.getHostAddress();
            int zone = s.indexOf('%');
            return "[IPv6:" + (zone >= 0 ? s.substring(0, zone) : s) + "]";
        }
        return "[" + a.getHostAddress() + "]";
    }
}
