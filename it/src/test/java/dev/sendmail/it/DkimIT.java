package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.dkim.DkimKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * DKIM signatures made by send-mail (one RSA and one Ed25519 signature on each message) verify with independent
 * verifiers, dkimpy and OpenDKIM, after the message went through Postfix and was read back from its Maildir: both
 * transports, relaxed and simple canonicalization, a message with LF line ends, a long folded header, a UTF-8
 * subject, trailing white space, dot-lines and trailing empty lines; and every message of a {@code --batch}.
 */
class DkimIT {

    private static final String RCPT = "bob@example.test";
    private static final String DOMAIN = "example.test";

    private static Path rsaKey;
    private static Path edKey;
    private static GenericContainer<?> verifier;

    @BeforeAll
    static void keysAndVerifier() throws Exception {
        DockerRequired.image("sendmail-it/dkimverify:1");
        Path dir = Files.createTempDirectory("sendmail-it-dkim");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        rsaKey = pem(dir.resolve("rsa.pem"), rsa.generateKeyPair().getPrivate());
        edKey = pem(dir.resolve("ed.pem"), KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        String zone = txt("rsa1._domainkey." + DOMAIN, DkimKey.read(rsaKey).dnsRecord())
                + txt("ed1._domainkey." + DOMAIN, DkimKey.read(edKey).dnsRecord());
        verifier = new GenericContainer<>(DockerImageName.parse("sendmail-it/dkimverify:1"))
                .withCopyToContainer(Transferable.of(zone), "/etc/dnsmasq.d/keys.conf")
                .waitingFor(Wait.forLogMessage(".*dkimverify ready.*", 1));
        verifier.start();
        Containers.stopAtExit(verifier);
    }

    private static Path pem(Path file, PrivateKey key) throws IOException {
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** A dnsmasq TXT record, in strings of at most 255 octets as DNS requires. */
    private static String txt(String name, String value) {
        StringBuilder sb = new StringBuilder("txt-record=" + name);
        for (int i = 0; i < value.length(); i += 250) {
            sb.append(",\"").append(value, i, Math.min(value.length(), i + 250)).append('"');
        }
        return sb.append('\n').toString();
    }

    /** LF line ends, as a script would write it. */
    private static byte[] message(String token) {
        String longHeader = "X-Long: " + String.join("\n\t", List.of(
                "a long header field that is folded over several lines,",
                "each continuation starting with a tab,   with runs of   spaces,",
                "and trailing white space   ", "token " + token));
        String m = "From: Sender <" + TestMessages.FROM + ">\n"
                + "To: " + RCPT + "\n"
                + "Subject: Grüße aus Köln ✓ " + token + "\n"
                + "Date: Sat, 28 Nov 2026 12:00:00 +0000\n"
                + "Message-ID: <" + token + "@example.test>\n"
                + longHeader + "\n"
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
                + "\n"
                + "first line\n.\n..\n.leading dot\n..two leading dots\n"
                + "trailing spaces   \n\ttab-indented line\n"
                + "naïve café\n"
                + "\n\n\n";
        return m.getBytes(StandardCharsets.UTF_8);
    }

    /** Maildir stores LF line ends; verifiers get the message as it travels, with CRLF. */
    private static byte[] crlf(byte[] lf) {
        return new String(lf, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static ExecResult verify(String token, byte[] message) {
        String path = "/tmp/" + token + ".eml";
        verifier.copyFileToContainer(Transferable.of(message), path);
        try {
            return verifier.execInContainer("it-dkimverify", path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "[{0} {1}]")
    @CsvSource({"socket, relaxed/relaxed", "socket, simple/simple", "jakarta, relaxed/relaxed",
        "jakarta, simple/simple"})
    void signaturesVerifyAfterPostfixStoredTheMessage(String transport, String canon) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("dkim-" + transport + "-" + canon.replace('/', '-'));
        List<String> args = new ArrayList<>(Cli.smartHost(transport, pf, pf.smtpPort(), "off"));
        args.addAll(List.of("-i", "-f", TestMessages.FROM, "--dkim-key", rsaKey.toString(), "--dkim-selector", "rsa1",
                "--dkim-key", edKey.toString(), "--dkim-selector", "ed1", "--dkim-canon", canon, RCPT));
        CliResult r = Cli.run(message(token), args);
        assertEquals(0, r.exit(), r.describe());

        byte[] stored = crlf(pf.awaitMessages(token, 1).get(0));
        String text = new String(stored, StandardCharsets.UTF_8);
        String unfolded = text.replace("\r\n\t", " ");
        assertTrue(unfolded.contains("DKIM-Signature: v=1; a=rsa-sha256; c=" + canon + "; d=example.test; s=rsa1;"),
                text);
        assertTrue(unfolded.contains("DKIM-Signature: v=1; a=ed25519-sha256; c=" + canon + "; d=example.test; s=ed1;"),
                text);
        ExecResult v = verify(token, stored);
        String out = v.getStdout() + v.getStderr();
        assertTrue(out.contains("dkimpy: signature 0 rsa-sha256 pass"), out);
        assertTrue(out.contains("dkimpy: signature 1 ed25519-sha256 pass"), out);
        assertTrue(out.contains("opendkim: signature 0 rsa-sha256 pass"), out);
        assertTrue(out.contains("opendkim: signature 1 ed25519-sha256 pass"), out);
        assertEquals(0, v.getExitCode(), out);

        // the verifiers are not saying yes to everything: one changed body octet fails both
        ExecResult tampered = verify(token + "-changed", text.replace("naïve café", "naive cafe")
                .getBytes(StandardCharsets.UTF_8));
        String bad = tampered.getStdout() + tampered.getStderr();
        assertTrue(bad.contains("dkimpy: signature 0 rsa-sha256 fail"), bad);
        assertTrue(bad.contains("dkimpy: signature 1 ed25519-sha256 fail"), bad);
        assertTrue(bad.contains("opendkim: signature 0 rsa-sha256 fail"), bad);
        assertTrue(bad.contains("opendkim: signature 1 ed25519-sha256 fail"), bad);
    }

    @Test
    void everyMessageOfABatchIsSignedAndVerifies() throws IOException {
        MailServer pf = Servers.postfix();
        Path dir = Files.createTempDirectory("sendmail-it-dkim-batch");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String token = TestMessages.token("dkim-batch-" + i);
            tokens.add(token);
            Files.write(dir.resolve("m" + i + ".eml"), message(token));
        }
        List<String> args = new ArrayList<>(Cli.smartHost("socket", pf, pf.smtpPort(), "off"));
        args.addAll(List.of("--batch", dir.toString(), "--concurrency", "2", "--dkim-key", rsaKey.toString(),
                "--dkim-selector", "rsa1", "--dkim-key", edKey.toString(), "--dkim-selector", "ed1"));
        CliResult r = Cli.run(new byte[0], args);
        assertEquals(0, r.exit(), r.describe());
        for (String token : tokens) {
            byte[] stored = crlf(pf.awaitMessages(token, 1).get(0));
            ExecResult v = verify(token, stored);
            String out = v.getStdout() + v.getStderr();
            assertTrue(out.contains("dkimpy: signature 0 rsa-sha256 pass"), out);
            assertTrue(out.contains("dkimpy: signature 1 ed25519-sha256 pass"), out);
            assertTrue(out.contains("opendkim: signature 0 rsa-sha256 pass"), out);
            assertTrue(out.contains("opendkim: signature 1 ed25519-sha256 pass"), out);
            assertEquals(0, v.getExitCode(), out);
        }
    }
}
