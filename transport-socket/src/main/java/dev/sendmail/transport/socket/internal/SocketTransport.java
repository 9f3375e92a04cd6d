package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.ContentTraits;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.EtrnNode;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Phase;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TlsFailedException;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.EtrnResult;
import dev.sendmail.spi.ProbeResult;
import dev.sendmail.spi.RecipientBatches;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.TlsSupport;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.VerifyRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code socket} transport: send-mail's own ESMTP client. Checks the message before connecting, takes a
 * pooled connection or opens one, runs the transaction, and gives the connection back. A pooled connection
 * found dead is replaced and the message tried once more on a fresh one, never after the server could have
 * accepted it.
 */
public final class SocketTransport implements Transport {

    private final TransportSettings settings;
    private final SessionSetup setup;
    private final ConnectionPool pool;
    private final boolean chunking;

    private SocketTransport(TransportSettings settings, TlsSupport tls) {
        this.settings = settings;
        this.setup = new SessionSetup(settings, tls);
        this.pool = new ConnectionPool(settings.pool());
        this.chunking = !settings.property("chunking").map(v -> v.equalsIgnoreCase("false")
                || v.equalsIgnoreCase("no") || v.equals("0")).orElse(false);
    }

    /**
     * A transport for {@code settings}. The TLS configuration (CA file, client certificate) is loaded now,
     * so a bad file fails here with one line naming it. Property {@code chunking=false} turns BDAT off.
     */
    public static SocketTransport create(TransportSettings settings) throws SendMailException {
        TlsSupport tls = null;
        if (settings.tlsMode() != TlsMode.OFF) {
            try {
                tls = TlsSupport.create(settings.trust());
            } catch (GeneralSecurityException | IOException e) {
                throw new TlsFailedException("cannot set up TLS: " + Failures.message(e), false, Optional.empty(),
                        Phase.CONNECT, null, e);
            }
        }
        return new SocketTransport(settings, tls);
    }

    @Override
    public DeliveryReport send(SendRequest request) throws SendMailException {
        MailHost host = request.host();
        ContentTraits traits = preflight(request);
        Deadline deadline = Deadline.at(request.deadline());
        String key = key(host, request.offerCredentials());
        for (int attempt = 0; ; attempt++) {
            SmtpConnection c = pool.acquire(key, deadline, host.name());
            boolean reused = c != null;
            if (c == null) {
                try {
                    c = open(host, deadline, request);
                } catch (SendMailException | RuntimeException e) {
                    pool.abandon(key);
                    throw e;
                }
            }
            c.use(deadline);
            MailTransaction tx = new MailTransaction(c, request, traits, settings.timeouts(), reused, chunking);
            try {
                DeliveryReport report = tx.run();
                if (report.outcomes().stream().anyMatch(o -> o.isDelivered())) {
                    c.countMessage();
                }
                SmtpConnection same = c;
                report = RecipientBatches.sendRest(request, report, rest -> {
                    same.use(deadline);
                    DeliveryReport r = new MailTransaction(same, rest, traits, settings.timeouts(), false, chunking)
                            .run();
                    if (!r.delivered().isEmpty()) {
                        same.countMessage();
                    }
                    return r;
                });
                pool.release(key, c);
                return report;
            } catch (SendMailException e) {
                pool.release(key, c);
                if (attempt == 0 && tx.mayRetry(e)) {
                    settings.listener().note(host.name(), "the reused connection was dead (" + e.getMessage()
                            + "); trying once more on a new connection");
                    continue;
                }
                throw e;
            } catch (RuntimeException e) {
                c.close();
                pool.release(key, c);
                throw e;
            }
        }
    }

    /**
     * Opens a connection. With opportunistic TLS, a failed handshake (not a certificate problem: those are only
     * noted) is followed by one attempt in plain text, as RFC 7435 allows, unless the message requires TLS.
     */
    private SmtpConnection open(MailHost host, Deadline deadline, SendRequest request) throws SendMailException {
        return open(host, deadline, request.options().requireTls(), request.offerCredentials());
    }

    private SmtpConnection open(MailHost host, Deadline deadline, boolean requireTls, boolean offerCredentials)
            throws SendMailException {
        try {
            return setup.open(host, deadline, true, offerCredentials);
        } catch (TlsFailedException e) {
            if (setup.mode(host) != TlsMode.OPPORTUNISTIC || requireTls
                    || e.phase().orElse(null) != Phase.STARTTLS) {
                throw e;
            }
            settings.listener().note(host.name(), "the TLS handshake failed (" + e.getMessage()
                    + "); trying once more without TLS (opportunistic)");
            return setup.open(host, deadline, false, offerCredentials);
        }
    }

    /** Refusals that need no server: nothing is sent for these. */
    private static ContentTraits preflight(SendRequest request) throws LocalPolicyException {
        String host = request.host().name();
        ContentTraits traits;
        try {
            traits = request.content().traits();
        } catch (IOException | UncheckedIOException e) {
            throw new LocalPolicyException("cannot read the message: " + Failures.message(e), Phase.DATA, host);
        }
        dev.sendmail.spi.LocalPolicy.checkContent(traits, host);
        return traits;
    }

    /** Connections that may have authenticated are kept apart from those to the same host that may not. */
    private String key(MailHost host, boolean offerCredentials) {
        return host.name() + "|" + setup.port(host) + "|" + host.addresses() + "|" + offerCredentials + "|"
                + setup.mode(host) + "|" + host.tlsRequirement();
    }

    /** The pool, for tests. */
    ConnectionPool pool() {
        return pool;
    }

    @Override
    public ProbeResult probe(MailHost host, Instant deadline) throws SendMailException {
        return new Probe(setup, settings).run(host, Deadline.at(deadline));
    }

    /** ETRN on a connection of its own, closed afterwards: it is not a mail transaction and not pooled. */
    @Override
    public EtrnResult etrn(MailHost host, EtrnNode node, Instant deadline) throws SendMailException {
        SmtpConnection c = open(host, Deadline.at(deadline), false, true);
        try {
            return Etrn.run(c, node, settings.timeouts());
        } finally {
            c.quit(settings.timeouts().command());
        }
    }

    /** Verification on a connection of its own, closed afterwards (RSET leaves no transaction behind). */
    @Override
    public DeliveryReport verify(VerifyRequest request) throws SendMailException {
        SmtpConnection c = open(request.host(), Deadline.at(request.deadline()), false,
                request.offerCredentials());
        try {
            return new Verification(c, settings.timeouts()).run(request.envelope(), request.vrfy());
        } finally {
            c.quit(settings.timeouts().command());
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
