package dev.sendmail.transport.jakarta;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.ContentTraits;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.EtrnNode;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MailProtocol;
import dev.sendmail.api.Phase;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.TlsFailedException;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * Transport {@code jakarta}: each request goes through an Angus {@code SMTPTransport}, connections are kept per
 * host for the next message ({@link ConnectionPool}), and every failure is classified by {@link FailureMapper}.
 */
final class JakartaTransport implements Transport {

    private final TransportSettings settings;
    private final TlsSupport tls;
    private final ScheduledExecutorService scheduler;
    private final ConnectionPool pool;

    JakartaTransport(TransportSettings settings) throws SendMailException {
        this.settings = settings;
        if (settings.protocol() != MailProtocol.SMTP) {
            throw new LocalPolicyException("the jakarta transport speaks SMTP only (Angus Mail has no LMTP client); "
                    + "use the socket transport for protocol " + settings.protocol().configName(), null,
                    null);
        }
        if (settings.network().unixSocket().isPresent()) {
            throw new LocalPolicyException("the jakarta transport connects over TCP only; use the socket transport "
                    + "for the unix socket " + settings.network().unixSocket().get(), null, null);
        }
        if (settings.credentials().isPresent()
                && SessionProperties.mechanisms(settings.credentials().get()).isEmpty()) {
            throw new AuthenticationFailedException("the jakarta transport cannot use AUTH "
                    + String.join(", ", settings.credentials().get().mechanisms()) + " (it supports "
                    + String.join(", ", SessionProperties.SUPPORTED_MECHANISMS) + ")"
                    + (settings.credentials().get().mechanisms().contains("OAUTHBEARER")
                    ? ": Angus Mail has no OAUTHBEARER client; use the socket transport, or XOAUTH2" : ""),
                    Optional.empty(), null);
        }
        try {
            this.tls = TlsSupport.create(settings.trust());
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new TlsFailedException("cannot set up TLS: " + ReplyText.printable(String.valueOf(e.getMessage())),
                    false, Optional.empty(), Phase.CONNECT, null, e);
        }
        ScheduledThreadPoolExecutor stpe = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "send-mail-jakarta-timer");
            t.setDaemon(true);
            return t;
        });
        stpe.setRemoveOnCancelPolicy(true);
        this.scheduler = Executors.unconfigurableScheduledExecutorService(stpe);
        this.pool = new ConnectionPool(settings.pool());
        if (!settings.pool().idleTimeout().isZero()) {
            long every = Math.max(1000, settings.pool().idleTimeout().toMillis() / 2);
            scheduler.scheduleWithFixedDelay(pool::sweep, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** The pool, for tests. */
    ConnectionPool pool() {
        return pool;
    }

    @Override
    public DeliveryReport send(SendRequest request) throws SendMailException {
        MailHost host = request.host();
        ContentTraits traits;
        try {
            traits = request.content().traits();
        } catch (IOException | UncheckedIOException e) {
            throw new LocalPolicyException("cannot read the message: "
                    + ReplyText.printable(String.valueOf(e.getMessage())), Phase.DATA, host.name());
        }
        dev.sendmail.spi.LocalPolicy.checkContent(traits, host.name());
        ConnectionPool.Key key = ConnectionPool.Key.of(host, host.tlsMode(settings.tlsMode()).defaultPort(),
                request.offerCredentials());
        while (true) {
            SmtpConnection c = pool.acquire(key, request.deadline());
            boolean reused = c != null;
            if (c == null) {
                try {
                    c = SmtpConnection.open(host, settings, tls, scheduler, request.deadline(), true,
                            request.offerCredentials());
                } catch (SendMailException | RuntimeException e) {
                    pool.abandon(key);
                    throw e;
                }
            }
            try {
                DeliveryReport report = c.send(request, traits);
                SmtpConnection same = c;
                report = RecipientBatches.sendRest(request, report, rest -> same.send(rest, traits));
                pool.release(key, c);
                return report;
            } catch (SendMailException e) {
                pool.release(key, c);
                // each kept connection found stale is closed, so this ends at a new connection at the latest
                if (!reused || !staleConnection(e)) {
                    throw e;
                }
                settings.listener().note(host.name(), "reused connection failed (" + e.getMessage()
                        + "); reconnecting");
            } catch (RuntimeException e) {
                c.markBroken();
                pool.release(key, c);
                throw e;
            }
        }
    }

    /** A kept connection the server had closed or was closing: worth one more try on a new connection. */
    private static boolean staleConnection(SendMailException e) {
        if (e.phase().orElse(null) != Phase.MAIL) {
            return false;
        }
        return e instanceof ConnectionFailedException
                || e instanceof SmtpRejectedException r && r.smtpReply().code() == 421;
    }

    @Override
    public ProbeResult probe(MailHost host, Instant deadline) throws SendMailException {
        SmtpConnection c = SmtpConnection.open(host, settings, tls, scheduler, deadline, false, false);
        try {
            ObservedSmtpTransport smtp = c.smtp();
            Optional<String> protocol = Optional.empty();
            Optional<String> cipher = Optional.empty();
            Optional<String> peer = Optional.empty();
            Optional<String> problem = Optional.empty();
            if (smtp.isTls()) {
                SSLSocket s = c.tlsSocket().orElse(null);
                if (s != null) {
                    protocol = Optional.of(s.getSession().getProtocol());
                    cipher = Optional.of(s.getSession().getCipherSuite());
                    peer = peer(s);
                    problem = TlsSupport.certificateProblem(s.getSession());
                }
            }
            return new ProbeResult(host.name(), c.socket().address().getAddress().getHostAddress(),
                    smtp.greeting().orElseThrow(() -> new ConnectionFailedException("no greeting", Phase.GREETING,
                            host.name(), null)),
                    smtp.capabilities(), protocol, cipher, peer, problem);
        } finally {
            c.close();
        }
    }

    private static Optional<String> peer(SSLSocket s) {
        try {
            java.security.cert.Certificate[] chain = s.getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof java.security.cert.X509Certificate x) {
                return Optional.of("subject " + x.getSubjectX500Principal().getName() + ", issuer "
                        + x.getIssuerX500Principal().getName());
            }
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** ETRN on a connection of its own, through Angus's public command API; closed afterwards. */
    @Override
    public EtrnResult etrn(MailHost host, EtrnNode node, Instant deadline) throws SendMailException {
        SmtpConnection c = SmtpConnection.open(host, settings, tls, scheduler, deadline, true, true);
        try {
            return new PlainCommands(c, host.name()).etrn(node);
        } finally {
            c.close();
        }
    }

    /** Verification on a connection of its own, through Angus's public command API; closed afterwards. */
    @Override
    public DeliveryReport verify(VerifyRequest request) throws SendMailException {
        SmtpConnection c = SmtpConnection.open(request.host(), settings, tls, scheduler, request.deadline(), true,
                request.offerCredentials());
        try {
            return new PlainCommands(c, request.host().name()).verify(request);
        } finally {
            c.close();
        }
    }

    @Override
    public void close() {
        pool.closeAll();
        scheduler.shutdownNow();
    }
}
