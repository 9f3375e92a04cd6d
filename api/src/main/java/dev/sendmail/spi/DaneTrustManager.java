package dev.sendmail.spi;

import dev.sendmail.api.TlsaRecord;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * Authenticates an SMTP server by DNSSEC-validated TLSA records, as RFC 7672 says (the JDK has no DANE support):
 * <ul>
 * <li>DANE-EE(3): the server's own certificate (selector 0) or public key (selector 1) matches; neither its names
 *     nor its dates are checked.</li>
 * <li>DANE-TA(2): a certificate of the chain the server sent matches; the chain up to it must be valid (signatures,
 *     dates, CA constraints) with that certificate as the only trust anchor, and the server certificate must name
 *     the MX host (a DNS subject alternative name, with a wildcard only as the whole left-most label).</li>
 * <li>PKIX-TA(0) and PKIX-EE(1) are not usable for SMTP and never match; matching types 0 (exact), 1 (SHA-256) and
 *     2 (SHA-512).</li>
 * </ul>
 * On success the matched record is recorded in the handshake session, where {@link TlsState#of} finds it (the
 * session is then verified). The system trust store plays no part. Immutable and thread-safe.
 */
public final class DaneTrustManager extends ServerTrustManager {

    private final String name;
    private final List<TlsaRecord> records;

    /**
     * A trust manager for one host.
     *
     * @param name the MX host name, checked against the certificate for DANE-TA matches
     * @param records the host's TLSA records; unusable ones are ignored
     */
    public DaneTrustManager(String name, List<TlsaRecord> records) {
        this.name = name;
        this.records = records.stream().filter(TlsaRecord::isUsableForSmtp).toList();
    }

    /**
     * Checks a server's chain against the records, without a session to record the result in.
     *
     * @param chain the server's chain, its own certificate first
     * @return what matched, such as {@code DANE-EE 3 1 1}
     * @throws CertificateException with a one-line reason when no record authenticates the chain
     */
    public String match(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("certificate missing: the server sent no certificate");
        }
        if (records.isEmpty()) {
            throw new CertificateException("certificate not authenticated: no usable TLSA record");
        }
        for (TlsaRecord r : records) {
            if (r.usage() == TlsaRecord.DANE_EE && matches(r, chain[0])) {
                return "DANE-EE " + fields(r);
            }
        }
        String taProblem = null;
        for (TlsaRecord r : records) {
            if (r.usage() != TlsaRecord.DANE_TA) {
                continue;
            }
            for (int i = 0; i < chain.length; i++) {
                if (!matches(r, chain[i])) {
                    continue;
                }
                try {
                    checkPath(chain, i);
                    if (!CertificateNames.matches(chain[0], name)) {
                        throw new CertificateException("the certificate does not name " + name);
                    }
                    return "DANE-TA " + fields(r);
                } catch (CertificateException e) {
                    taProblem = "DANE-TA " + fields(r) + " matched, but " + e.getMessage();
                }
            }
        }
        throw new CertificateException(taProblem != null ? "certificate rejected (" + taProblem + ")"
                : "certificate matches none of the " + records.size() + " TLSA record(s) of " + name);
    }

    private static String fields(TlsaRecord r) {
        return r.usage() + " " + r.selector() + " " + r.matchingType();
    }

    /** Whether {@code r} matches {@code cert} by its selector and matching type. */
    static boolean matches(TlsaRecord r, X509Certificate cert) {
        byte[] selected;
        try {
            selected = r.selector() == 0 ? cert.getEncoded() : cert.getPublicKey().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            return false;
        }
        byte[] value;
        try {
            value = switch (r.matchingType()) {
                case 0 -> selected;
                case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
                case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
                default -> null;
            };
        } catch (GeneralSecurityException e) {
            return false;
        }
        return value != null && MessageDigest.isEqual(value, r.data());
    }

    /** The chain below {@code anchor} must validate with {@code chain[anchor]} as the only trust anchor. */
    private static void checkPath(X509Certificate[] chain, int anchor) throws CertificateException {
        if (anchor == 0) {
            chain[0].checkValidity();
            return;
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            var path = cf.generateCertPath(Arrays.asList(chain).subList(0, anchor));
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(chain[anchor], null)));
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(path, params);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the chain to it does not validate (" + e.getMessage() + ")", e);
        }
    }

    private void check(X509Certificate[] chain, SSLSession handshake) throws CertificateException {
        String matched = match(chain);
        if (handshake != null) {
            handshake.putValue(TlsSupport.RULE_KEY, matched);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, handshake(socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, handshake(engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, null);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
