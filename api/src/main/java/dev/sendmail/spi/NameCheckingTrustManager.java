package dev.sendmail.spi;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * For {@link dev.sendmail.api.TlsRequirement.Pkix}: the JDK's chain check against the trust store (and CA file),
 * the server certificate's dates, and the required name checked here, whatever the transport does about names.
 * Pins and insecure mode do not apply. On success the rule is recorded in the handshake session.
 */
final class NameCheckingTrustManager extends ServerTrustManager {

    private final X509ExtendedTrustManager base;
    private final String name;
    private final String rule;

    NameCheckingTrustManager(X509ExtendedTrustManager base, String name, String rule) {
        this.base = base;
        this.name = name;
        this.rule = rule;
    }

    private void check(X509Certificate[] chain, String authType, SSLSession handshake)
            throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("certificate missing: the server sent no certificate");
        }
        try {
            base.checkServerTrusted(chain, authType);
            chain[0].checkValidity();
        } catch (CertificateException e) {
            throw new CertificateException(CertificateFailures.describe(e), e);
        }
        if (!CertificateNames.matches(chain[0], name)) {
            throw new CertificateException("certificate does not match the host name (no DNS name " + name
                    + " in it)");
        }
        if (handshake != null) {
            handshake.putValue(TlsSupport.RULE_KEY, rule);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, authType, handshake(socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType, handshake(engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return base.getAcceptedIssuers();
    }
}
