package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sendmail.cli.config.Environment;
import dev.sendmail.spi.Providers;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.ReceivedMessage;
import dev.sendmail.testkit.SmtpScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message kept in dead.letter after a partial delivery names only the recipients still undelivered, and
 * {@code send-mail -t} fed that entry sends to them alone: a resend never duplicates, and never discloses Bcc.
 */
class DeadLetterResendTest {

    @TempDir
    Path home;

    Environment env;

    private static final String MESSAGE = "From: a@a.test\nTo: b@b.test, later@b.test\nCc: c@b.test\n"
            + "Bcc: hidden@b.test\nSubject: resend\n\nFrom the start\nhello\n";

    @BeforeEach
    void setUp() {
        assumeTrue(Providers.transports(getClass().getClassLoader()).names().contains("socket"),
                "transport-socket is not on the class path");
        env = CliRun.env(home);
    }

    private static String[] args(FakeSmtpServer server) {
        return new String[] {"--server", "localhost:" + server.port(), "--tls", "off", "--timeout", "10", "-t",
            "-f", "a@a.test"};
    }

    @Test
    void resendingTheKeptMessageWithDashTReachesOnlyTheUndeliveredRecipients() throws Exception {
        try (FakeSmtpServer first = FakeSmtpServer.start(SmtpScript.accepting()
                .on("RCPT TO:<later@", "451 4.2.0 Mailbox busy").on("RCPT TO:<hidden@", "452 4.2.2 Mailbox full"))) {
            CliRun r = CliRun.run(env, MESSAGE, args(first));
            assertEquals(75, r.code(), r.toString());
            assertEquals(List.of("RCPT TO:<b@b.test>", "RCPT TO:<c@b.test>"), first.messages().get(0).rcptTo());
        }
        String kept = Files.readString(home.resolve("dead.letter"));
        assertTrue(kept.contains("X-Undelivered-To: later@b.test\n"), kept);
        assertTrue(kept.contains("X-Undelivered-To: hidden@b.test\n"), kept);
        assertFalse(kept.contains("X-Undelivered-To: b@b.test"), kept);

        try (FakeSmtpServer second = FakeSmtpServer.start(SmtpScript.accepting())) {
            CliRun r = CliRun.run(env, kept, args(second));
            assertEquals(0, r.code(), r.toString());
            List<ReceivedMessage> got = second.messages();
            assertEquals(1, got.size());
            assertEquals(List.of("RCPT TO:<later@b.test>", "RCPT TO:<hidden@b.test>"), got.get(0).rcptTo(),
                    "only the recipients still undelivered");
            String sent = got.get(0).contentText();
            assertFalse(sent.contains("X-Undelivered-To"), "the bookkeeping field is not sent on: " + sent);
            assertFalse(sent.contains("hidden@"), "no Bcc recipient disclosed: " + sent);
            assertFalse(sent.startsWith("From a@a.test "), "the mbox From_ line is not sent: " + sent);
            assertTrue(sent.contains("Subject: resend\r\n"), sent);
        }
    }

    @Test
    void theBookkeepingFieldNeverLeavesEvenWithoutDashT() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            String entry = "X-Undelivered-To: hidden@b.test\nFrom: a@a.test\nTo: b@b.test\nSubject: x\n\nbody\n";
            CliRun r = CliRun.run(env, entry, "--server", "localhost:" + server.port(), "--tls", "off", "--timeout",
                    "10", "-f", "a@a.test", "b@b.test");
            assertEquals(0, r.code(), r.toString());
            assertEquals(List.of("RCPT TO:<b@b.test>"), server.messages().get(0).rcptTo());
            assertFalse(server.messages().get(0).contentText().contains("hidden@"),
                    server.messages().get(0).contentText());
        }
    }
}
