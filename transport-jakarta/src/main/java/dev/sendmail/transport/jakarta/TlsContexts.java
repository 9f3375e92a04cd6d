package dev.sendmail.transport.jakarta;

import dev.sendmail.api.ClientCertificate;
import dev.sendmail.api.TrustSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the {@link SSLContext} for {@link TrustSettings}: the system store or a CA file (PEM bundle or
 * PKCS#12), SHA-256 pins, a client certificate (PEM chain with an unencrypted PKCS#8 key, or PKCS#12), or no
 * checks at all when insecure. For opportunistic TLS the checks are made and recorded instead of enforced.
 */
final class TlsContexts {

    private static final char[] NO_PASSWORD = new char[0];

    private final SSLContext context;
    private final Optional<TrustManagers.Recording> recording;

    private TlsContexts(SSLContext context, Optional<TrustManagers.Recording> recording) {
        this.context = context;
        this.recording = recording;
    }

    /**
     * @param lenient record certificate problems instead of failing the handshake (opportunistic TLS); pins and
     *        insecure settings are never lenient
     */
    static TlsContexts create(TrustSettings trust, boolean lenient) throws GeneralSecurityException, IOException {
        X509ExtendedTrustManager tm;
        Optional<TrustManagers.Recording> recording = Optional.empty();
        if (trust.insecure()) {
            tm = new TrustManagers.Insecure();
        } else if (!trust.pins().isEmpty()) {
            tm = new TrustManagers.Pinned(trust.pins());
        } else {
            tm = chainValidating(trust.caFile());
            if (lenient) {
                TrustManagers.Recording r = new TrustManagers.Recording(tm);
                recording = Optional.of(r);
                tm = r;
            }
        }
        KeyManager[] kms = trust.clientCertificate().isPresent()
                ? keyManagers(trust.clientCertificate().get()) : null;
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kms, new TrustManager[] {tm}, null);
        return new TlsContexts(ctx, recording);
    }

    SSLContext context() {
        return context;
    }

    /** The certificate problem recorded for this socket by opportunistic TLS, if any; each is returned once. */
    Optional<String> takeProblem(Object socket) {
        return recording.map(r -> r.take(socket));
    }

    private static X509ExtendedTrustManager chainValidating(Optional<Path> caFile)
            throws GeneralSecurityException, IOException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(caFile.isPresent() ? loadCaFile(caFile.get()) : null);
        for (TrustManager t : tmf.getTrustManagers()) {
            if (t instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    private static KeyStore loadCaFile(Path file) throws GeneralSecurityException, IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (isPem(bytes)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes));
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + file);
            }
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            return ks;
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            ks.load(in, NO_PASSWORD);
        }
        return ks;
    }

    private static KeyManager[] keyManagers(ClientCertificate cc) throws GeneralSecurityException, IOException {
        char[] password = cc.password().map(s -> s.reveal()).orElse(NO_PASSWORD);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        if (cc.keyFile().isEmpty()) {
            try (InputStream in = Files.newInputStream(cc.certificateFile())) {
                ks.load(in, password);
            }
        } else {
            ks.load(null, null);
            Certificate[] chain;
            try (InputStream in = Files.newInputStream(cc.certificateFile())) {
                chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(new Certificate[0]);
            }
            if (chain.length == 0) {
                throw new GeneralSecurityException("no certificate in " + cc.certificateFile());
            }
            ks.setKeyEntry("client", privateKey(cc.keyFile().get()), password, chain);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        java.util.Arrays.fill(password, '\0');
        return kmf.getKeyManagers();
    }

    private static PrivateKey privateKey(Path file) throws GeneralSecurityException, IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new GeneralSecurityException(file + ": expected an unencrypted PKCS#8 key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException(file + ": unsupported private key type", last);
    }

    private static boolean isPem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        return head.contains("-----BEGIN ");
    }
}
