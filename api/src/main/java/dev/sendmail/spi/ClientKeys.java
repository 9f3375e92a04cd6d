package dev.sendmail.spi;

import dev.sendmail.api.ClientCertificate;
import dev.sendmail.api.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The key managers for a {@link ClientCertificate}: a PKCS#12 file, or a PEM certificate chain with a PKCS#8 key
 * (plain or encrypted). The password is wiped once the key store is built.
 */
final class ClientKeys {

    private ClientKeys() {
    }

    static KeyManager[] keyManagers(ClientCertificate cc) throws GeneralSecurityException, IOException {
        char[] password = cc.password().map(Secret::reveal).orElse(new char[0]);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            if (cc.keyFile().isEmpty()) {
                try (InputStream in = Files.newInputStream(cc.certificateFile())) {
                    ks.load(in, password);
                } catch (IOException e) {
                    throw new IOException("cannot read client certificate " + cc.certificateFile() + ": "
                            + TrustAnchors.fileProblem(e), e);
                }
            } else {
                List<X509Certificate> chain;
                try {
                    chain = Pem.certificates(Files.readAllBytes(cc.certificateFile()));
                } catch (IOException e) {
                    throw new IOException("cannot read client certificate " + cc.certificateFile() + ": "
                            + TrustAnchors.fileProblem(e), e);
                }
                if (chain.isEmpty()) {
                    throw new CertificateException("no certificate in " + cc.certificateFile());
                }
                String keyText;
                try {
                    keyText = Files.readString(cc.keyFile().get(), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    throw new IOException("cannot read client key " + cc.keyFile().get() + ": " + TrustAnchors.fileProblem(e), e);
                }
                PrivateKey key = pemKey(keyText, password, cc.keyFile().get().toString());
                ks.load(null, null);
                ks.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            return kmf.getKeyManagers();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static PrivateKey pemKey(String text, char[] password, String file)
            throws GeneralSecurityException, IOException {
        PKCS8EncodedKeySpec spec;
        List<byte[]> plain = Pem.blocks(text, "PRIVATE KEY");
        List<byte[]> encrypted = Pem.blocks(text, "ENCRYPTED PRIVATE KEY");
        if (!plain.isEmpty()) {
            spec = new PKCS8EncodedKeySpec(plain.get(0));
        } else if (!encrypted.isEmpty()) {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(encrypted.get(0));
            SecretKeyFactory f = SecretKeyFactory.getInstance(info.getAlgName());
            spec = info.getKeySpec(f.generateSecret(new PBEKeySpec(password)));
        } else if (text.contains("-----BEGIN RSA PRIVATE KEY") || text.contains("-----BEGIN EC PRIVATE KEY")) {
            throw new GeneralSecurityException(file + " is not PKCS#8; convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        } else {
            throw new GeneralSecurityException("no PEM private key in " + file);
        }
        for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("unsupported private key algorithm in " + file);
    }
}
