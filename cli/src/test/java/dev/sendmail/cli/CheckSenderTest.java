package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.cli.config.Environment;
import dev.sendmail.dkim.DkimKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --check-sender and the sender section of --plan, against TXT answers from the srvtest resolver. */
class CheckSenderTest {

    @TempDir
    Path home;

    private Environment env;
    private Path keyFile;
    private String publicKey;

    @BeforeEach
    void setUp() throws Exception {
        env = CliRun.env(home);
        PrivateKey key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        keyFile = home.resolve("dkim.pem");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        publicKey = DkimKey.read(keyFile).publicKeyTag();
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--resolver", "srvtest",
                "--set", "txt.example.org=v=spf1 ip4:192.0.2.1 -all",
                "--set", "txt._dmarc.example.org=v=DMARC1; p=reject; adkim=s",
                "--set", "txt.sel._domainkey.example.org=v=DKIM1; k=ed25519; p=" + publicKey));
        all.addAll(List.of(args));
        return CliRun.run(env, "", all.toArray(String[]::new));
    }

    @Test
    void anAlignedSenderExitsZeroWithOneLinePerCheck() {
        CliRun r = run("--check-sender", "me@example.org", "--dkim-key", keyFile.toString(), "--dkim-selector", "sel");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("  spf: ok: example.org publishes \"v=spf1 ip4:192.0.2.1 -all\""), r.toString());
        assertTrue(r.out().contains("  dkim: ok: sel._domainkey.example.org publishes the configured ed25519 key"),
                r.toString());
        assertTrue(r.out().contains("  alignment strict: ok: From example.org is aligned through DKIM d=example.org"
                + " and SPF example.org"), r.toString());
    }

    @Test
    void aMisalignedEnvelopeSenderWithoutDkimIsToFixAndExits78() {
        CliRun r = run("--check-sender", "me@example.org", "-f", "bounces@esp.example.net");
        assertEquals(78, r.code(), r.toString());
        assertTrue(r.out().contains("  spf: fix: no SPF record at esp.example.net"), r.toString());
        assertTrue(r.out().contains("  alignment relaxed: fix: From example.org is aligned with neither the envelope "
                + "sender's domain esp.example.net (and no DKIM key): add a DKIM key for example.org"), r.toString());
    }

    @Test
    void jsonGivesOneObjectPerFinding() {
        CliRun r = run("--json", "--check-sender", "me@example.org");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("\"check\":\"dkim\",\"verdict\":\"note\""), r.toString());
        assertTrue(r.out().contains("{\"sender\":\"me@example.org\",\"check\":\"spf\",\"verdict\":\"ok\""),
                r.toString());
        assertTrue(r.out().contains("\"check\":\"alignment strict\",\"verdict\":\"ok\""), r.toString());
    }

    @Test
    void aBadAddressIsAUsageError() {
        CliRun r = run("--check-sender", "not an address");
        assertEquals(64, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
    }

    @Test
    void thePlanEndsWithTheSenderSection() {
        CliRun r = run("--plan", "--transport", "file", "--set", "dir=" + home, "-f", "me@example.org",
                "--route", "example.net=127.0.0.1", "you@example.net");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("sender me@example.org (SPF, DKIM, DMARC in DNS):"), r.toString());
        assertTrue(r.out().contains("  dmarc: ok: _dmarc.example.org: p=reject, adkim=s, aspf=r"), r.toString());
    }
}
