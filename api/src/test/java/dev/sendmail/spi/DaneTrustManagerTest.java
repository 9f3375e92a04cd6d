package dev.sendmail.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.TlsaRecord;
import dev.sendmail.testkit.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DANE trust manager on certificates made at test time with keytool: a CA and a server certificate it signs
 * for {@code mx.dane.test} (DANE-TA), and the shared self-signed test certificates (DANE-EE, including an expired
 * one and one for another name, which DANE-EE must accept).
 */
class DaneTrustManagerTest {

    @TempDir
    static Path dir;
    private static X509Certificate ca;
    private static X509Certificate leaf;
    private static X509Certificate otherCa;

    @BeforeAll
    static void makeChain() throws Exception {
        Path ks = dir.resolve("dane.p12");
        keytool("-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=DANE test CA",
                "-ext", "bc:c", "-validity", "30");
        keytool("-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=DANE other CA",
                "-ext", "bc:c", "-validity", "30");
        keytool("-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=mx.dane.test",
                "-validity", "30");
        Path csr = dir.resolve("leaf.csr");
        keytool("-certreq", "-keystore", ks.toString(), "-storepass", "changeit", "-alias", "leaf",
                "-file", csr.toString());
        Path signed = dir.resolve("leaf.pem");
        keytool("-gencert", "-keystore", ks.toString(), "-storepass", "changeit", "-alias", "ca",
                "-infile", csr.toString(), "-outfile", signed.toString(), "-rfc", "-validity", "20",
                "-ext", "san=dns:mx.dane.test");
        Path caPem = dir.resolve("ca.pem");
        keytool("-exportcert", "-keystore", ks.toString(), "-storepass", "changeit", "-alias", "ca", "-rfc",
                "-file", caPem.toString());
        Path otherPem = dir.resolve("other.pem");
        keytool("-exportcert", "-keystore", ks.toString(), "-storepass", "changeit", "-alias", "other", "-rfc",
                "-file", otherPem.toString());
        ca = read(caPem);
        leaf = read(signed);
        otherCa = read(otherPem);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + out);
        }
    }

    private static X509Certificate read(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    private static X509Certificate shared(TestCertificates.Kind kind) throws Exception {
        return read(TestCertificates.get().certificatePem(kind));
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    private static TlsaRecord tlsa(String text) {
        return TlsaRecord.parse(text);
    }

    private static String match(String name, List<TlsaRecord> records, X509Certificate... chain)
            throws CertificateException {
        return new DaneTrustManager(name, records).match(chain);
    }

    @Test
    void daneEeMatchesTheCertificateOrItsKeyByEveryMatchingType() throws Exception {
        X509Certificate good = shared(TestCertificates.Kind.GOOD);
        byte[] der = good.getEncoded();
        byte[] spki = good.getPublicKey().getEncoded();
        assertEquals("DANE-EE 3 0 1", match("mx.test", List.of(tlsa("3 0 1 " + hex("SHA-256", der))), good));
        assertEquals("DANE-EE 3 1 1", match("mx.test", List.of(tlsa("3 1 1 " + hex("SHA-256", spki))), good));
        assertEquals("DANE-EE 3 1 2", match("mx.test", List.of(tlsa("3 1 2 " + hex("SHA-512", spki))), good));
        assertEquals("DANE-EE 3 0 0", match("mx.test", List.of(tlsa("3 0 0 " + HexFormat.of().formatHex(der))),
                good));
        assertEquals("DANE-EE 3 1 0", match("mx.test", List.of(tlsa("3 1 0 " + HexFormat.of().formatHex(spki))),
                good));
    }

    @Test
    void daneEeChecksNeitherTheNameNorTheDates() throws Exception {
        for (TestCertificates.Kind k : List.of(TestCertificates.Kind.EXPIRED, TestCertificates.Kind.WRONG_HOST)) {
            X509Certificate c = shared(k);
            assertEquals("DANE-EE 3 0 1", match("mx.dane.test",
                    List.of(tlsa("3 0 1 " + hex("SHA-256", c.getEncoded()))), c), k.toString());
        }
    }

    @Test
    void aCertificateMatchingNoRecordIsRejected() throws Exception {
        X509Certificate good = shared(TestCertificates.Kind.GOOD);
        X509Certificate other = shared(TestCertificates.Kind.UNTRUSTED);
        CertificateException e = assertThrows(CertificateException.class, () -> match("mx.test",
                List.of(tlsa("3 0 1 " + hex("SHA-256", other.getEncoded()))), good));
        assertTrue(e.getMessage().contains("matches none of the 1 TLSA record"), e.getMessage());
    }

    @Test
    void pkixUsagesAreNeverUsedForSmtp() throws Exception {
        X509Certificate good = shared(TestCertificates.Kind.GOOD);
        String digest = hex("SHA-256", good.getEncoded());
        for (String usage : List.of("0", "1")) {
            TlsaRecord r = tlsa(usage + " 0 1 " + digest);
            assertFalse(r.isUsableForSmtp());
            assertThrows(CertificateException.class, () -> match("localhost", List.of(r), good), usage);
        }
    }

    @Test
    void daneTaAcceptsAChainToTheMatchingAnchorThatNamesTheMxHost() throws Exception {
        TlsaRecord ta = tlsa("2 0 1 " + hex("SHA-256", ca.getEncoded()));
        assertEquals("DANE-TA 2 0 1", match("mx.dane.test", List.of(ta), leaf, ca));
        TlsaRecord taKey = tlsa("2 1 1 " + hex("SHA-256", ca.getPublicKey().getEncoded()));
        assertEquals("DANE-TA 2 1 1", match("MX.Dane.Test.", List.of(taKey), leaf, ca));
    }

    @Test
    void daneTaChecksTheName() throws Exception {
        TlsaRecord ta = tlsa("2 0 1 " + hex("SHA-256", ca.getEncoded()));
        CertificateException e = assertThrows(CertificateException.class,
                () -> match("mx.other.test", List.of(ta), leaf, ca));
        assertTrue(e.getMessage().contains("does not name mx.other.test"), e.getMessage());
    }

    @Test
    void daneTaNeedsTheChainToLeadToTheAnchor() throws Exception {
        // the other CA is in the chain and matches the record, but did not sign the server certificate
        TlsaRecord ta = tlsa("2 0 1 " + hex("SHA-256", otherCa.getEncoded()));
        CertificateException e = assertThrows(CertificateException.class,
                () -> match("mx.dane.test", List.of(ta), leaf, otherCa));
        assertTrue(e.getMessage().contains("does not validate"), e.getMessage());
    }

    @Test
    void anEmptyChainOrNoUsableRecordIsRejected() throws Exception {
        TlsaRecord ta = tlsa("2 0 1 " + hex("SHA-256", ca.getEncoded()));
        assertThrows(CertificateException.class, () -> match("mx.dane.test", List.of(ta)));
        assertThrows(CertificateException.class, () -> match("mx.dane.test", List.of(), leaf, ca));
    }

    @Test
    void wildcardsStandForExactlyOneLeftMostLabel() {
        assertTrue(CertificateNames.matchesPattern("*.dane.test", "mx.dane.test"));
        assertFalse(CertificateNames.matchesPattern("*.dane.test", "a.mx.dane.test"));
        assertFalse(CertificateNames.matchesPattern("*.dane.test", "dane.test"));
        assertFalse(CertificateNames.matchesPattern("*.test", "dane.test"));
        assertFalse(CertificateNames.matchesPattern("m*.dane.test", "mx.dane.test"));
        assertTrue(CertificateNames.matchesPattern("mx.dane.test", "mx.dane.test"));
    }
}
