package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sendmail.cli.config.Environment;
import dev.sendmail.spi.Providers;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.ReceivedMessage;
import dev.sendmail.testkit.RefusingPort;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.testkit.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI with the default transport ({@code socket}, a runtime dependency) against the scriptable fake server:
 * STARTTLS to a smart host with a private CA, AUTH with the password from the environment, the trace, and the
 * exit codes of real protocol failures.
 */
class SocketTransportEndToEndTest {

    @TempDir
    Path home;

    Environment env;

    private static final String MESSAGE = "From: a@a.test\nTo: b@b.test\nSubject: e2e\n\nhello\n";

    @BeforeEach
    void setUp() {
        assumeTrue(Providers.transports(getClass().getClassLoader()).names().contains("socket"),
                "transport-socket is not on the class path");
        Map<String, String> vars = new HashMap<>(CliRun.env(home).user().variables());
        vars.put("SMTP_PASSWORD", "open sesame");
        env = CliRun.withVariables(CliRun.env(home), vars);
    }

    private static SmtpScript tls(SmtpScript s) {
        return s.startTls(TestCertificates.get().serverContext(TestCertificates.Kind.GOOD));
    }

    private String[] args(FakeSmtpServer server, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("--server", "localhost:" + server.port(), "--cafile",
                TestCertificates.get().caBundle().toString(), "--timeout", "10"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void deliversWithStartTlsAndAuthAndTracesWithoutTheSecret() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(tls(SmtpScript.accepting()).auth("alice", "open sesame"))) {
            CliRun r = CliRun.run(env, MESSAGE, args(server, "--trace", "--user", "alice", "--password-env",
                    "SMTP_PASSWORD", "-f", "a@a.test", "b@b.test", "c@c.test"));
            assertEquals(0, r.code(), r.toString());
            List<ReceivedMessage> got = server.messages();
            assertEquals(1, got.size());
            assertEquals(List.of("RCPT TO:<b@b.test>", "RCPT TO:<c@c.test>"), got.get(0).rcptTo());
            assertTrue(got.get(0).contentText().contains("Subject: e2e\r\n"), got.get(0).contentText());
            assertTrue(server.session(0).isTls());
            assertTrue(r.err().contains("-> MAIL FROM:<a@a.test>"), r.err());
            assertTrue(r.err().contains("<- 250"), r.err());
            assertTrue(r.err().contains("TLS established"), r.err());
            String plain = Base64.getEncoder().encodeToString("\0alice\0open sesame".getBytes(StandardCharsets.UTF_8));
            assertFalse(r.err().contains("open sesame"), r.err());
            assertFalse(r.err().contains(plain), r.err());
            assertFalse(r.out().contains("open sesame"));
        }
    }

