package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sendmail.dkim.DkimKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --probe} with DKIM keys against a real DNS server (dnsmasq): the published key record matches (Ed25519 in
 * one string, RSA 2048 in several strings the resolver joins), is another key, is revoked, or is missing. One
 * line per key, exit 0 only when every key matches.
 */
class DkimProbeIT {

    private static String dnsAddress;
    private static Path edKey;
    private static Path rsaKey;
    private static DkimKey ed;
    private static DkimKey rsa;

    private static Path pem(PrivateKey key, String name) throws Exception {
        Path p = Files.createTempFile("sendmail-it-" + name, ".pem");
        Files.writeString(p, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    /** A dnsmasq TXT record, in strings of at most 250 octets (DNS allows 255 a string). */
    private static String txt(String name, String value) {
        StringBuilder sb = new StringBuilder("txt-record=" + name);
        for (int i = 0; i < value.length(); i += 250) {
            sb.append(",\"").append(value, i, Math.min(value.length(), i + 250)).append('"');
        }
        return sb.append('\n').toString();
    }

    @BeforeAll
    static void world() throws Exception {
        DockerRequired.image("sendmail-it/dnsmasq:1");
        edKey = pem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate(), "ed");
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsaKey = pem(g.generateKeyPair().getPrivate(), "rsa");
        ed = DkimKey.read(edKey);
        rsa = DkimKey.read(rsaKey);
        DkimKey other = DkimKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        String zone = txt("ed._domainkey.match.test", ed.dnsRecord())
                + txt("rsa._domainkey.match.test", rsa.dnsRecord())
                + txt("ed._domainkey.other.test", other.dnsRecord())
                + txt("ed._domainkey.revoked.test", "v=DKIM1; k=ed25519; p=")
                // the domain exists, the selector does not
                + txt("missing.test", "v=spf1 -all");
        dnsAddress = DnsServer.start(zone);
    }

    private static CliResult probe(String domain, String... keys) {
        List<String> a = new ArrayList<>(List.of("--dns", dnsAddress + ":53", "--timeout", "15", "--probe",
                "--dkim-domain", domain));
        a.addAll(List.of(keys));
        return Cli.run(new byte[0], a);
    }

    @Test
    void bothPublishedKeysMatch() {
        CliResult r = probe("match.test", "--dkim-key", edKey.toString(), "--dkim-selector", "ed",
                "--dkim-key", rsaKey.toString(), "--dkim-selector", "rsa");
        assertEquals(0, r.exit(), r.describe());
        assertEquals("dkim ed._domainkey.match.test: MATCH: publishes this ed25519 key\n"
                + "dkim rsa._domainkey.match.test: MATCH: publishes this rsa key (2048 bits)\n", r.stdout(),
                r.describe());
    }

    @Test
    void anotherKeyIsAMismatchThatSaysWhatToPublish() {
        CliResult r = probe("other.test", "--dkim-key", edKey.toString(), "--dkim-selector", "ed");
        assertEquals(78, r.exit(), r.describe());
        assertEquals("dkim ed._domainkey.other.test: KEY_MISMATCH: p= is not the public half of this ed25519 key; "
                + "publish \"" + ed.dnsRecord() + "\"\n", r.stdout(), r.describe());
    }

    @Test
    void anRsaKeyAgainstAnEd25519RecordIsAKeyTypeMismatch() {
        CliResult r = probe("match.test", "--dkim-key", rsaKey.toString(), "--dkim-selector", "ed");
        assertEquals(78, r.exit(), r.describe());
        assertEquals("dkim ed._domainkey.match.test: KEY_TYPE_MISMATCH: the record says k=ed25519 but the key is "
                + "rsa; publish \"" + rsa.dnsRecord() + "\"\n", r.stdout(), r.describe());
    }

    @Test
    void revokedAndMissingRecords() {
        CliResult revoked = probe("revoked.test", "--dkim-key", edKey.toString(), "--dkim-selector", "ed");
        assertEquals(78, revoked.exit(), revoked.describe());
        assertEquals("dkim ed._domainkey.revoked.test: REVOKED: the key was revoked (empty p=); to sign with this "
                + "key, publish \"" + ed.dnsRecord() + "\"\n", revoked.stdout(), revoked.describe());
        CliResult missing = probe("missing.test", "--dkim-key", edKey.toString(), "--dkim-selector", "ed");
        assertEquals(78, missing.exit(), missing.describe());
        assertEquals("dkim ed._domainkey.missing.test: MISSING: no such name (NXDOMAIN); publish \""
                + ed.dnsRecord() + "\"\n", missing.stdout(), missing.describe());
    }
}
