package dev.sendmail.spi;

import dev.sendmail.api.TlsRequirement;
import dev.sendmail.api.TrustSettings;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for SMTP transports, built from {@link TrustSettings} with the JDK only: the system trust store or a
 * PEM/PKCS#12 CA file, SHA-256 certificate pins, a client certificate (PEM certificate chain with a PKCS#8 key,
 * or PKCS#12), TLS 1.2 or newer (the versions of {@link TrustSettings#protocols()}), host-name verification
 * (against {@link TrustSettings#hostOverride()} when set) and revocation lists ({@link TrustSettings#crlFile()},
 * checked with the JDK's PKIX revocation checker, CRLs only, never over the network). Two modes per host: <em>strict</em> fails the
 * handshake on a bad certificate; <em>lenient</em> (opportunistic TLS) completes it and records the problem in
 * the session, where {@link #certificateProblem(SSLSession)} finds it.
 */
public final class TlsSupport {

    /** The only protocols ever enabled, newest first ({@link TrustSettings#PROTOCOLS}). */
    public static final List<String> PROTOCOLS = TrustSettings.PROTOCOLS;

    static final String PROBLEM_KEY = "dev.sendmail.certificateProblem";
    /** Session value: the rule of a {@link TlsRequirement} that authenticated the server (DANE, PKIX for a name). */
    static final String RULE_KEY = "dev.sendmail.tlsRule";

    private final TrustSettings trust;
    private final SSLContext strict;
    private final SSLContext lenient;
    private final X509ExtendedTrustManager base;
    private final KeyManager[] keys;

    private TlsSupport(TrustSettings trust, SSLContext strict, SSLContext lenient, X509ExtendedTrustManager base,
                       KeyManager[] keys) {
        this.trust = trust;
        this.strict = strict;
        this.lenient = lenient;
        this.base = base;
        this.keys = keys;
    }

    /**
     * Loads the CA file and client certificate of {@code trust}.
     *
     * @throws GeneralSecurityException or IOException with a one-line message naming the file at fault
     * @param trust CA file, pins, client certificate, insecure flag
     * @return the TLS setup for one transport
     * @throws IOException when a file cannot be read
     */
    public static TlsSupport create(TrustSettings trust) throws GeneralSecurityException, IOException {
        X509ExtendedTrustManager base = TrustAnchors.create(trust);
        KeyManager[] keys = trust.clientCertificate().isPresent() ? ClientKeys.keyManagers(trust.clientCertificate().get())
                : null;
        SSLContext strict = SSLContext.getInstance("TLS");
        strict.init(keys, new TrustManager[] {new CheckingTrustManager(base, trust, false)}, null);
        SSLContext lenient = SSLContext.getInstance("TLS");
        lenient.init(keys, new TrustManager[] {new CheckingTrustManager(base, trust, true)}, null);
        return new TlsSupport(trust, strict, lenient, base, keys);
    }

    /**
     * The context for a host with {@code requirement}: for {@link TlsRequirement.Opportunistic}, the one of
     * {@link #context(boolean)}; for {@link TlsRequirement.Dane}, a new one whose only trust is the TLSA records
     * ({@link DaneTrustManager}); for {@link TlsRequirement.Pkix}, a new one that checks the chain against the trust
     * store and the required name itself, whatever the pins or insecure setting say; for
     * {@link TlsRequirement.Encrypted}, the lenient one.
     *
     * @param requirement the host's requirement
     * @param lenient for {@link TlsRequirement.Opportunistic} only: complete handshakes with bad certificates
     * @return the context
     * @throws IOException when a new context cannot be set up
     */
    public SSLContext context(TlsRequirement requirement, boolean lenient) throws IOException {
        if (requirement instanceof TlsRequirement.Opportunistic) {
            return context(lenient);
        }
        if (requirement instanceof TlsRequirement.Encrypted) {
            return this.lenient;
        }
        TrustManager tm;
        if (requirement instanceof TlsRequirement.Dane d) {
            tm = new DaneTrustManager(d.name(), d.records());
        } else if (requirement instanceof TlsRequirement.Pkix p) {
            tm = new NameCheckingTrustManager(base, p.name(), p.source() + ", certificate for " + p.name());
        } else {
            throw new IOException("the host is not to be used: " + requirement.rule());
        }
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, new TrustManager[] {tm}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for " + requirement.rule() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The context; {@code lenient} completes handshakes with bad certificates and records why.
     *
     * @param lenient true for probes, which show a bad certificate instead of failing
     * @return the context
     */
    public SSLContext context(boolean lenient) {
        return lenient ? this.lenient : strict;
    }

    /**
     * The protocols of {@link TrustSettings#protocols()}, SNI for {@code host} (unless it is an address), and the
     * JDK's host-name check unless insecure, pinned or checked against {@link TrustSettings#hostOverride()} (which
     * the trust manager does itself).
     *
     * @param context the context from {@link #context}
     * @param host the host name the certificate must match: {@link #serverName(String)} of the host connected to
     * @return the parameters for one connection
     */
    public SSLParameters parameters(SSLContext context, String host) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(protocols(context.getSupportedSSLParameters().getProtocols()));
        if (!trust.insecure() && trust.pins().isEmpty() && trust.hostOverride().isEmpty()) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isAddress(host)) {
            try {
                p.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException e) {
                // not a valid SNI name: send none
            }
        }
        return p;
    }

    /**
     * The name to send as the TLS server name and to check the certificate against for a host reached with
     * configured or opportunistic TLS: {@link TrustSettings#hostOverride()} when set, else {@code host}.
     *
     * @param host the name of the host connected to
     * @return the name
     */
    public String serverName(String host) {
        return trust.hostOverride().orElse(host);
    }

    /**
     * The protocols of {@link TrustSettings#protocols()} among {@code supported}, newest first.
     *
     * @param supported the protocols a socket or context supports
     * @return the ones to enable
     */
    public String[] protocols(String[] supported) {
        List<String> s = Arrays.asList(supported);
        return trust.protocols().stream().filter(s::contains).toArray(String[]::new);
    }

    /**
     * Puts TLS on a connected socket (STARTTLS, or implicit TLS right after connect) and completes the
     * handshake. The plain socket is closed with the TLS one.
     *
     * @param plain the connected socket
     * @param host the host name, for SNI and the name check
     * @param port the port
     * @param lenient whether to complete the handshake despite a bad certificate
     * @return the TLS socket after the handshake
     * @throws IOException when the handshake fails (with the certificate problem in the message)
     */
    public SSLSocket layer(Socket plain, String host, int port, boolean lenient) throws IOException {
        return layer(plain, host, port, TlsRequirement.OPPORTUNISTIC, lenient);
    }

    /**
     * Like {@link #layer(Socket, String, int, boolean)} for a host with a TLS requirement: the context of
     * {@link #context(TlsRequirement, boolean)}, and for a requirement the JDK's own name check is off (the
     * requirement's trust manager checks what the requirement says: no name for DANE-EE).
     *
     * @param plain the connected socket
     * @param host the host name, for SNI
     * @param port the port
     * @param requirement the host's requirement
     * @param lenient for {@link TlsRequirement.Opportunistic} only: complete the handshake despite a bad
     *        certificate
     * @return the TLS socket after the handshake
     * @throws IOException when the handshake fails (with the certificate problem in the message)
     */
    public SSLSocket layer(Socket plain, String host, int port, TlsRequirement requirement, boolean lenient)
            throws IOException {
        SSLContext ctx = context(requirement, lenient);
        // a DANE or MTA-STS requirement names the host itself; configured TLS may check another name
        String name = requirement instanceof TlsRequirement.Opportunistic ? serverName(host) : host;
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, name, port, true);
        s.setUseClientMode(true);
        SSLParameters p = parameters(ctx, name);
        if (!(requirement instanceof TlsRequirement.Opportunistic)) {
            p.setEndpointIdentificationAlgorithm(null);
        }
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    /**
     * The rule of a {@link TlsRequirement} that authenticated the server of {@code session}, such as
     * {@code DANE-EE 3 1 1}; empty when no requirement's check ran (opportunistic or configured TLS).
     *
     * @param session the session
     * @return what authenticated the server
     */
    public static Optional<String> authenticatedBy(SSLSession session) {
        Object v = session == null ? null : session.getValue(RULE_KEY);
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /**
     * What a session set up by this instance proves (see {@link TlsState#of}).
     *
     * @param session the session
     * @return the state
     */
    public TlsState state(SSLSession session) {
        return TlsState.of(session, trust);
    }

    /**
     * Why the peer's certificate would not be trusted, when a lenient handshake accepted it anyway.
     *
     * @param session the session
     * @return the problem; empty when the certificate is trusted
     */
    public static Optional<String> certificateProblem(SSLSession session) {
        Object v = session == null ? null : session.getValue(PROBLEM_KEY);
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /**
     * The SHA-256 fingerprint of a certificate, 64 lower-case hex digits (the form of {@link TrustSettings#pins()}).
     *
     * @param certificate the certificate
     * @return the fingerprint
     */
    public static String fingerprint(Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * A one-line reason for a failed certificate check, found anywhere in {@code failure}'s causes.
     *
     * @param failure a handshake failure
     * @return the reason; empty when the failure is not about a certificate
     */
    public static Optional<String> describeCertificateFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateException ce) {
                return Optional.of(CertificateFailures.describe(ce));
            }
        }
        return Optional.empty();
    }

    private static boolean isAddress(String host) {
        return host.startsWith("[") || host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }
}
