package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.SmtpScript;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sender-dependent relaying: two accounts of the configuration file, chosen by the envelope sender, send through
 * two different relays (Postfix with STARTTLS, and a second server); the default account's host is down, so mail
 * that went the default way would fail.
 */
class SenderRelaysIT {

    @TempDir
    Path dir;

    @Test
    void twoAccountsBySenderGoToTwoDifferentRelays() throws Exception {
        MailServer pf = Servers.postfix();
        try (FakeSmtpServer second = FakeSmtpServer.start(SmtpScript.accepting());
                Socket down = new Socket()) {
            down.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Path config = dir.resolve("config");
            Files.writeString(config, String.join("\n",
                    "defaults",
                    "transport socket",
                    "timeout 30",
                    "account main",
                    "host 127.0.0.1",
                    "port " + down.getLocalPort(),
                    "from main@example.test",
                    "account alice",
                    "host " + pf.host(),
                    "port " + pf.smtpPort(),
                    "tls starttls",
                    "tls_trust_file " + pf.caFile(),
                    "from alice@example.test",
                    "account bob",
                    "host " + second.address().getHostAddress(),
                    "port " + second.port(),
                    "tls off",
                    "from *@bob.example.test",
                    "account default : main",
                    ""));
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

            String aliceToken = TestMessages.token("relay-alice");
            CliResult alice = Cli.run(TestMessages.simple(aliceToken, "carol@example.test", "from alice\r\n"),
                    List.of("-C", config.toString(), "-v", "-f", "alice@example.test", "carol@example.test"));
            assertEquals(0, alice.exit(), alice.describe());
            assertTrue(alice.stderr().contains("selects account 'alice'"), alice.describe());

            String bobToken = TestMessages.token("relay-bob");
            CliResult bob = Cli.run(TestMessages.simple(bobToken, "carol@example.test", "from bob\r\n"),
                    List.of("-C", config.toString(), "-f", "bob@bob.example.test", "carol@example.test"));
            assertEquals(0, bob.exit(), bob.describe());

            String got = new String(pf.awaitMessages(aliceToken, 1).get(0), StandardCharsets.UTF_8);
            assertTrue(got.contains("from alice") && got.contains("Return-Path: <alice@example.test>"), got);
            assertEquals(1, second.messages().size());
            assertTrue(second.messages().get(0).mailFrom().startsWith("MAIL FROM:<bob@bob.example.test>"),
                    second.messages().get(0).mailFrom());
            assertTrue(second.messages().get(0).contentText().contains(bobToken));
            assertTrue(pf.mailNow(bobToken).isEmpty(), "bob's message went to Postfix too");

            // the default account's host is down: a sender of no account is not sent anywhere else (it is queued)
            CliResult other = Cli.run(TestMessages.simple(TestMessages.token("relay-main"), "carol@example.test",
                    "x\r\n"), List.of("-C", config.toString(), "--queue-dir", dir.resolve("queue").toString(), "-f",
                    "main@example.test", "carol@example.test"));
            assertEquals(0, other.exit(), other.describe());
            assertTrue((other.stdout() + other.stderr()).contains("queued as"), other.describe());
            assertEquals(1, second.messages().size());
        }
    }
}
