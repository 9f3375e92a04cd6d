package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sendmail.cli.config.Environment;
import dev.sendmail.spi.Providers;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --etrn}, {@code -bv} and {@code --server auto} end to end, with the socket transport and the fake server. */
class EtrnVerifySrvTest {

    @TempDir
    Path home;

    Environment env;

    private static final String MESSAGE = "From: a@localhost\nTo: b@b.test\nSubject: srv\n\nhello\n";

    @BeforeEach
    void setUp() {
        assumeTrue(Providers.transports(getClass().getClassLoader()).names().contains("socket"),
                "transport-socket is not on the class path");
        env = CliRun.env(home);
    }

    private static List<String> args(FakeSmtpServer server, String... more) {
        List<String> a = new ArrayList<>(List.of("--server", "localhost:" + server.port(), "--tls", "off",
                "--timeout", "10"));
        a.addAll(List.of(more));
        return a;
    }

    private CliRun run(List<String> args) {
        return CliRun.run(env, "", args.toArray(String[]::new));
    }

    // ---- ETRN ------------------------------------------------------------------------------------------------

    @Test
    void etrnPrintsTheReplyAndExitsZeroOnSuccess() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().offer("ETRN")
                .on("ETRN", "250 Queuing started"))) {
            CliRun r = run(args(server, "--etrn", "example.org", "--etrn", "@Example.net"));
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("ETRN example.org: 250 Queuing started (localhost)"), r.toString());
            assertTrue(r.out().contains("ETRN @example.net: 250 Queuing started"), r.toString());
            assertTrue(server.awaitIdle(Duration.ofSeconds(5)));
            assertFalse(server.received("MAIL"));
        }
    }

    @Test
    void etrnRepliesMapToExitCodes() throws Exception {
        String[][] cases = {{"458 Unable to queue messages for node example.org", "75"},
                {"459 Node example.org not allowed: access denied", "69"},
                {"502 5.5.2 Error: command not recognized", "69"},
                {"253 OK, 4 pending messages for node example.org started", "0"}};
        for (String[] c : cases) {
            try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().on("ETRN", c[0]))) {
                CliRun r = run(args(server, "--etrn", "example.org"));
                assertEquals(Integer.parseInt(c[1]), r.code(), r.toString());
                assertTrue(r.out().contains(c[0].substring(0, 3)), r.toString());
            }
        }
    }

    @Test
    void etrnNotAdvertisedIsSentAnywayAndNotedWithVerbose() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().withhold("ETRN")
                .on("ETRN", "250 Queuing started"))) {
            CliRun r = run(args(server, "-v", "--etrn", "example.org"));
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.err().contains("does not list ETRN"), r.toString());
        }
    }

    @Test
    void etrnRefusesBadArgumentsAndNeedsAServer() {
        CliRun bad = CliRun.run(env, "", "--server", "localhost:1", "--etrn", "exa mple.org");
        assertEquals(64, bad.code(), bad.toString());
        assertEquals(1, bad.err().lines().count(), bad.toString());
        CliRun noServer = CliRun.run(env, "", "--etrn", "example.org");
        assertEquals(64, noServer.code(), noServer.toString());
        assertTrue(noServer.err().contains("--etrn needs a server"), noServer.toString());
    }

    // ---- -bv ---------------------------------------------------------------------------------------------------

    @Test
    void verifyPrintsOneLinePerRecipientNeverSendsDataAndExitsAsForSending() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting()
                .on("RCPT TO:<nobody@", "550 5.1.1 <nobody@b.test>: Recipient address rejected: User unknown"))) {
            CliRun r = run(args(server, "-f", "a@localhost", "-bv", "b@b.test", "nobody@b.test"));
            assertEquals(67, r.code(), r.toString());
            List<String> lines = r.out().lines().toList();
            assertEquals(2, lines.size(), r.toString());
            assertTrue(lines.get(0).startsWith("b@b.test: deliverable: RCPT 250"), r.toString());
            assertTrue(lines.get(1).startsWith("nobody@b.test: undeliverable: RCPT 550 5.1.1"), r.toString());
            assertTrue(server.awaitIdle(Duration.ofSeconds(5)));
            List<String> cmds = server.session(0).lines();
            assertTrue(cmds.contains("RSET"), cmds.toString());
            assertFalse(cmds.stream().anyMatch(l -> l.startsWith("DATA") || l.startsWith("BDAT")), cmds.toString());
        }
    }

    @Test
    void verifyJsonAndTheLongSpellingAndVrfy() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().offer("VRFY")
                .on("VRFY", "250 2.1.5 <b@b.test>").on("RCPT", "451 4.3.0 try later"))) {
            CliRun r = run(args(server, "--verify", "--vrfy", "--json", "b@b.test"));
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("\"status\":\"deliverable\""), r.toString());
            assertFalse(server.received("RCPT"));
        }
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().on("RCPT", "451 4.3.0 try later"))) {
            CliRun r = run(args(server, "--verify", "b@b.test"));
            assertEquals(75, r.code(), r.toString());
            assertTrue(r.out().startsWith("b@b.test: unknown: RCPT 451"), r.toString());
        }
        CliRun lone = CliRun.run(env, "", "--vrfy", "b@b.test");
        assertEquals(64, lone.code(), lone.toString());
    }

    // ---- --server auto -----------------------------------------------------------------------------------------

    private List<String> auto(String... more) {
        List<String> a = new ArrayList<>(List.of("--server", "auto", "--resolver", "srvtest", "--cafile",
                TestCertificates.get().caBundle().toString(), "--timeout", "10", "-f", "a@localhost"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void autoFindsTheSubmissionServersAndPrefersImplicitTls() throws Exception {
        TestCertificates certs = TestCertificates.get();
        try (FakeSmtpServer smtps = FakeSmtpServer.start(SmtpScript.accepting()
                .implicitTls(certs.serverContext(TestCertificates.Kind.GOOD)));
             FakeSmtpServer submission = FakeSmtpServer.start(SmtpScript.accepting()
                .startTls(certs.serverContext(TestCertificates.Kind.GOOD)))) {
            List<String> a = auto("--set", "srv._submission._tcp.localhost=10 1 " + submission.port() + " localhost",
                    "--set", "srv._submissions._tcp.localhost=10 1 " + smtps.port() + " localhost", "b@b.test");
            CliRun r = CliRun.run(env, MESSAGE, a.toArray(String[]::new));
            assertEquals(0, r.code(), r.toString());
            assertEquals(1, smtps.messages().size());
            assertTrue(smtps.session(0).isTls());
            assertEquals(0, submission.connections());

            CliRun plan = CliRun.run(env, "", auto("--set", "srv._submission._tcp.localhost=10 1 "
                    + submission.port() + " localhost", "--set", "srv._submissions._tcp.localhost=0 0 0 .", "--plan",
                    "b@b.test").toArray(String[]::new));
            assertEquals(0, plan.code(), plan.toString());
            assertTrue(plan.out().contains("_submissions._tcp.localhost SRV 0 0 0 . (smtps): skipped"), plan.toString());
            assertTrue(plan.out().contains("1. localhost port " + submission.port() + " (starttls)"), plan.toString());
        }
    }

    @Test
    void hostAutoInTheConfigurationFileAndTlsOnKeepTheRecordsModesWhileANamedModeOverridesThem() throws Exception {
        String records = "--set=srv._submissions._tcp.localhost=0 1 465 localhost";
        Path conf = home.resolve("conf");
        Files.writeString(conf, "account default\nhost auto\nresolver srvtest\nfrom a@localhost\ntls on\n");
        CliRun on = CliRun.run(env, "", "--config", conf.toString(), records, "--plan", "b@b.test");
        assertEquals(0, on.code(), on.toString());
        assertTrue(on.out().contains("1. localhost port 465 (smtps):"), on.toString());
        Files.writeString(conf, "account default\nhost auto\nresolver srvtest\nfrom a@localhost\ntls starttls\n");
        CliRun named = CliRun.run(env, "", "--config", conf.toString(), records, "--plan", "b@b.test");
        assertEquals(0, named.code(), named.toString());
        assertTrue(named.out().contains("1. localhost port 465:"), named.toString());
        CliRun flag = CliRun.run(env, "", "--config", conf.toString(), records, "--tls", "smtps", "--plan", "--json",
                "b@b.test");
        assertEquals(0, flag.code(), flag.toString());
        // the record's mode is still shown with the record, but the host to try has none of its own
        assertTrue(flag.out().contains("\"target\":\"localhost\",\"tls\":\"smtps\""), flag.toString());
        assertTrue(flag.out().contains("\"preference\":-1,\"addresses\""), flag.toString());
    }

    @Test
    void etrnAsJson() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().offer("ETRN")
                .on("ETRN", "251 OK, no messages waiting for node example.org"))) {
            CliRun r = run(args(server, "--json", "--etrn", "#outbound"));
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("\"etrn\":\"#outbound\""), r.toString());
            assertTrue(r.out().contains("\"code\":251"), r.toString());
            assertTrue(r.out().contains("\"advertised\":true"), r.toString());
        }
    }

    @Test
    void autoWithoutRecordsExits68NamingWhatWasLookedUpAndKeepsTheMessage() throws Exception {
        CliRun r = CliRun.run(env, MESSAGE, auto("b@b.test").toArray(String[]::new));
        assertEquals(68, r.code(), r.toString());
        assertTrue(r.err().contains("_submissions._tcp.localhost") && r.err().contains("_submission._tcp.localhost"),
                r.toString());
        assertTrue(Files.readString(home.resolve("dead.letter")).contains("Subject: srv"));
        CliRun port = CliRun.run(env, "", "--server", "auto", "--port", "587", "--plan", "b@b.test");
        assertEquals(64, port.code(), port.toString());
    }
}
