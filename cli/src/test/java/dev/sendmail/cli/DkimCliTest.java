package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.MessageContent;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.dkim.DkimKey;
import dev.sendmail.dkim.DkimSigner;
import dev.sendmail.testing.MemoryTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --dkim-key, --dkim-selector, --dkim-domain, the dkim_* configuration keys and --dkim-record. */
class DkimCliTest {

    @TempDir
    Path home;

    private Environment env;
    private String name;
    private MemoryTransport memory;
    private PrivateKey edKey;
    private Path edFile;

    private static final String MESSAGE = "From: Alice <alice@a.test>\nTo: bob@b.test\nSubject: hi\n\nhello\n"
            + "..a line that starts with a dot\n\n";

    @BeforeEach
    void setUp() throws Exception {
        env = CliRun.env(home);
        name = "dkim-" + System.nanoTime();
        memory = MemoryTransport.named(name);
        edKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        edFile = pem(edKey, "ed.pem", "rw-------");
    }

    private Path pem(PrivateKey key, String file, String perms) throws Exception {
        Path p = home.resolve(file);
        Files.writeString(p, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return p;
    }

    private CliRun mem(String stdin, String... args) {
        String[] all = Stream.concat(Stream.of("--transport", "memory", "--set", "name=" + name), Stream.of(args))
                .toArray(String[]::new);
        return CliRun.run(env, stdin, all);
    }

    /** The first header field (with its continuation lines) and the rest. */
    private static String[] firstField(String text) {
        int i = 0;
        do {
            i = text.indexOf("\r\n", i) + 2;
        } while (text.charAt(i) == '\t' || text.charAt(i) == ' ');
        return new String[] {text.substring(0, i), text.substring(i)};
    }

    @Test
    void sendmailModeSignsWhatIsSentWithTheFromDomain() throws Exception {
        CliRun r = mem(MESSAGE, "-i", "--dkim-key", edFile.toString(), "--dkim-selector", "ed1", "bob@b.test");
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, memory.sent().size());
        String sent = new String(memory.sent().get(0).content(), StandardCharsets.UTF_8);
        String[] parts = firstField(sent);
        assertTrue(parts[0].startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=a.test; s=ed1;"),
                parts[0]);
        assertTrue(parts[1].contains("\n..a line that starts with a dot\n"), parts[1]);
        // the same key and clock over the octets that followed the field give the same (deterministic) field
        DkimSigner again = DkimSigner.builder(DkimKey.of(edKey), "ed1", "a.test").clock(env.clock()).build();
        String expected = firstField(new String(again.sign(MessageContent.of(parts[1])).open().readAllBytes(),
                StandardCharsets.UTF_8))[0];
        assertEquals(expected, parts[0]);
    }

