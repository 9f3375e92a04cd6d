package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code --check-sender} against a real DNS server (dnsmasq) publishing SPF, DMARC and DKIM records: an aligned
 * domain, a sender whose envelope and DKIM domain belong to someone else, and a domain with broken records.
 */
class CheckSenderIT {

    private static String dnsAddress;
    private static Path edKey;
    private static Path rsaKey;
    private static Path otherKey;

    private static Path pem(PrivateKey key, String name) throws Exception {
        Path p = Files.createTempFile("sendmail-it-" + name, ".pem");
        Files.writeString(p, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    @BeforeAll
    static void world() throws Exception {
        DockerRequired.image("sendmail-it/dnsmasq:1");
        edKey = pem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate(), "ed");
        otherKey = pem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate(), "other");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        rsaKey = pem(rsa.generateKeyPair().getPrivate(), "rsa");
        String ed = DkimKey.read(edKey).publicKeyTag();
        String rsaP = DkimKey.read(rsaKey).publicKeyTag();
        String zone = String.join("\n",
                // aligned.test: everything in place, strict alignment required
                "txt-record=aligned.test,\"v=spf1 ip4:192.0.2.10 -all\"",
                "txt-record=_dmarc.aligned.test,\"v=DMARC1; p=reject; adkim=s; aspf=s; rua=mailto:d@aligned.test\"",
                "txt-record=ed._domainkey.aligned.test,\"v=DKIM1; k=ed25519; p=" + ed + "\"",
                // an RSA key is longer than one TXT string: two strings, joined by the reader
                "txt-record=rsa._domainkey.aligned.test,\"v=DKIM1; k=rsa; p=" + rsaP.substring(0, 200) + "\",\""
                        + rsaP.substring(200) + "\"",
                // esp.test: a mailing service with its own SPF and DKIM key
                "txt-record=esp.test,\"v=spf1 ip4:198.51.100.0/24 -all\"",
                "txt-record=ed._domainkey.esp.test,\"v=DKIM1; k=ed25519; p=" + ed + "\"",
                // broken.test: SPF open to all, no DMARC, a DKIM record for another key
                "txt-record=broken.test,\"v=spf1 mx +all\"",
                "txt-record=ed._domainkey.broken.test,\"v=DKIM1; k=ed25519; p=" + DkimKey.read(otherKey).publicKeyTag()
                        + "\"",
                "");
        dnsAddress = DnsServer.start(zone);
    }

    private static CliResult check(String from, String... more) {
        List<String> a = new ArrayList<>(List.of("--dns", dnsAddress + ":53", "--timeout", "15", "--check-sender",
                from));
        a.addAll(List.of(more));
        return Cli.run(new byte[0], a);
    }

    @Test
    void anAlignedDomainWithBothKeysNeedsNothing() {
        CliResult r = check("news@aligned.test", "--dkim-key", edKey.toString(), "--dkim-selector", "ed",
                "--dkim-key", rsaKey.toString(), "--dkim-selector", "rsa");
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.stdout().contains("spf: ok: aligned.test publishes \"v=spf1 ip4:192.0.2.10 -all\""),
                r.describe());
        assertTrue(r.stdout().contains("dkim: ok: ed._domainkey.aligned.test publishes the configured ed25519 key"),
                r.describe());
        assertTrue(r.stdout().contains("dkim: ok: rsa._domainkey.aligned.test publishes the configured rsa key"),
                r.describe());
        assertTrue(r.stdout().contains("dmarc: ok: _dmarc.aligned.test: p=reject, adkim=s, aspf=s"), r.describe());
        assertTrue(r.stdout().contains("alignment strict: ok: From aligned.test is aligned through DKIM "
                + "d=aligned.test and SPF aligned.test"), r.describe());
        assertTrue(!r.stdout().contains("fix:"), r.describe());
    }

    @Test
    void anEnvelopeAndDkimDomainOfAServiceAreMisaligned() {
        CliResult r = check("news@aligned.test", "-f", "bounces@esp.test", "--dkim-key", edKey.toString(),
                "--dkim-selector", "ed", "--dkim-domain", "esp.test");
        assertEquals(78, r.exit(), r.describe());
        assertTrue(r.stdout().contains("spf: ok: esp.test publishes"), r.describe());
        assertTrue(r.stdout().contains("dkim: ok: ed._domainkey.esp.test publishes the configured ed25519 key"),
                r.describe());
        assertTrue(r.stdout().contains("alignment relaxed: fix: From aligned.test is aligned with neither the "
                + "envelope sender's domain esp.test nor the DKIM domain esp.test: sign with d=aligned.test or send "
                + "with an envelope sender at aligned.test"), r.describe());
        assertTrue(r.stdout().contains("alignment strict: fix:"), r.describe());
    }

    @Test
    void brokenRecordsAreEachNamedOnOneLine() {
        CliResult r = check("me@broken.test", "--dkim-key", edKey.toString(), "--dkim-selector", "ed");
        assertEquals(78, r.exit(), r.describe());
        assertTrue(r.stdout().contains("spf: fix: broken.test: SPF '+all' lets every host on the Internet send as "
                + "this domain"), r.describe());
        assertTrue(r.stdout().contains("dkim: fix: the key at ed._domainkey.broken.test is not the public half of "
                + "the configured key"), r.describe());
        assertTrue(r.stdout().contains("dmarc: fix: no DMARC record for broken.test: publish _dmarc.broken.test"),
                r.describe());
        // relaxed alignment holds through SPF; nothing requires strict
        assertTrue(r.stdout().contains("alignment relaxed: ok: From broken.test is aligned through DKIM "
                + "d=broken.test (once its key is published) and SPF broken.test"), r.describe());
    }

    @Test
    void aDomainWithNothingPublishedSaysWhatToPublish() {
        CliResult r = check("me@nothing.test");
        assertEquals(78, r.exit(), r.describe());
        assertTrue(r.stdout().contains("spf: fix: no SPF record at nothing.test"), r.describe());
        assertTrue(r.stdout().contains("dmarc: fix: no DMARC record for nothing.test"), r.describe());
    }
}
