package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sendmail.cli.config.Environment;
import dev.sendmail.spi.Providers;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.RefusingPort;
import dev.sendmail.testkit.SmtpScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several smart hosts ({@code --server} repeated, {@code fallback_host}) against fake servers: a host that cannot
 * take the message passes it to the next, under the rules Sender applies to MX hosts, and the queue keeps the list.
 */
class SmartHostFallbackTest {

    @TempDir
    Path home;

    Environment env;

    private static final String MESSAGE = "From: a@a.test\nTo: b@b.test\nSubject: fallback\n\nhello\n";

    @BeforeEach
    void setUp() {
        assumeTrue(Providers.transports(getClass().getClassLoader()).names().contains("socket"),
                "transport-socket is not on the class path");
        env = CliRun.env(home);
    }

    private static String at(FakeSmtpServer s) {
        return "localhost:" + s.port();
    }

    @Test
    void aRefusedConnectionAndAGreeting421MoveToTheNextHost() throws Exception {
        try (RefusingPort refused = RefusingPort.open();
             FakeSmtpServer busy = FakeSmtpServer.start(SmtpScript.accepting().greeting("421 4.3.2 busy"));
             FakeSmtpServer good = FakeSmtpServer.start(SmtpScript.accepting())) {
            CliRun r = CliRun.run(env, MESSAGE, "--tls", "off", "--timeout", "10", "--verbose",
                    "--server", "127.0.0.1:" + refused.port(), "--server", at(busy), "--server", at(good),
                    "-f", "a@a.test", "b@b.test");
            assertEquals(0, r.code(), r.toString());
            assertEquals(1, busy.connections());
            assertEquals(1, good.messages().size());
            assertEquals(List.of("RCPT TO:<b@b.test>"), good.messages().get(0).rcptTo());
            assertTrue(r.err().contains("trying the next host"), r.err());
        }
    }

    @Test
    void aTemporaryMailReplyMovesOnAndAPermanentOneDoesNot() throws Exception {
        try (FakeSmtpServer deferring = FakeSmtpServer.start(SmtpScript.accepting()
                .on("MAIL FROM", "451 4.3.0 try later"));
             FakeSmtpServer good = FakeSmtpServer.start(SmtpScript.accepting())) {
            CliRun r = CliRun.run(env, MESSAGE, "--tls", "off", "--timeout", "10", "--server", at(deferring),
                    "--server", at(good), "-f", "a@a.test", "b@b.test");
            assertEquals(0, r.code(), r.toString());
            assertEquals(1, good.messages().size());
        }
        try (FakeSmtpServer refusing = FakeSmtpServer.start(SmtpScript.accepting()
                .on("MAIL FROM", "550 5.7.1 sender refused"));
             FakeSmtpServer good = FakeSmtpServer.start(SmtpScript.accepting())) {
            CliRun r = CliRun.run(env, MESSAGE, "--tls", "off", "--timeout", "10", "--server", at(refusing),
                    "--server", at(good), "-f", "a@a.test", "b@b.test");
            assertTrue(r.code() != 0, r.toString());
            assertEquals(0, good.connections(), "a permanent refusal of MAIL is the answer, not a reason to go on");
            assertTrue(r.err().contains("550 5.7.1 sender refused"), r.err());
        }
    }

    @Test
    void theConfigurationsFallbackHostsAreTriedAndPlanned() throws Exception {
        try (RefusingPort refused = RefusingPort.open();
             FakeSmtpServer busy = FakeSmtpServer.start(SmtpScript.accepting().greeting("421 4.3.2 busy"));
             FakeSmtpServer good = FakeSmtpServer.start(SmtpScript.accepting())) {
            Path rc = home.resolve("rc");
            Files.writeString(rc, "host localhost\nport " + busy.port() + "\nfallback_host " + at(good)
                    + "\ntls off\n");
            CliRun plan = CliRun.run(env, "", "-C", rc.toString(), "--plan", "b@b.test");
            assertEquals(0, plan.code(), plan.toString());
            assertTrue(plan.out().contains("all recipients: smart hosts, tried in order"), plan.out());
            assertTrue(plan.out().contains("1. localhost port " + busy.port()), plan.out());
            assertTrue(plan.out().contains("2. localhost port " + good.port()), plan.out());
            CliRun r = CliRun.run(env, MESSAGE, "-C", rc.toString(), "-f", "a@a.test", "b@b.test");
            assertEquals(0, r.code(), r.toString());
            assertEquals(1, good.messages().size());
        }
    }

    @Test
    void theQueueRecordsEveryHostAndARunTriesThemAgain() throws Exception {
        Path queue = home.resolve("queue");
        try (FakeSmtpServer busy = FakeSmtpServer.start(SmtpScript.accepting().greeting("421 4.3.2 busy"));
             FakeSmtpServer later = FakeSmtpServer.start(SmtpScript.accepting().on("MAIL FROM", "451 4.3.0 later"),
                     SmtpScript.accepting())) {
            CliRun r = CliRun.run(env, MESSAGE, "--tls", "off", "--timeout", "10", "--queue-dir", queue.toString(),
                    "--server", at(busy), "--server", at(later), "-f", "a@a.test", "b@b.test");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.err().contains("queued as "), r.toString());
            String entry;
            try (Stream<Path> s = Files.list(queue)) {
                entry = Files.readString(s.filter(p -> p.toString().endsWith(".entry")).findFirst().orElseThrow());
            }
            assertTrue(entry.contains("route-host: localhost " + busy.port() + "\n"
                    + "route-fallback-host: localhost " + later.port() + "\n"), entry);
            CliRun run = CliRun.run(env, "", "--queue-dir", queue.toString(), "--queue-flush");
            assertEquals(0, run.code(), run.toString());
            assertEquals(2, busy.connections(), "the run tried the first host again");
            assertEquals(1, later.messages().size(), run.toString());
        }
    }
}
