package dev.sendmail.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * nobody trusts, and a client certificate, all self-signed ({@link #caBundle()} trusts all but
 * {@link Kind#UNTRUSTED}, so each case fails for exactly one reason); and {@link Kind#ISSUED}, a certificate for
 * {@code localhost} issued by a test certificate authority ({@link #caPem()}) whose revocation lists
 * {@link #crl} writes, in DER by hand because the JDK has no API to make one.
 */
public final class TestCertificates {

    /** The certificates. */
    public enum Kind {
        GOOD("CN=localhost", "san=dns:localhost,ip:127.0.0.1", null),
        WRONG_HOST("CN=wrong.example", "san=dns:wrong.example", null),
        EXPIRED("CN=localhost", "san=dns:localhost,ip:127.0.0.1", "-30d"),
        UNTRUSTED("CN=localhost", "san=dns:localhost,ip:127.0.0.1", null),
        CLIENT("CN=client.example", "san=dns:client.example", null),
        /** Issued by the test authority, not self-signed; trusted through {@link #caPem()}. */
        ISSUED("CN=localhost", "san=dns:localhost,ip:127.0.0.1", null);

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
    /** ecdsa-with-SHA256, 1.2.840.10045.4.3.2. */
    private static final byte[] ECDSA_SHA256 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03,
        0x02};
    private static volatile TestCertificates instance;

    private final Path dir;
    private final KeyStore store;
    private Authority authority;

    /** The test authority's store (its key and the {@link Kind#ISSUED} key), its certificate, the issued one. */
    private record Authority(KeyStore store, X509Certificate ca, X509Certificate issued) {
    }

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
                if (k == Kind.ISSUED) {
                    continue;
                }
                List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", k.alias(), "-keyalg", "EC",
                        "-groupname", "secp256r1", "-dname", k.dname, "-ext", k.san));
                if (k.startDate != null) {
                    args.addAll(List.of("-startdate", k.startDate, "-validity", "1"));
                } else {
                    args.addAll(List.of("-validity", "3650"));
                }
                keytool(ks, args);
            }
            KeyStore store = load(ks);
            TestCertificates t = new TestCertificates(dir, store);
            StringBuilder bundle = new StringBuilder();
            for (Kind k : Kind.values()) {
                if (k == Kind.ISSUED) {
                    continue;
                }
                String pem = pem("CERTIFICATE", t.certificate(k).getEncoded());
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

    /**
     * The test authority and the {@link Kind#ISSUED} certificate it signs, made in {@code ca.p12} on first use
     * (four more keytool runs, which most test JVMs never need).
     */
    private synchronized Authority authority() {
        if (authority == null) {
            try {
                X509Certificate issued = issue(dir);
                KeyStore ks = load(dir.resolve("ca.p12"));
                X509Certificate ca = (X509Certificate) ks.getCertificate("ca");
                Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", ca.getEncoded()));
                Files.writeString(dir.resolve(Kind.ISSUED.alias() + ".pem"), pem("CERTIFICATE", issued.getEncoded()));
                authority = new Authority(ks, ca, issued);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot make the test authority: " + e, e);
            }
        }
        return authority;
    }

    private static X509Certificate issue(Path dir) throws IOException, GeneralSecurityException {
        Path ks = dir.resolve("ca.p12");
        Kind k = Kind.ISSUED;
        keytool(ks, List.of("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=send-mail test CA", "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity", "3650"));
        keytool(ks, List.of("-genkeypair", "-alias", k.alias(), "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", k.dname, "-validity", "3650"));
        Path csr = dir.resolve("issued.csr");
        Path cert = dir.resolve("issued-by-ca.pem");
        keytool(ks, List.of("-certreq", "-alias", k.alias(), "-file", csr.toString()));
        keytool(ks, List.of("-gencert", "-alias", "ca", "-infile", csr.toString(), "-outfile", cert.toString(),
                "-rfc", "-ext", k.san, "-ext", "eku=serverAuth", "-validity", "3650"));
        try (InputStream in = Files.newInputStream(cert)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static KeyStore load(Path ks) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    /** Runs the JDK's keytool with {@code args} on the PKCS#12 store {@code ks}. */
    private static void keytool(Path ks, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(args);
        cmd.addAll(List.of("-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args.get(0) + " failed: " + output);
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

    /** A server context presenting the certificate {@code kind} (for {@link Kind#ISSUED}, the authority's after it). */
    public SSLContext serverContext(Kind kind) {
        try {
            KeyStore one = KeyStore.getInstance("PKCS12");
            one.load(null, null);
            Certificate[] chain = kind == Kind.ISSUED ? new Certificate[] {authority().issued(), authority().ca()}
                    : new Certificate[] {store.getCertificate(kind.alias())};
            KeyStore from = kind == Kind.ISSUED ? authority().store() : store;
            one.setKeyEntry(kind.alias(), from.getKey(kind.alias(), PASSWORD), PASSWORD, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(one, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate {@code kind}. */
    public X509Certificate certificate(Kind kind) {
        try {
            return kind == Kind.ISSUED ? authority().issued() : (X509Certificate) store.getCertificate(kind.alias());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test authority's certificate in PEM: trust it (as a CA file) and {@link Kind#ISSUED} is trusted. */
    public Path caPem() {
        authority();
        return dir.resolve("ca.pem");
    }

    /**
     * Writes a revocation list the test authority signs, current for a day, in PEM.
     *
     * @param name the file name in the certificates' directory
     * @param revoked the certificates it lists as revoked (none for a list that revokes nothing)
     * @return the file
     */
    public Path crl(String name, X509Certificate... revoked) {
        try {
            Instant now = Instant.now();
            ByteArrayOutputStream entries = new ByteArrayOutputStream();
            for (X509Certificate c : revoked) {
                entries.write(der(0x30, der(0x02, c.getSerialNumber().toByteArray()),
                        time(now.minus(Duration.ofMinutes(5)))));
            }
            byte[] algorithm = der(0x30, ECDSA_SHA256);
            byte[] tbs = der(0x30, algorithm, authority().ca().getSubjectX500Principal().getEncoded(),
                    time(now.minus(Duration.ofHours(1))), time(now.plus(Duration.ofDays(1))),
                    revoked.length == 0 ? new byte[0] : der(0x30, entries.toByteArray()));
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign((PrivateKey) authority().store().getKey("ca", PASSWORD));
            s.update(tbs);
            byte[] sig = s.sign();
            byte[] bits = new byte[sig.length + 1];
            System.arraycopy(sig, 0, bits, 1, sig.length);
            byte[] crl = der(0x30, tbs, algorithm, der(0x03, bits));
            // parse it once, so a mistake here shows as such rather than as a failed check elsewhere
            CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl));
            Path file = dir.resolve(name);
            Files.writeString(file, pem("X509 CRL", crl));
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a CRL: " + e, e);
        }
    }

    private static byte[] time(Instant t) {
        return der(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC).format(t)
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** One DER element: the tag, the definite length and the concatenated contents. */
    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        int n = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else {
            byte[] len = BigInteger.valueOf(n).toByteArray();
            int skip = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - skip));
            out.write(len, skip, len.length - skip);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
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
        if (kind == Kind.ISSUED) {
            authority();
        }
        return dir.resolve(kind.alias() + ".pem");
    }

    /** The client certificate's PKCS#8 private key in PEM. */
    public Path clientKeyPem() {
        return dir.resolve("client-key.pem");
    }

    /** The SHA-256 fingerprint of {@code kind}'s certificate, 64 lower-case hex digits. */
    public String sha256(Kind kind) {
        try {
            byte[] der = certificate(kind).getEncoded();
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