    @Test
    void wrongPasswordExits77AndKeepsTheMessage() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(tls(SmtpScript.accepting()).auth("alice", "other"))) {
            CliRun r = CliRun.run(env, MESSAGE, args(server, "--user", "alice", "--password-env", "SMTP_PASSWORD",
                    "-f", "a@a.test", "b@b.test"));
            assertEquals(77, r.code(), r.toString());
            assertTrue(r.err().contains("b@b.test: failed: AUTH"), r.err());
            assertTrue(Files.readString(home.resolve("dead.letter")).contains("Subject: e2e"));
            assertTrue(server.messages().isEmpty());
        }
    }

    @Test
    void tlsOffWithANamedMechanismAuthenticatesInClearTextWithAWarning() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().auth("alice", "open sesame"))) {
            CliRun r = CliRun.run(env, MESSAGE, args(server, "--tls", "off", "--auth", "plain", "--user", "alice",
                    "--password-env", "SMTP_PASSWORD", "-f", "a@a.test", "b@b.test"));
            assertEquals(0, r.code(), r.toString());
            assertTrue(server.received("AUTH PLAIN"), server.sessions().toString());
            assertTrue(r.err().contains("warning: --tls=off with --auth=PLAIN: the password is sent in clear text"),
                    r.err());
        }
    }

    @Test
    void tlsOffWithoutANamedMechanismRefusesThePasswordAndSaysHowToAllowIt() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().auth("alice", "open sesame"))) {
            CliRun r = CliRun.run(env, MESSAGE, args(server, "--tls", "off", "--user", "alice",
                    "--password-env", "SMTP_PASSWORD", "-f", "a@a.test", "b@b.test"));
            assertEquals(77, r.code(), r.toString());
            assertFalse(server.received("AUTH"));
            assertTrue(server.messages().isEmpty());
            assertTrue(r.err().contains("--tls off --auth PLAIN"), "names an option that exists: " + r.err());
        }
    }

    @Test
    void opportunisticTlsToAServerWithTheWrongNameDeliversWithoutOfferingThePassword() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().auth("alice", "open sesame")
                .startTls(TestCertificates.get().serverContext(TestCertificates.Kind.WRONG_HOST)))) {
            CliRun r = CliRun.run(env, MESSAGE, args(server, "--tls", "opportunistic", "--verbose", "--user", "alice",
                    "--password-env", "SMTP_PASSWORD", "-f", "a@a.test", "b@b.test"));
            assertEquals(0, r.code(), r.toString());
            assertFalse(server.received("AUTH"), server.sessions().toString());
            assertEquals(1, server.messages().size());
            assertTrue(r.err().contains("not sending credentials: the TLS certificate was not verified"), r.err());
        }
    }

    @Test
    void recipientRejectionsAndTemporaryFailures() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(tls(SmtpScript.accepting())
                .on("RCPT TO:<nobody@", "550 5.1.1 User unknown")
                .on("RCPT TO:<later@", "451 4.2.0 Mailbox busy"))) {
            CliRun r = CliRun.run(env, MESSAGE, args(server, "--json", "-f", "a@a.test", "b@b.test",
                    "nobody@b.test", "later@b.test"));
            assertEquals(67, r.code(), r.toString());
            assertTrue(r.err().contains("nobody@b.test: failed: RCPT 550 5.1.1 User unknown (localhost)"), r.err());
            assertTrue(r.err().contains("later@b.test: deferred: RCPT 451 4.2.0 Mailbox busy (localhost)"), r.err());
            assertEquals(3, r.out().lines().count(), r.out());
            assertEquals(List.of("RCPT TO:<b@b.test>"), server.messages().get(0).rcptTo());
        }
    }

    @Test
    void aServerOutOfStepExits76AndDeliversNothing() throws Exception {
        // one reply too many after the greeting would shift every later reply by one
        try (FakeSmtpServer server = FakeSmtpServer.start(tls(SmtpScript.accepting())
                .greeting("220 fake.test ESMTP ready\n250 2.0.0 Ok"))) {
            CliRun r = CliRun.run(env, MESSAGE, args(server, "-f", "a@a.test", "b@b.test"));
            assertEquals(76, r.code(), r.toString());
            assertTrue(server.messages().isEmpty());
            assertFalse(r.err().contains("delivered"), r.err());
            assertTrue(Files.readString(home.resolve("dead.letter")).contains("Subject: e2e"));
        }
    }

    @Test
    void startTlsIsRequiredForASmartHost() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            CliRun r = CliRun.run(env, MESSAGE, args(server, "-f", "a@a.test", "b@b.test"));
            assertEquals(69, r.code(), r.toString());
            assertTrue(server.messages().isEmpty(), "nothing in clear text");
            assertTrue(r.err().contains("b@b.test: failed: STARTTLS the server does not offer STARTTLS"), r.err());
        }
    }

    private CliRun authenticationRequiredAt(String command) throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(tls(SmtpScript.accepting())
                .on(command, "530 5.7.0 Authentication required"))) {
            CliRun r = CliRun.run(env, MESSAGE, args(server, "-f", "a@a.test", "b@b.test"));
            assertTrue(server.messages().isEmpty());
            return r;
        }
    }

    @Test
    void authenticationRequiredAtMailExits77() throws Exception {
        CliRun r = authenticationRequiredAt("MAIL");
        assertEquals(77, r.code(), r.toString());
    }

    @Test
    void authenticationRequiredAtRcptExits77() throws Exception {
        CliRun r = authenticationRequiredAt("RCPT");
        assertEquals(77, r.code(), r.toString());
    }

    @Test
    void dsnTheServerLacksExits69() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(tls(SmtpScript.accepting()).withhold("DSN"))) {
            CliRun r = CliRun.run(env, MESSAGE, args(server, "-N", "failure", "-f", "a@a.test", "b@b.test"));
            assertEquals(69, r.code(), r.toString());
            assertTrue(r.err().contains("DSN was requested, but the server does not offer it"), r.err());
            assertTrue(server.messages().isEmpty());
        }
    }

    @Test
    void smtpUtf8TheServerLacksExits69() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(tls(SmtpScript.accepting()).withhold("SMTPUTF8"))) {
            CliRun r = CliRun.run(env, MESSAGE, args(server, "-f", "a@a.test", "bj\u00f8rn@b.test"));
            assertEquals(69, r.code(), r.toString());
            assertTrue(r.err().contains("needs SMTPUTF8, which the server does not offer"), r.err());
            assertTrue(server.messages().isEmpty());
        }
    }

    @Test
    void requireTlsWithoutAVerifiedSessionExits69() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(tls(SmtpScript.accepting()))) {
            CliRun r = CliRun.run(env, MESSAGE, args(server, "--require-tls", "--tls-insecure", "-f", "a@a.test",
                    "b@b.test"));
            assertEquals(69, r.code(), r.toString());
            assertTrue(r.err().contains("the message requires TLS"), r.err());
            assertTrue(server.messages().isEmpty());
        }
    }

    @Test
    void probeShowsCapabilities() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(tls(SmtpScript.accepting()))) {
            CliRun r = CliRun.run(env, "", args(server, "--probe", "b@b.test"));
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("all recipients: smart host\n  1. localhost port " + server.port()), r.out());
            assertTrue(r.out().contains("220 fake.test ESMTP ready"), r.out());
            assertTrue(r.out().contains("PIPELINING"), r.out());
            assertTrue(r.out().contains("TLS TLSv1."), r.out());
            // a probed host's lines stand under the host lines of its plan
            assertTrue(r.out().contains("\n     probe localhost [127.0.0.1:" + server.port()
                    + "]: 220 fake.test ESMTP ready\n"), r.out());
            assertTrue(r.out().contains("\n       PIPELINING\n"), r.out());
            CliRun json = CliRun.run(env, "", args(server, "--probe", "--json", "b@b.test"));
            assertEquals(0, json.code(), json.toString());
            assertTrue(json.out().contains("\n{\"probe\":\"localhost\",\"domain\":\"*\",\"address\":\"127.0.0.1:"
                    + server.port() + "\",\"greeting\":\"220 fake.test ESMTP ready\",\"capabilities\":["), json.out());
        }
    }

    @Test
    void aHostThatCannotBeProbedIsSaidUnderItsPlanAndSetsTheExitCode() throws Exception {
        try (RefusingPort refused = RefusingPort.open()) {
            String[] args = {"--server", "localhost:" + refused.port(), "--tls", "off", "--timeout", "10", "--probe",
                    "b@b.test"};
            CliRun r = CliRun.run(env, "", args);
            assertEquals(75, r.code(), r.toString());
            assertTrue(r.out().contains("\n     probe localhost: "), r.out());
            CliRun json = CliRun.run(env, "", Stream.concat(Stream.of("--json"), Stream.of(args))
                    .toArray(String[]::new));
            assertEquals(75, json.code(), json.toString());
            assertTrue(json.out().contains("\n{\"probe\":\"localhost\",\"domain\":\"*\",\"error\":\""), json.out());
        }
    }
}
