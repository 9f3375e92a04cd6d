package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.Credentials;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MailProtocol;
import dev.sendmail.api.Phase;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TlsFailedException;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TlsRequirement;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.CredentialPolicy;
import dev.sendmail.spi.TlsSupport;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Opens a connection ready for mail: connect (each address in turn, directly or through a SOCKS5 proxy), implicit
 * TLS, greeting, EHLO (HELO when EHLO is refused; LHLO for LMTP), STARTTLS as the TLS mode says followed by a
 * second EHLO, and AUTH.
 */
final class SessionSetup {

    private final TransportSettings settings;
    private final TlsSupport tls;

    SessionSetup(TransportSettings settings, TlsSupport tls) {
        this.settings = settings;
        this.tls = tls;
    }

    int port(MailHost host) {
        return host.port().orElse(settings.defaultPort(mode(host)));
    }

    /** The host's own TLS mode (from an SRV record) or the transport's. */
    TlsMode mode(MailHost host) {
        return host.tlsMode(settings.tlsMode());
    }

    /**
     * A connection with capabilities known, authenticated when credentials are set and {@link CredentialPolicy}
     * allows it for this host and session; with {@code startTls} false, STARTTLS is skipped (the plain-text retry
     * of opportunistic TLS after a failed handshake).
     *
     * @param offerCredentials the request's {@link dev.sendmail.spi.SendRequest#offerCredentials()}
     */
    SmtpConnection open(MailHost host, Deadline deadline, boolean startTls, boolean offerCredentials)
            throws SendMailException {
        SmtpConnection c = connect(host, deadline, false);
        boolean ok = false;
        try {
            greetAndNegotiate(c, host, false, startTls);
            if (settings.credentials().isPresent()) {
                Credentials creds = settings.credentials().get();
                CredentialPolicy.Decision d = CredentialPolicy.decide(creds, offerCredentials, mode(host),
                        settings.trust(), c.tlsState());
                if (!d.reason().isEmpty()) {
                    c.listener().note(c.host(), d.reason());
                }
                switch (d.action()) {
                    case AUTHENTICATE -> Authenticator.authenticate(c, creds, settings.timeouts());
                    case SKIP -> { }
                    case REFUSE -> throw new AuthenticationFailedException(d.reason(), Optional.empty(), c.host());
                }
            }
            ok = true;
            return c;
        } finally {
            if (!ok) {
                c.quit(java.time.Duration.ofSeconds(2));
            }
        }
    }

    /**
     * TCP connect and, for SMTPS, the TLS handshake. A host whose {@link TlsRequirement} cannot be met (it is
     * unavailable, or TLS is off) fails here, transiently, before anything is sent.
     */
    SmtpConnection connect(MailHost host, Deadline deadline, boolean lenient) throws SendMailException {
        String name = host.name();
        TlsRequirement requirement = host.tlsRequirement();
        if (requirement instanceof TlsRequirement.Unavailable u) {
            throw new TlsFailedException("host not used: " + u.reason(), true, Optional.empty(), Phase.CONNECT,
                    name, null);
        }
        if (requirement.requiresTls() && (mode(host) == TlsMode.OFF || tls == null)) {
            throw new TlsFailedException("the host requires TLS (" + requirement.rule() + ") but TLS is off",
                    true, Optional.empty(), Phase.CONNECT, name, null);
        }
        int port = port(host);
        List<InetSocketAddress> targets = settings.network().unixSocket().isPresent() ? List.of()
                : targets(host, port);
        TlsMode mode = mode(host);
        if (mode != TlsMode.OFF && tls == null) {
            throw new TlsFailedException("the host asks for TLS (" + mode.cliName() + ") but TLS is off for this"
                    + " transport", false, Optional.empty(), Phase.CONNECT, name, null);
        }
        SmtpConnection c;
        try {
            c = settings.network().unixSocket().isPresent()
                    ? SmtpConnection.connectUnix(name, settings.network().unixSocket().get(), deadline,
                    settings.timeouts().command(), settings.listener())
                    : SmtpConnection.connect(name, targets, settings.network(), settings.timeouts().connect(), deadline,
                    settings.timeouts().command(), settings.listener());
        } catch (IOException e) {
            throw new ConnectionFailedException(Failures.message(e), Phase.CONNECT, name, e);
        }
        if (requirement.requiresTls()) {
            c.listener().note(name, "TLS rule: " + requirement.rule());
        }
        if (mode == TlsMode.SMTPS) {
            try {
                c.startTls(tls, requirement, lenient, port);
            } catch (IOException e) {
                c.close();
                throw e instanceof SSLException ? Failures.tls(e, Phase.CONNECT, name, requirement)
                        : Failures.of(e, Phase.CONNECT, name);
            }
        }
        return c;
    }

