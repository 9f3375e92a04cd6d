package dev.sendmail.spi;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager for the client side of a connection only: every client-certificate check is refused, and
 * subclasses check the server's chain.
 */
abstract class ServerTrustManager extends X509ExtendedTrustManager {

    /** The session being negotiated on {@code socket}, or null when there is none to record in. */
    static SSLSession handshake(Socket socket) {
        return socket instanceof SSLSocket s ? s.getHandshakeSession() : null;
    }

    /** The session being negotiated on {@code engine}, or null when there is none to record in. */
    static SSLSession handshake(SSLEngine engine) {
        return engine == null ? null : engine.getHandshakeSession();
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("client mode only");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client mode only");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client mode only");
    }
}
