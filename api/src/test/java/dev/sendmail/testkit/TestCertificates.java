package dev.sendmail.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Test certificates, made once per JVM at test time with the JDK's {@code keytool} in a temporary directory:
 * a good certificate for {@code localhost}/{@code 127.0.0.1}, one for the wrong host, an expired one, one
 * nobody trusts, and a client certificate. All are self-signed; {@link #caBundle()} trusts all but
 * {@link Kind#UNTRUSTED}, so each case fails for exactly one reason.
 */
public final class TestCertificates {

    /** The certificates. */
    public enum Kind {
        GOOD("CN=localhost", "san=dns:localhost,ip:127.0.0.1", null),
        WRONG_HOST("CN=wrong.example", "san=dns:wrong.example", null),
        EXPIRED("CN=localhost", "san=dns:localhost,ip:127.0.0.1", "-30d"),
        UNTRUSTED("CN=localhost", "san=dns:localhost,ip:127.0.0.1", null),
        CLIENT("CN=client.example", "san=dns:client.example", null);

        final String dname;
        final String san;
        final String startDate;

        Kind(String dname, String san, String startDate) {
            this.dname = dname;
            this.san = san;
            this.startDate = startDate;
        }

        String alias() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static volatile TestCertificates instance;

    private final Path dir;
    private final KeyStore store;

    private TestCertificates(Path dir, KeyStore store) {
        this.dir = dir;
        this.store = store;
    }

    /** The certificates, generated on first use. */
    public static TestCertificates get() {
        TestCertificates t = instance;
        if (t == null) {
            synchronized (TestCertificates.class) {
                t = instance;
                if (t == null) {
                    instance = t = generate();
                }
            }
        }
        return t;
    }

    private static TestCertificates generate() {
        try {
            Path dir = Files.createTempDirectory("sendmail-certs");
            dir.toFile().deleteOnExit();
            Path ks = dir.resolve("all.p12");
            for (Kind k : Kind.values()) {
                List<String> cmd = new ArrayList<>(List.of(keytool(), "-genkeypair", "-keystore", ks.toString(),
                        "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-alias", k.alias(),
                        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", k.dname, "-ext", k.san));
                if (k.startDate != null) {
                    cmd.addAll(List.of("-startdate", k.startDate, "-validity", "1"));
                } else {
                    cmd.addAll(List.of("-validity", "3650"));
                }
                run(cmd);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                store.load(in, PASSWORD);
            }
            TestCertificates t = new TestCertificates(dir, store);
            StringBuilder bundle = new StringBuilder();
            for (Kind k : Kind.values()) {
                String pem = pem("CERTIFICATE", store.getCertificate(k.alias()).getEncoded());
                Files.writeString(t.certificatePem(k), pem);
                if (k != Kind.UNTRUSTED && k != Kind.CLIENT) {
                    bundle.append(pem);
                }
            }
            Files.writeString(t.caBundle(), bundle);
            Key key = store.getKey(Kind.CLIENT.alias(), PASSWORD);
            Files.writeString(t.clientKeyPem(), pem("PRIVATE KEY", key.getEncoded()));
            return t;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make test certificates: " + e, e);
        }
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A server context presenting the certificate {@code kind}. */
    public SSLContext serverContext(Kind kind) {
        try {
            KeyStore one = KeyStore.getInstance("PKCS12");
            one.load(null, null);
            one.setKeyEntry(kind.alias(), store.getKey(kind.alias(), PASSWORD), PASSWORD,
                    new Certificate[] {store.getCertificate(kind.alias())});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(one, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM file with GOOD, WRONG_HOST and EXPIRED: trust it and each fails only for its own reason. */
    public Path caBundle() {
        return dir.resolve("ca-bundle.pem");
    }

    /** The PKCS#12 key store holding every key (password {@link #password()}). */
    public Path keyStore() {
        return dir.resolve("all.p12");
    }

    public static String password() {
        return new String(PASSWORD);
    }

    public Path certificatePem(Kind kind) {
        return dir.resolve(kind.alias() + ".pem");
    }

    /** The client certificate's PKCS#8 private key in PEM. */
    public Path clientKeyPem() {
        return dir.resolve("client-key.pem");
    }

    /** The SHA-256 fingerprint of {@code kind}'s certificate, 64 lower-case hex digits. */
    public String sha256(Kind kind) {
        try {
            byte[] der = store.getCertificate(kind.alias()).getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Not used by tests directly; keeps the directory reachable for debugging. */
    public Path directory() {
        return dir;
    }
}
