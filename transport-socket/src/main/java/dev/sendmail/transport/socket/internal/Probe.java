package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.ProbeResult;
import dev.sendmail.spi.TlsSupport;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * {@code --probe}: greeting, EHLO, STARTTLS where the mode allows (the certificate is checked and any problem
 * reported, not fatal), EHLO again, QUIT. No mail, no AUTH.
 */
final class Probe {

    private final SessionSetup setup;
    private final TransportSettings settings;

    Probe(SessionSetup setup, TransportSettings settings) {
        this.setup = setup;
        this.settings = settings;
    }

    ProbeResult run(MailHost host, Deadline deadline) throws SendMailException {
        SmtpConnection c = setup.connect(host, deadline, true);
        try {
            setup.greetAndNegotiate(c, host, true);
            SSLSession s = c.tlsSession();
            InetSocketAddress a = c.address();
            String ip = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
            return new ProbeResult(host.name(), (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort(),
                    c.greeting(), c.capabilities().lines(),
                    Optional.ofNullable(s).map(SSLSession::getProtocol),
                    Optional.ofNullable(s).map(SSLSession::getCipherSuite),
                    Optional.ofNullable(s).flatMap(Probe::peer),
                    Optional.ofNullable(s).flatMap(TlsSupport::certificateProblem));
        } finally {
            c.quit(settings.timeouts().command());
        }
    }

    private static Optional<String> peer(SSLSession s) {
        try {
            Certificate[] chain = s.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                return Optional.of("subject " + x.getSubjectX500Principal().getName() + ", issuer "
                        + x.getIssuerX500Principal().getName() + ", SHA-256 " + TlsSupport.fingerprint(x));
            }
        } catch (SSLPeerUnverifiedException e) {
            // no certificate
        }
        return Optional.empty();
    }
}