    @Test
    void batchSignsEveryMessageWithItsFromDomainAndReportsTheOneItCannotSign() throws Exception {
        Path dir = Files.createDirectories(home.resolve("batch"));
        java.util.Map<String, String> fromDomainByRecipient = new java.util.TreeMap<>();
        for (int i = 0; i < 6; i++) {
            String domain = i % 2 == 0 ? "a.test" : "c.test";
            String to = "r" + i + "@b.test";
            fromDomainByRecipient.put(to, domain);
            Files.writeString(dir.resolve("m" + i + ".eml"), "From: Sender <s" + i + "@" + domain + ">\nTo: " + to
                    + "\nSubject: m" + i + "\nDate: Sat, 28 Nov 2026 12:00:00 +0000\nMessage-ID: <m" + i
                    + "@a.test>\n\nbody " + i + "\n..dot\n");
        }
        Files.writeString(dir.resolve("nofrom.eml"), "To: z@b.test\nSubject: no From\n\nbody\n");
        CliRun r = mem("", "--batch", dir.toString(), "--concurrency", "3", "--dkim-key", edFile.toString(),
                "--dkim-selector", "ed1");
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().contains("nofrom.eml: failed: DKIM: no --dkim-domain and no From address"), r.err());
        assertTrue(r.err().contains("6 delivered, 0 queued, 0 deferred, 1 failed"), r.err());
        assertEquals(6, memory.sent().size(), r.toString());
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (MemoryTransport.Sent s : memory.sent()) {
            String to = s.recipients().get(0).address();
            String domain = fromDomainByRecipient.get(to);
            seen.add(to);
            String[] parts = firstField(new String(s.content(), StandardCharsets.UTF_8));
            assertTrue(parts[0].startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=" + domain
                    + "; s=ed1;"), to + " is signed for its From domain: " + parts[0]);
            // Ed25519 is deterministic: the same key and clock over the octets after the field give the same field
            DkimSigner again = DkimSigner.builder(DkimKey.of(edKey), "ed1", domain).clock(env.clock()).build();
            String expected = firstField(new String(again.sign(MessageContent.of(parts[1])).open().readAllBytes(),
                    StandardCharsets.UTF_8))[0];
            assertEquals(expected, parts[0], to);
            assertTrue(parts[1].contains("\n..dot\n"), parts[1]);
        }
        assertEquals(fromDomainByRecipient.keySet(), seen);
    }

    @Test
    void twoKeysFromTheConfigurationGiveTwoSignaturesWithTheConfiguredDomain() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        Path rsaFile = pem(g.generateKeyPair().getPrivate(), "rsa.pem", "rw-------");
        Path config = home.resolve("config");
        Files.writeString(config, "account default\nhost smtp.a.test\ndkim_key " + rsaFile + ", " + edFile
                + "\ndkim_selector r1, e1\ndkim_domain mail.a.test\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        CliRun r = mem(MESSAGE, "-C", config.toString(), "bob@b.test");
        assertEquals(0, r.code(), r.toString());
        String sent = new String(memory.sent().get(0).content(), StandardCharsets.UTF_8);
        String[] first = firstField(sent);
        String[] second = firstField(first[1]);
        assertTrue(first[0].contains("a=rsa-sha256;") && first[0].contains("d=mail.a.test; s=r1;"), first[0]);
        assertTrue(second[0].contains("a=ed25519-sha256;") && second[0].contains("d=mail.a.test; s=e1;"), second[0]);
    }

    @Test
    void keyReadableByOthersIsAConfigurationError() throws Exception {
        Path open = pem(edKey, "open.pem", "rw-r--r--");
        CliRun r = mem(MESSAGE, "--dkim-key", open.toString(), "--dkim-selector", "s", "bob@b.test");
        assertEquals(78, r.code(), r.toString());
        assertEquals("send-mail: DKIM key " + open + " is readable by others (chmod 600 it); message saved in "
                + home.resolve("dead.letter") + "\n", r.err(), "one line, and the message read is not lost");
        assertTrue(memory.sent().isEmpty());
    }

    @Test
    void eachKeyNeedsItsSelector() {
        CliRun r = mem(MESSAGE, "--dkim-key", edFile.toString(), "bob@b.test");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("one --dkim-selector per --dkim-key"), r.err());
        CliRun bad = mem(MESSAGE, "--dkim-key", edFile.toString(), "--dkim-selector", "a;b", "bob@b.test");
        assertEquals(64, bad.code(), bad.toString());
        assertTrue(memory.sent().isEmpty());
    }

    @Test
    void dkimRecordPrintsTheTxtRecord() throws Exception {
        CliRun r = CliRun.run(env, "", "--dkim-record", edFile.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(DkimKey.of(edKey).dnsRecord() + "\n", r.out());
        assertTrue(r.out().startsWith("v=DKIM1; k=ed25519; p="), r.out());
        CliRun missing = CliRun.run(env, "", "--dkim-record", home.resolve("none.pem").toString());
        assertEquals(66, missing.code(), missing.toString());
        assertEquals("send-mail: DKIM key " + home.resolve("none.pem") + " does not exist\n", missing.err());
    }

    @Test
    void aMissingKeyFileIsNoInputAndTheMessageIsKept() {
        Path none = home.resolve("none.pem");
        CliRun r = mem(MESSAGE, "--dkim-key", none.toString(), "--dkim-selector", "s", "bob@b.test");
        assertEquals(66, r.code(), r.toString());
        assertEquals("send-mail: DKIM key " + none + " does not exist; message saved in "
                + home.resolve("dead.letter") + "\n", r.err(), "one line, and the message read is not lost");
        assertTrue(memory.sent().isEmpty());
        CliRun dir = mem(MESSAGE, "--dkim-key", home.toString(), "--dkim-selector", "s", "bob@b.test");
        assertEquals(66, dir.code(), dir.toString());
    }

    @Test
    void canonicalizationIsChosenWithDkimCanon() {
        CliRun r = mem(MESSAGE, "--dkim-key", edFile.toString(), "--dkim-selector", "s", "--dkim-canon", "simple/simple",
                "bob@b.test");
        assertEquals(0, r.code(), r.toString());
        String sent = new String(memory.sent().get(0).content(), StandardCharsets.UTF_8);
        assertTrue(firstField(sent)[0].contains(" c=simple/simple;"), sent);
        CliRun bad = mem(MESSAGE, "--dkim-key", edFile.toString(), "--dkim-selector", "s", "--dkim-canon", "loose",
                "bob@b.test");
        assertEquals(64, bad.code(), bad.toString());
        assertTrue(bad.err().contains("--dkim-canon: canonicalization must be simple or relaxed"), bad.err());
    }

    private CliRun probe(String published, String... more) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("--probe", "--resolver", "srvtest",
                "--dkim-key", edFile.toString(), "--dkim-selector", "ed1", "--dkim-domain", "a.test"));
        if (published != null) {
            all.addAll(java.util.List.of("--set", "txt.ed1._domainkey.a.test=" + published));
        }
        all.addAll(java.util.List.of(more));
        return CliRun.run(env, "", all.toArray(String[]::new));
    }

    @Test
    void probeSaysInOneLineWhetherThePublishedRecordIsTheKey() throws Exception {
        DkimKey key = DkimKey.of(edKey);
        CliRun match = probe(key.dnsRecord());
        assertEquals(0, match.code(), match.toString());
        assertEquals("dkim ed1._domainkey.a.test: MATCH: publishes this ed25519 key\n", match.out());

        DkimKey other = DkimKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        CliRun mismatch = probe(other.dnsRecord());
        assertEquals(78, mismatch.code(), mismatch.toString());
        assertTrue(mismatch.out().startsWith("dkim ed1._domainkey.a.test: KEY_MISMATCH: p= is not the public half"
                + " of this ed25519 key; publish \"" + key.dnsRecord() + "\"\n"), mismatch.out());

        CliRun revoked = probe("v=DKIM1; k=ed25519; p=");
        assertEquals(78, revoked.code(), revoked.toString());
        assertTrue(revoked.out().startsWith("dkim ed1._domainkey.a.test: REVOKED: "), revoked.out());

        CliRun missing = probe(null);
        assertEquals(78, missing.code(), missing.toString());
        assertTrue(missing.out().startsWith("dkim ed1._domainkey.a.test: MISSING: no such name (NXDOMAIN); publish"),
                missing.out());

        CliRun json = probe(key.dnsRecord(), "--json");
        assertEquals("{\"dkim\":\"ed1._domainkey.a.test\",\"outcome\":\"match\",\"detail\":\"publishes this "
                + "ed25519 key\"}\n", json.out());
    }

    @Test
    void probeWithoutDkimDomainTakesTheSendersAndWithoutEitherSaysSo() {
        DkimKey key;
        try {
            key = DkimKey.of(edKey);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        CliRun r = CliRun.run(env, "", "--probe", "--resolver", "srvtest", "--dkim-key", edFile.toString(),
                "--dkim-selector", "ed1", "-f", "me@b.test", "--set", "txt.ed1._domainkey.b.test=" + key.dnsRecord());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("dkim ed1._domainkey.b.test: MATCH"), r.out());
        CliRun none = CliRun.run(env, "", "--probe", "--resolver", "srvtest", "--dkim-key", edFile.toString(),
                "--dkim-selector", "ed1");
        assertTrue(none.out().contains("dkim key: not checked: no --dkim-domain and no sender (-f)"), none.toString());
    }
}
