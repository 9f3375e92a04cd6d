package dev.sendmail.transport.jakarta;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The three trust decisions besides plain chain validation. Each extends {@link X509ExtendedTrustManager}, so
 * the JDK does not wrap it and add checks of its own.
 */
final class TrustManagers {

    private TrustManagers() {
    }

    /** Hex SHA-256 of the DER certificate, lower case. */
    static String sha256(X509Certificate cert) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new CertificateException("cannot fingerprint the server certificate", e);
        }
    }

    /** Base for server-only trust managers: client checks are refused, no issuers are advertised. */
    abstract static class ServerOnly extends X509ExtendedTrustManager {
        abstract void check(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine)
                throws CertificateException;

        @Override
        public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain, authType, socket, null);
        }

        @Override
        public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain, authType, null, engine);
        }

        @Override
        public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, authType, null, null);
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Accepts exactly the certificates whose SHA-256 fingerprint is pinned; no chain or name check. */
    static final class Pinned extends ServerOnly {
        private final List<String> pins;

        Pinned(List<String> pins) {
            this.pins = List.copyOf(pins);
        }

        @Override
        void check(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine)
                throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            String actual = sha256(chain[0]);
            if (!pins.contains(actual)) {
                throw new CertificateException("server certificate SHA-256 " + actual + " matches no pinned fingerprint");
            }
        }
    }

    /** Accepts anything ({@code --tls-insecure}). */
    static final class Insecure extends ServerOnly {
        @Override
        void check(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine) {
            // deliberately nothing: the user asked for no verification, and the CLI warned
        }
    }

    /**
     * Opportunistic TLS (RFC 7435): checks with the real trust manager, host name included, and records a
     * failure instead of refusing, so the message still travels encrypted. The connection reads the problem back
     * by its socket and reports it in the transcript.
     */
    static final class Recording extends ServerOnly {
        private final X509ExtendedTrustManager strict;
        private final Map<Object, String> problems = new ConcurrentHashMap<>();

        Recording(X509ExtendedTrustManager strict) {
            this.strict = strict;
        }

        @Override
        void check(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine) {
            try {
                if (socket != null) {
                    strict.checkServerTrusted(chain, authType, socket);
                } else if (engine != null) {
                    strict.checkServerTrusted(chain, authType, engine);
                } else {
                    strict.checkServerTrusted(chain, authType);
                }
            } catch (CertificateException | RuntimeException e) {
                Object key = socket != null ? socket : engine;
                if (key != null) {
                    problems.put(key, ReplyText.printable(e.getMessage() == null ? e.toString() : e.getMessage()));
                }
            }
        }

        /** The recorded problem of this socket, once. */
        String take(Object socket) {
            return problems.remove(socket);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return strict.getAcceptedIssuers();
        }
    }
}
