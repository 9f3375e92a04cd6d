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
import java.security.KeyStore;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A test certificate authority and a server certificate it issued for {@code localhost} and {@code 127.0.0.1}
 * (made once per JVM with the JDK's {@code keytool}), and certificate revocation lists it signs, written in DER by
 * hand because the JDK has no API to make one.
 */
public final class TestCa {

    private static final char[] PASSWORD = "changeit".toCharArray();
    /** ecdsa-with-SHA256, 1.2.840.10045.4.3.2. */
    private static final byte[] ECDSA_SHA256 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03,
        0x02};
    private static volatile TestCa instance;

    private final Path dir;
    private final X509Certificate ca;
    private final PrivateKey caKey;
    private final X509Certificate server;
    private final PrivateKey serverKey;

    private TestCa(Path dir, X509Certificate ca, PrivateKey caKey, X509Certificate server, PrivateKey serverKey) {
        this.dir = dir;
        this.ca = ca;
        this.caKey = caKey;
        this.server = server;
        this.serverKey = serverKey;
    }

    /** The authority and its server certificate, made on first use. */
    public static TestCa get() {
        TestCa t = instance;
        if (t == null) {
            synchronized (TestCa.class) {
                t = instance;
                if (t == null) {
                    instance = t = generate();
                }
            }
        }
        return t;
    }

    private static TestCa generate() {
        try {
            Path dir = Files.createTempDirectory("sendmail-ca");
            dir.toFile().deleteOnExit();
            String ks = dir.resolve("ca.p12").toString();
            List<String> store = List.of("-keystore", ks, "-storetype", "PKCS12", "-storepass", new String(PASSWORD));
            keytool(store, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=send-mail test CA", "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity", "3650");
            keytool(store, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=localhost", "-validity", "3650");
            keytool(store, "-certreq", "-alias", "server", "-file", dir.resolve("server.csr").toString());
            keytool(store, "-gencert", "-alias", "ca", "-infile", dir.resolve("server.csr").toString(), "-outfile",
                    dir.resolve("server.pem").toString(), "-rfc", "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext",
                    "eku=serverAuth", "-validity", "3650");
            KeyStore p12 = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(ks))) {
                p12.load(in, PASSWORD);
            }
            X509Certificate ca = (X509Certificate) p12.getCertificate("ca");
            X509Certificate server;
            try (InputStream in = Files.newInputStream(dir.resolve("server.pem"))) {
                server = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            Files.writeString(dir.resolve("ca.pem"), TestCertificates.pem("CERTIFICATE", ca.getEncoded()));
            return new TestCa(dir, ca, (PrivateKey) p12.getKey("ca", PASSWORD), server,
                    (PrivateKey) p12.getKey("server", PASSWORD));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the test CA: " + e, e);
        }
    }

    private static void keytool(List<String> store, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        cmd.addAll(store);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The authority's certificate in PEM: trust it (as a CA file) and the server certificate is trusted. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** The server certificate. */
    public X509Certificate serverCertificate() {
        return server;
    }

    /** A server context presenting the server certificate and the authority's after it. */
    public SSLContext serverContext() {
        try {
            KeyStore one = KeyStore.getInstance("PKCS12");
            one.load(null, null);
            one.setKeyEntry("server", serverKey, PASSWORD, new Certificate[] {server, ca});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(one, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a revocation list the authority signs, current for a day, in PEM.
     *
     * @param name the file name in the authority's directory
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
            byte[] tbs = der(0x30, algorithm, ca.getSubjectX500Principal().getEncoded(),
                    time(now.minus(Duration.ofHours(1))), time(now.plus(Duration.ofDays(1))),
                    revoked.length == 0 ? new byte[0] : der(0x30, entries.toByteArray()));
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(caKey);
            s.update(tbs);
            byte[] sig = s.sign();
            byte[] bits = new byte[sig.length + 1];
            System.arraycopy(sig, 0, bits, 1, sig.length);
            byte[] crl = der(0x30, tbs, algorithm, der(0x03, bits));
            // parse it once, so a mistake here shows as such rather than as a failed check elsewhere
            CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl));
            Path file = dir.resolve(name);
            Files.writeString(file, TestCertificates.pem("X509 CRL", crl));
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
}
