package dev.sendmail.transport.jakarta;

import dev.sendmail.api.Phase;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.Timeouts;
import dev.sendmail.spi.CredentialPolicy;
import dev.sendmail.spi.TlsState;
import dev.sendmail.spi.TlsSupport;
import dev.sendmail.spi.TranscriptListener;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP client with its protocol observed through the hooks Angus leaves protected: every command passes
 * {@link #sendCommand(String)} (transcript with AUTH redacted, per-phase read timeout, the MAIL/RCPT parameters
 * Angus cannot express) and every reply {@link #readServerResponse()} (transcript, phase bookkeeping). Nothing of
 * the protocol itself is reimplemented here.
 */
final class ObservedSmtpTransport extends SMTPTransport {

    private static final String REDACTED = "****";

    /**
     * Angus logs through java.util.logging under the package of the transport class, i.e. this package; it would
     * print INFO lines (such as a server without SMTPUTF8) on the console of every CLI user. Our transcript
     * listener reports what matters. Held here so the logger, and its level, are not collected.
     */
    private static final java.util.logging.Logger ANGUS_LOG = quiet();

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(ObservedSmtpTransport.class.getPackageName());
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    private final String host;
    private final TranscriptListener listener;
    private final GuardedSocket tcp;
    private final Timeouts timeouts;
    private final NoDelaySslSocketFactory tlsFactory;
    private final boolean opportunistic;
    private final boolean requireStartTls;
    private final TlsSupport tlsSupport;
    private final Function<TlsState, CredentialPolicy.Decision> credentialGate;
    private SSLSession implicitTls;
    private boolean credentialsDecided;
    private boolean authSkipped;

    private Phase phase = Phase.GREETING;
    private Optional<SmtpReply> lastReply = Optional.empty();
    private Optional<SmtpReply> greeting = Optional.empty();
    private List<String> capabilities = List.of();
    private boolean tls;
    private boolean inAuth;
    private boolean authenticated;
    private boolean skipEhlo;
    private boolean startTlsMissing;
    private boolean closedByServer;
    private boolean afterthought;
    private Optional<String> authMechanism = Optional.empty();
    private String allowedAuth = "";
    private final List<SmtpReply> rcptReplies = new java.util.ArrayList<>();
    private Instant deadline = Instant.MAX;
    private final ExpectedReply expected = new ExpectedReply();
    private MessagePlan plan;

    ObservedSmtpTransport(Session session, URLName url, boolean smtps, String host, TranscriptListener listener,
                          GuardedSocket tcp, Timeouts timeouts, NoDelaySslSocketFactory tlsFactory,
                          boolean opportunistic, boolean requireStartTls, TlsSupport tlsSupport,
                          Function<TlsState, CredentialPolicy.Decision> credentialGate) {
        super(session, url, smtps ? "smtps" : "smtp", smtps);
        this.host = host;
        this.listener = listener;
        this.tcp = tcp;
        this.timeouts = timeouts;
        this.tlsFactory = tlsFactory;
        this.opportunistic = opportunistic;
        this.requireStartTls = requireStartTls;
        this.tlsSupport = tlsSupport;
        this.credentialGate = credentialGate;
        this.tls = smtps;
    }

    // ---- state for the transport and the failure mapper --------------------------------------------------

    synchronized WireState state() {
        String offered = getExtensionParameter("AUTH");
        return new WireState(phase, lastReply, startTlsMissing, tls, closedByServer, authMechanism,
                offered == null ? "" : offered.strip(), allowedAuth, rcptReplies);
    }

    synchronized boolean isTls() {
        return tls;
    }

    synchronized boolean isAuthenticated() {
        return authenticated;
    }

    /** True when credentials were configured and {@link CredentialPolicy} said to send the mail without AUTH. */
    synchronized boolean authSkipped() {
        return authSkipped;
    }

    /** The session of implicit TLS (SMTPS), set before {@code connect}. */
    synchronized void implicitTls(SSLSession session) {
        implicitTls = session;
    }

    /** What this connection's TLS proves. */
    synchronized TlsState tlsState() {
        if (!tls) {
            return TlsState.NONE;
        }
        SSLSocket s = tlsFactory == null ? null : tlsFactory.last();
        SSLSession session = implicitTls != null ? implicitTls : s == null ? null : s.getSession();
        return session == null ? new TlsState(true, false, Optional.of("no TLS session")) : tlsSupport.state(session);
    }

    synchronized Optional<SmtpReply> greeting() {
        return greeting;
    }

    /** The EHLO keywords with their parameters, as last seen. */
    synchronized List<String> capabilities() {
        return capabilities;
    }

    /** Limits every following read to this instant (besides the per-phase timeouts). */
    synchronized void deadline(Instant value) {
        deadline = value;
    }

    /** Decorations for the next message's commands; null when no message is under way. */
    synchronized void plan(MessagePlan value) {
        plan = value;
        if (value != null) {
            rcptReplies.clear();
        }
    }

    /** The AUTH mechanisms the settings allow, for failure messages. */
    synchronized void allowedAuth(String value) {
        allowedAuth = value;
    }

    /** A line for the transcript about this session. */
    void noteForTranscript(String text) {
        listener.note(host, text);
    }

    /** Sets the read timeout for the greeting (called before {@code connect(Socket)}). */
    synchronized void expectGreeting() throws MessagingException {
        readTimeout(timeouts.greeting());
    }

    // ---- hooks ---------------------------------------------------------------------------------------------

    @Override
    protected synchronized void sendCommand(String cmd) throws MessagingException {
        MessagePlan p = plan;
        String line = p == null ? cmd : p.decorate(cmd);
        String upper = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
        boolean authCommand = upper.equals("AUTH");
        if (authCommand) {
            CredentialPolicy.Decision d = credentialDecision();
            if (d.action() != CredentialPolicy.Action.AUTHENTICATE) {
                throw new CredentialsRefusedException(d.reason());
            }
        }
        phase = inAuth || authCommand ? Phase.AUTH : phaseOf(upper, line, phase);
        // Angus sends RSET or QUIT after a failure; their replies must not hide the reply that decided it
        afterthought = upper.equals("RSET") || upper.equals("QUIT");
        if (line.equals(".")) {
            readTimeout(timeouts.dataTermination());
        } else if (upper.equals("DATA")) {
            readTimeout(timeouts.dataInitiation());
        } else {
            readTimeout(timeouts.command());
        }
        expected.answering(upper, line);
        if (authCommand) {
            inAuth = true;
            String[] words = line.split(" ", 3);
            authMechanism = words.length > 1 ? Optional.of(words[1]) : Optional.empty();
            listener.command(host, redactAuth(line));
        } else {
            listener.command(host, inAuth ? REDACTED : line);
        }
        super.sendCommand(line);
    }

    /**
     * Angus asks for AUTH (and the legacy AUTH=LOGIN) right before it authenticates, after STARTTLS: when
     * {@link CredentialPolicy} says to send the mail without AUTH, the server is reported as not offering it, so
     * that no credential leaves and the connection goes on to the mail.
     */
    @Override
    public synchronized boolean supportsExtension(String ext) {
        boolean offered = super.supportsExtension(ext);
        if (offered && credentialGate != null && ("AUTH".equalsIgnoreCase(ext) || "AUTH=LOGIN".equalsIgnoreCase(ext))) {
            return credentialDecision().action() != CredentialPolicy.Action.SKIP;
        }
        return offered;
    }

    /** The decision for this session; noted in the transcript the first time. */
    private CredentialPolicy.Decision credentialDecision() {
        CredentialPolicy.Decision d = credentialGate == null
                ? new CredentialPolicy.Decision(CredentialPolicy.Action.REFUSE, "no credentials for this connection")
                : credentialGate.apply(tlsState());
        if (!credentialsDecided) {
            credentialsDecided = true;
            authSkipped = d.action() == CredentialPolicy.Action.SKIP;
            if (!d.reason().isEmpty() && d.action() != CredentialPolicy.Action.REFUSE) {
                listener.note(host, d.reason());
            }
        }
        return d;
    }

    /** Angus sends SASL continuation lines (credentials) through here. */
    @Override
    protected synchronized int simpleCommand(byte[] cmd) throws MessagingException {
        phase = Phase.AUTH;
        readTimeout(timeouts.command());
        expected.set("AUTH", 334, 235);
        listener.command(host, REDACTED);
        return super.simpleCommand(cmd);
    }

    @Override
    protected synchronized int readServerResponse() throws MessagingException {
        int code = super.readServerResponse();
        String raw = getLastServerResponse();
        Optional<SmtpReply> reply = ReplyText.parse(raw);
        if (afterthought) {
            // transcript only
            if (reply.isPresent()) {
                listener.reply(host, reply.get());
            } else {
                listener.note(host, code == -1 && "[EOF]".equals(raw) ? "connection closed by the server"
                        : "unreadable reply: " + ReplyText.printable(raw));
            }
            return code;
        }
        lastReply = reply;
        // Angus answers -1 both for the end of the stream (text "[EOF]", or the lines read before it) and for text
        // that is not a reply
        closedByServer = code == -1 && ("[EOF]".equals(raw) || lastReply.isPresent());
        if (code == -1) {
            lastReply = Optional.empty();
        }
        if (lastReply.isPresent()) {
            listener.reply(host, lastReply.get());
        } else if (closedByServer) {
            listener.note(host, "connection closed by the server");
        } else {
            listener.note(host, "unreadable reply: " + ReplyText.printable(raw));
        }
        if (lastReply.isPresent() && code < 400 && !expected.accepts(code)) {
            throw new UnexpectedReplyException(expected.unexpected(lastReply.get()));
        }
        if (phase == Phase.RCPT && lastReply.isPresent()) {
            rcptReplies.add(lastReply.get());
        }
        if (phase == Phase.GREETING && greeting.isEmpty()) {
            greeting = lastReply;
        }
        if (phase == Phase.EHLO && code == 250 && lastReply.isPresent()) {
            List<String> lines = lastReply.get().lines();
            capabilities = List.copyOf(lines.subList(Math.min(1, lines.size()), lines.size()));
        }
        if (inAuth && code != 334) {
            inAuth = false;
            authenticated = code == 235;
        }
        if (code == 421 && phase != Phase.GREETING) {
            throw new ServiceClosingException(raw);
        }
        return code;
    }

    /**
     * Angus's caller ({@code Service.connect}) reacts to an authentication failure by looking the host name up
     * in DNS and asking a password callback before it rethrows; wrapped, the failure goes straight up.
     */
    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        try {
            return super.protocolConnect(host, port, user, password);
        } catch (jakarta.mail.AuthenticationFailedException e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    @Override
    protected synchronized boolean ehlo(String domain) throws MessagingException {
        if (skipEhlo) {
            skipEhlo = false;
            return true;
        }
        boolean ok = super.ehlo(domain);
        startTlsMissing = ok && requireStartTls && !tls && !supportsExtension("STARTTLS");
        return ok;
    }

    @Override
    protected synchronized void startTLS() throws MessagingException {
        try {
            super.startTLS();
        } catch (MessagingException e) {
            int code = getLastReturnCode();
            if (opportunistic && !(e instanceof ServiceClosingException) && code >= 400 && code < 600 && phase == Phase.STARTTLS) {
                listener.note(host, "STARTTLS refused (" + lastReply.map(SmtpReply::toString).orElse("" + code)
                        + "); continuing without TLS");
                skipEhlo = true;
                return;
            }
            throw e;
        }
        tls = true;
        if (tlsFactory.droppedBeforeTls() > 0) {
            listener.note(host, "discarded " + tlsFactory.droppedBeforeTls()
                    + " octets the server sent before the TLS handshake");
        }
        SSLSocket s = tlsFactory.last();
        if (s != null) {
            listener.tlsEstablished(host, s.getSession().getProtocol(), s.getSession().getCipherSuite());
            TlsSupport.certificateProblem(s.getSession()).ifPresent(p -> listener.note(host,
                    "TLS certificate check failed, continuing (opportunistic TLS): " + p));
            TlsSupport.authenticatedBy(s.getSession()).ifPresent(r -> listener.note(host, "TLS authenticated: " + r));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static Phase phaseOf(String upper, String line, Phase current) {
        if (line.equals(".")) {
            return Phase.DATA;
        }
        return switch (upper) {
            case "EHLO", "HELO" -> Phase.EHLO;
            case "STAR" -> Phase.STARTTLS;
            case "MAIL" -> Phase.MAIL;
            case "RCPT" -> Phase.RCPT;
            case "DATA", "BDAT" -> Phase.DATA;
            default -> current; // RSET, NOOP, QUIT keep the step they follow
        };
    }

    private static String redactAuth(String line) {
        int first = line.indexOf(' ');
        int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
        return second < 0 ? line : line.substring(0, second) + " " + REDACTED;
    }

    private void readTimeout(Duration phaseTimeout) throws MessagingException {
        int ms = Millis.within(phaseTimeout, deadline, Instant.now());
        if (ms == 0) {
            throw new MessagingException("deadline passed", new SocketTimeoutException("deadline passed"));
        }
        try {
            tcp.plain().setSoTimeout(ms);
        } catch (SocketException e) {
            throw new MessagingException("cannot set the read timeout", e);
        }
    }
}
