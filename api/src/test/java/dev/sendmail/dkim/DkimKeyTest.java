package dev.sendmail.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimKeyTest {

    private static KeyPair rsa;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The RSAPrivateKey inside the JDK's PKCS#8 encoding: what {@code openssl genrsa -traditional} writes. */
    private static byte[] pkcs1(byte[] pkcs8) {
        assertEquals(0x04, pkcs8[22]);
        assertEquals((byte) 0x82, pkcs8[23]);
        return Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    }

    private Path file(String content, String perms) throws Exception {
        Path p = Files.createTempFile(dir, "key", ".pem");
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return p;
    }

    @Test
    void pkcs8AndPkcs1RsaGiveTheSameKey() throws Exception {
        DkimKey eight = DkimKey.read(file(pem("PRIVATE KEY", rsa.getPrivate().getEncoded()), "rw-------"));
        DkimKey one = DkimKey.read(file(pem("RSA PRIVATE KEY", pkcs1(rsa.getPrivate().getEncoded())), "r--------"));
        assertEquals(DkimAlgorithm.RSA_SHA256, eight.algorithm());
        assertEquals(DkimAlgorithm.RSA_SHA256, one.algorithm());
        assertEquals(((RSAPrivateCrtKey) eight.privateKey()).getPrivateExponent(),
                ((RSAPrivateCrtKey) one.privateKey()).getPrivateExponent());
        assertEquals(rsa.getPublic(), eight.publicKey());
        assertEquals(2048, one.bits());
        assertEquals("v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(rsa.getPublic().getEncoded()),
                one.dnsRecord());
    }

    @Test
    void pkcs8Ed25519PicksEd25519() throws Exception {
        DkimKey k = DkimRfcExamplesTest.rfcEd25519Key();
        DkimKey read = DkimKey.read(file("junk before\r\n" + pem("PRIVATE KEY", k.privateKey().getEncoded()), "rw-------"));
        assertEquals(DkimAlgorithm.ED25519_SHA256, read.algorithm());
        assertEquals(DkimRfcExamplesTest.ED_PUBLIC, read.publicKeyTag());
    }

    @Test
    void keyReadableByOthersIsRefused() throws Exception {
        for (String perms : new String[] {"rw-r--r--", "rw-r-----", "rw----r--"}) {
            Path p = file(pem("PRIVATE KEY", rsa.getPrivate().getEncoded()), perms);
            DkimException e = assertThrows(DkimException.class, () -> DkimKey.read(p));
            assertEquals("DKIM key " + p + " is readable by others (chmod 600 it)", e.getMessage());
        }
    }

    @Test
    void badKeysGetOneLine() throws Exception {
        String[][] cases = {
            {"not a key at all", "no PEM private key found"},
            {"-----BEGIN PRIVATE KEY-----\nAAAA\n", "has no END line"},
            {"-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n", "not valid base64"},
            {"-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n", "is not a valid key"},
            {"-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n", "encrypted"},
            {"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nMAA=\n-----END RSA PRIVATE KEY-----\n",
                "encrypted"},
            {"-----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----\n", "RSA or Ed25519"},
            {"-----BEGIN RSA PRIVATE KEY-----\nMAA=\n-----END RSA PRIVATE KEY-----\n", "is not a valid key"},
        };
        for (String[] c : cases) {
            Path p = file(c[0], "rw-------");
            DkimException e = assertThrows(DkimException.class, () -> DkimKey.read(p), c[0]);
            assertTrue(e.getMessage().startsWith("DKIM key " + p + ": ") && e.getMessage().contains(c[1]),
                    e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
        Path missing = dir.resolve("none.pem");
        assertEquals("DKIM key " + missing + " does not exist",
                assertThrows(DkimException.class, () -> DkimKey.read(missing)).getMessage());
        Path big = file("x".repeat(DkimKey.MAX_PEM_OCTETS + 1), "rw-------");
        assertTrue(assertThrows(DkimException.class, () -> DkimKey.read(big)).getMessage().contains("not a PEM key"));
    }

    @Test
    void rsaSizesOutsideDkimsRangeAndOtherKeyTypesAreRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(512);
        DkimException small = assertThrows(DkimException.class, () -> DkimKey.of(g.generateKeyPair().getPrivate()));
        assertTrue(small.getMessage().contains("512 bits"), small.getMessage());
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        DkimException other = assertThrows(DkimException.class, () -> DkimKey.of(ec.generateKeyPair().getPrivate()));
        assertTrue(other.getMessage().contains("RSA or Ed25519"), other.getMessage());
    }

    @Test
    void anRsaKeyUnder2048BitsSignsButIsCalledWeak() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        assertEquals(java.util.Optional.of("a 1024-bit RSA key; use 2048 bits or more"),
                DkimKey.of(g.generateKeyPair().getPrivate()).weakness());
        assertEquals(java.util.Optional.empty(), DkimKey.of(rsa.getPrivate()).weakness());
    }
}
