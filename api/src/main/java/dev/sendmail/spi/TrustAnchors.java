package dev.sendmail.spi;

import dev.sendmail.api.TrustSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust manager that {@link TlsSupport} builds its checks on: the system trust store, or the certificates of
 * a PEM or PKCS#12 CA file; with a CRL file, the same anchors with revocation checked against those lists only.
 * Every file problem is one line naming the file.
 */
final class TrustAnchors {

    private TrustAnchors() {
    }

    static X509ExtendedTrustManager create(TrustSettings trust)
            throws GeneralSecurityException, IOException {
        KeyStore anchors = null;
        if (trust.caFile().isPresent()) {
            var file = trust.caFile().get();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new IOException("cannot read CA file " + file + ": " + fileProblem(e), e);
            }
            anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            if (new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN")) {
                List<X509Certificate> certs = Pem.certificates(bytes);
                if (certs.isEmpty()) {
                    throw new CertificateException("no certificate in CA file " + file);
                }
                for (int i = 0; i < certs.size(); i++) {
                    anchors.setCertificateEntry("ca" + i, certs.get(i));
                }
            } else {
                KeyStore p12 = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    p12.load(in, new char[0]);
                } catch (IOException e) {
                    throw new IOException("CA file " + file + " is neither PEM nor PKCS#12: " + e.getMessage(), e);
                }
                int i = 0;
                for (String alias : Collections.list(p12.aliases())) {
                    Certificate c = p12.getCertificate(alias);
                    if (c != null) {
                        anchors.setCertificateEntry("ca" + i++, c);
                    }
                }
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        X509ExtendedTrustManager plain = extended(tmf);
        if (trust.crlFile().isEmpty()) {
            return plain;
        }
        // the same anchors, with revocation checked against the lists of the file (and nothing fetched)
        Set<TrustAnchor> roots = new HashSet<>();
        for (X509Certificate c : plain.getAcceptedIssuers()) {
            roots.add(new TrustAnchor(c, null));
        }
        PKIXBuilderParameters params = new PKIXBuilderParameters(roots, new X509CertSelector());
        params.addCertStore(CertStore.getInstance("Collection",
                new CollectionCertStoreParameters(crls(trust.crlFile().get()))));
        PKIXRevocationChecker revocation = (PKIXRevocationChecker) CertPathValidator.getInstance("PKIX")
                .getRevocationChecker();
        // CRLs only; a certificate that no list of the file covers is not refused for that (as without the file)
        revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                PKIXRevocationChecker.Option.NO_FALLBACK, PKIXRevocationChecker.Option.SOFT_FAIL));
        params.addCertPathChecker(revocation);
        params.setRevocationEnabled(true);
        TrustManagerFactory pkix = TrustManagerFactory.getInstance("PKIX");
        pkix.init(new CertPathTrustManagerParameters(params));
        return extended(pkix);
    }

    private static X509ExtendedTrustManager extended(TrustManagerFactory tmf) throws GeneralSecurityException {
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X509ExtendedTrustManager");
    }

    /** The revocation lists of a PEM or DER file; none is an error naming the file. */
    private static Collection<? extends CRL> crls(Path file) throws GeneralSecurityException, IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read CRL file " + file + ": " + fileProblem(e), e);
        }
        Collection<? extends CRL> crls;
        try {
            crls = CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(bytes));
        } catch (CRLException e) {
            throw new CRLException("CRL file " + file + " is not a PEM or DER revocation list: " + e.getMessage(), e);
        }
        if (crls.isEmpty()) {
            throw new CRLException("no revocation list in CRL file " + file);
        }
        return crls;
    }

    static String fileProblem(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return String.valueOf(e.getMessage());
    }
}