    /**
     * The host's addresses at {@code port}; without known addresses, the name looked up here, or, through a proxy,
     * left for the proxy to resolve (msmtp's rule: only the proxy's own name is looked up locally).
     */
    private List<InetSocketAddress> targets(MailHost host, int port) throws ConnectionFailedException {
        String name = host.name();
        List<InetAddress> addresses = host.addresses();
        if (addresses.isEmpty()) {
            String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
            if (settings.network().proxy().isPresent()) {
                return List.of(InetSocketAddress.createUnresolved(bare, port));
            }
            try {
                addresses = List.of(InetAddress.getAllByName(name));
            } catch (UnknownHostException e) {
                throw new ConnectionFailedException("cannot resolve host name " + name, Phase.CONNECT, name, e);
            }
        }
        return addresses.stream().map(a -> new InetSocketAddress(a, port)).toList();
    }

    /** Greeting, EHLO and STARTTLS; for a probe ({@code lenient}), certificate problems are recorded, not fatal. */
    void greetAndNegotiate(SmtpConnection c, MailHost host, boolean probe) throws SendMailException {
        greetAndNegotiate(c, host, probe, true);
    }

    private void greetAndNegotiate(SmtpConnection c, MailHost mailHost, boolean probe, boolean startTls)
            throws SendMailException {
        TlsMode mode = mode(mailHost);
        TlsRequirement requirement = mailHost.tlsRequirement();
        boolean required = requirement.requiresTls();
        String host = c.host();
        Phase phase = Phase.GREETING;
        try {
            SmtpReply greeting = ExpectedReply.check(c.read(settings.timeouts().greeting()), "the greeting", 220);
            c.greeting(greeting);
            if (greeting.code() != 220) {
                c.markBroken();
                throw new SmtpRejectedException(greeting, Phase.GREETING, host);
            }
            phase = Phase.EHLO;
            hello(c);
            if (mode == TlsMode.STARTTLS || (mode == TlsMode.OPPORTUNISTIC && startTls)) {
                if (!c.capabilities().startTls()) {
                    if (mode == TlsMode.STARTTLS && (!probe || required)) {
                        throw new TlsFailedException("the server does not offer STARTTLS"
                                + (required ? " [" + requirement.rule() + "]" : ""), required, Optional.empty(),
                                Phase.STARTTLS, host, null);
                    }
                    return;
                }
                phase = Phase.STARTTLS;
                SmtpReply r = ExpectedReply.check(c.command("STARTTLS", settings.timeouts().command()), "STARTTLS",
                        220);
                if (r.code() != 220) {
                    if (mode == TlsMode.STARTTLS && (!probe || required)) {
                        throw new TlsFailedException("STARTTLS refused: " + r
                                + (required ? " [" + requirement.rule() + "]" : ""), required || r.isTransient(),
                                Optional.of(r), Phase.STARTTLS, host, null);
                    }
                    c.listener().note(host, "STARTTLS refused (" + r + "); continuing without TLS");
                    return;
                }
                try {
                    c.startTls(tls, requirement, probe || mode == TlsMode.OPPORTUNISTIC, c.address().getPort());
                } catch (SSLException e) {
                    c.close();
                    throw Failures.tls(e, Phase.STARTTLS, host, requirement);
                }
                phase = Phase.EHLO;
                hello(c);
            }
        } catch (IOException e) {
            c.close();
            throw Failures.of(e, phase, host);
        } catch (SendMailException e) {
            if (e instanceof SmtpRejectedException r && r.smtpReply().code() == 421) {
                c.markBroken();
            }
            throw e;
        }
    }

    /** EHLO, or HELO when EHLO is not understood; for LMTP, LHLO alone (RFC 2033 4.1: no HELO or EHLO). */
    private void hello(SmtpConnection c) throws IOException, SendMailException {
        String name = settings.heloName().orElseGet(() -> literal(c));
        boolean lmtp = settings.protocol() == MailProtocol.LMTP;
        String verb = lmtp ? "LHLO" : "EHLO";
        SmtpReply r = ExpectedReply.check(c.command(verb + " " + name, settings.timeouts().command()), verb, 250);
        if (r.code() == 250) {
            c.capabilities(Capabilities.parse(r));
            c.protocol(settings.protocol());
            return;
        }
        if (!lmtp && (r.code() == 500 || r.code() == 502)) {
            SmtpReply h = ExpectedReply.check(c.command("HELO " + name, settings.timeouts().command()), "HELO",
                    250);
            if (h.code() == 250) {
                c.capabilities(Capabilities.NONE);
                return;
            }
            r = h;
        }
        throw new SmtpRejectedException(r, Phase.EHLO, c.host());
    }

    /** The local address as an address literal: no DNS lookup. */
    private static String literal(SmtpConnection c) {
        return literal(c.localAddress());
    }

    static String literal(InetAddress a) {
        return a instanceof Inet6Address ? "[IPv6:" + a.getHostAddress().replaceAll("%.*$", "") + "]"
                : "[" + a.getHostAddress() + "]";
    }
}
