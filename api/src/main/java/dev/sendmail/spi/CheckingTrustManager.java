package dev.sendmail.spi;

import dev.sendmail.api.TrustSettings;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Pins, insecure mode and lenient recording around the JDK's chain and host-name checks; with a
 * {@link TrustSettings#hostOverride()}, the chain is checked by the JDK and the name here.
 */
final class CheckingTrustManager extends ServerTrustManager {
    private final X509ExtendedTrustManager base;
    private final TrustSettings trust;
    private final boolean lenient;

    CheckingTrustManager(X509ExtendedTrustManager base, TrustSettings trust, boolean lenient) {
        this.base = base;
        this.trust = trust;
        this.lenient = lenient;
    }

    private void check(X509Certificate[] chain, String authType, Runnable2 jdkCheck, SSLSession handshake)
            throws CertificateException {
        if (trust.insecure()) {
            return;
        }
        try {
            if (!trust.pins().isEmpty()) {
                String fp = TlsSupport.fingerprint(chain[0]);
                if (!trust.pins().contains(fp)) {
                    throw new CertificateException("certificate SHA-256 " + fp + " matches no configured pin");
                }
                return;
            }
            if (trust.hostOverride().isPresent()) {
                base.checkServerTrusted(chain, authType); // the chain only: the name is not the host's
                if (!CertificateNames.matches(chain[0], trust.hostOverride().get())) {
                    throw new CertificateException("certificate does not match the host name (no DNS name "
                            + trust.hostOverride().get() + " in it, the tls_host_override)");
                }
            } else {
                jdkCheck.run();
            }
            // the JDK does not check the validity of a trust anchor; a server certificate trusted directly
            // (a self-signed one in the CA file) must still be within its dates
            chain[0].checkValidity();
        } catch (CertificateException e) {
            String why = CertificateFailures.describe(e);
            if (lenient && handshake != null) {
                handshake.putValue(TlsSupport.PROBLEM_KEY, why);
                return;
            }
            throw new CertificateException(why, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        SSLSession hs = handshake(socket);
        check(chain, authType, () -> base.checkServerTrusted(chain, authType, socket), hs);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType, () -> base.checkServerTrusted(chain, authType, engine),
                handshake(engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, () -> base.checkServerTrusted(chain, authType), null);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return base.getAcceptedIssuers();
    }

    @FunctionalInterface
    private interface Runnable2 {
        void run() throws CertificateException;
    }
}
