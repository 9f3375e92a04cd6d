package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.ReceivedMessage;
import dev.sendmail.testkit.RefusingPort;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * send-mail run with msmtp's command line ({@code --msmtp}, what the launcher passes when it is called through a
 * link named msmtp) against the scriptable fake server, option by option: each msmtp option is shown to do what
 * msmtp does with it (its effect on the SMTP dialogue or the exit code).
 */
class MsmtpModeTest {

    @TempDir
    Path home;

    MsmtpCommandLine cli;

    private static final String MESSAGE = "From: Alice <alice@a.test>\nTo: bob@b.test\nSubject: msmtp\n\nhello\n";

    @BeforeEach
    void setUp() {
        cli = new MsmtpCommandLine(home);
    }

    @Test
    void hostPortFromAndRecipientsDeliver() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            CliRun r = cli.run(MESSAGE, "--host=localhost", "--port=" + server.port(), "--tls=off", "--timeout=10",
                    "--domain=client.a.test", "-f", "alice@a.test", "bob@b.test");
            assertEquals(0, r.code(), r.toString());
            ReceivedMessage m = server.messages().get(0);
            assertTrue(m.mailFrom().startsWith("MAIL FROM:<alice@a.test>"));
            assertEquals(List.of("RCPT TO:<bob@b.test>"), m.rcptTo());
            assertTrue(server.session(0).sent("EHLO client.a.test"), server.session(0).toString());
        }
    }

    @Test
    void fileAndAccountSelectTheAccountAndOptionsOverrideIt() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            Path rc = cli.rc("defaults\ntls off\ntimeout 10\naccount other\nhost 127.0.0.2\nport 1\n"
                    + "account work\nhost localhost\nport 1\nfrom work@a.test\n");
            CliRun r = cli.run(MESSAGE, "--file=" + rc, "-a", "work", "--port", String.valueOf(server.port()),
                    "bob@b.test");
            assertEquals(0, r.code(), r.toString());
            assertTrue(server.messages().get(0).mailFrom().startsWith("MAIL FROM:<work@a.test>"));
            CliRun shortForms = cli.run(MESSAGE, "-C", rc.toString(), "--account=work", "--port=" + server.port(),
                    "bob@b.test");
            assertEquals(0, shortForms.code(), shortForms.toString());
            assertEquals(2, server.messages().size());
        }
    }

    @Test
    void hostWithAccountIsAUsageError() throws Exception {
        Path rc = cli.rc("account work\nhost localhost\n");
        CliRun r = cli.run("", "-C", rc.toString(), "-a", "work", "--host=localhost", "bob@b.test");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("--host and --account"), r.err());
    }

    @Test
    void hostIgnoresTheFilesAccounts() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            Path rc = cli.rc("account default\nhost 127.0.0.2\nport 1\nfrom file@a.test\ntls off\n");
            CliRun r = cli.run(MESSAGE, "-C", rc.toString(), "--host=localhost", "--port=" + server.port(),
                    "--tls=off", "--timeout=10", "bob@b.test");
            assertEquals(0, r.code(), r.toString());
            assertTrue(server.messages().get(0).mailFrom().startsWith("MAIL FROM:<alice@a.test>"),
                    "the sender comes from the message, not the file's account");
        }
    }

    @Test
    void readEnvelopeFromTakesTheFromFieldOverTheAccountsFrom() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            Path rc = cli.rc("account default\nhost localhost\nport " + server.port()
                    + "\nfrom file@a.test\ntls off\n");
            CliRun r = cli.run(MESSAGE, "-C", rc.toString(), "--read-envelope-from", "-t");
            assertEquals(0, r.code(), r.toString());
            assertTrue(server.messages().get(0).mailFrom().startsWith("MAIL FROM:<alice@a.test>"));
            assertEquals(List.of("RCPT TO:<bob@b.test>"), server.messages().get(0).rcptTo());
            CliRun both = cli.run(MESSAGE, "-C", rc.toString(), "--read-envelope-from", "-f", "x@a.test", "-t");
            assertEquals(64, both.code(), both.toString());
        }
    }

    @Test
    void readEnvelopeFromSelectsTheAccountByTheFromFieldAsMinusFDoes() throws Exception {
        try (FakeSmtpServer home1 = FakeSmtpServer.start(SmtpScript.accepting());
             FakeSmtpServer work = FakeSmtpServer.start(SmtpScript.accepting())) {
            Path log = home.resolve("work.log");
            Path rc = cli.rc("defaults\ntls off\ntimeout 10\naccount default\nhost localhost\nport " + home1.port()
                    + "\nfrom me@home.test\naccount work\nhost localhost\nport " + work.port()
                    + "\nfrom *@work.test\nlogfile " + log + "\n");
            String fromWork = "From: Zed <Zed@Work.Test>\nTo: bob@b.test\nSubject: w\n\nhello\n";
            CliRun r = cli.run(fromWork, "-C", rc.toString(), "--read-envelope-from", "-t", "-v");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.err().contains("the envelope sender selects account 'work' (its from matches the From "
                    + "field)"), r.err());
            assertTrue(work.messages().get(0).mailFrom().startsWith("MAIL FROM:<Zed@work.test>"),
                    work.messages().get(0).mailFrom());
            assertTrue(home1.messages().isEmpty());
            // the account's own keys apply, not only its host: its logfile has the line
            assertTrue(Files.readString(log).contains(" from=Zed@work.test recipients=bob@b.test "),
                    Files.readString(log));
            // the message after the peeked header is intact
            String content = work.messages().get(0).contentText();
            assertTrue(content.startsWith("From: Zed <Zed@Work.Test>") && content.contains("Subject: w"), content);
            assertTrue(content.endsWith("\r\nhello\r\n"), content);
            CliRun other = cli.run(MESSAGE, "-C", rc.toString(), "--read-envelope-from", "-t");
            assertEquals(0, other.code(), other.toString());
            assertTrue(home1.messages().get(0).mailFrom().startsWith("MAIL FROM:<alice@a.test>"),
                    "no account matches: the default one");
        }
    }

    @Test
    void tlsStarttlsAndTrustFile() throws Exception {
        SmtpScript script = SmtpScript.accepting().startTls(TestCertificates.get().serverContext(
                TestCertificates.Kind.GOOD));
        try (FakeSmtpServer server = FakeSmtpServer.start(script)) {
            CliRun r = cli.run(MESSAGE, "--host=localhost", "--port=" + server.port(), "--tls", "--tls-starttls=on",
                    "--tls-trust-file=" + TestCertificates.get().caBundle(), "--timeout=10", "bob@b.test");
            assertEquals(0, r.code(), r.toString());
            assertTrue(server.session(0).isTls());
        }
    }

    @Test
    void authWithUserAndPasswordeval() throws Exception {
        SmtpScript script = SmtpScript.accepting().startTls(TestCertificates.get().serverContext(
                TestCertificates.Kind.GOOD)).auth("alice", "s3cret");
        try (FakeSmtpServer server = FakeSmtpServer.start(script)) {
            CliRun r = cli.run(MESSAGE, "--host=localhost", "--port=" + server.port(), "--tls=on",
                    "--tls-trust-file=" + TestCertificates.get().caBundle(), "--auth=on", "--user=alice",
                    "--passwordeval=echo s3cret", "--timeout=10", "bob@b.test");
            assertEquals(0, r.code(), r.toString());
            assertTrue(server.session(0).sent("AUTH"), server.session(0).toString());
        }
    }

    @Test
    void dsnOptions() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().offer("DSN"))) {
            CliRun r = cli.run(MESSAGE, "--host=localhost", "--port=" + server.port(), "--tls=off", "--timeout=10",
                    "-N", "failure", "--dsn-return=hdrs", "bob@b.test");
            assertEquals(0, r.code(), r.toString());
            ReceivedMessage m = server.messages().get(0);
            assertTrue(m.mailFrom().contains("RET=HDRS"), m.mailFrom());
            assertTrue(m.rcptTo().get(0).contains("NOTIFY=FAILURE"), m.rcptTo().toString());
        }
    }

    @Test
    void setDateAndMsgidHeaderAloneMeanAutoOverTheFilesOff() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            Path rc = cli.rc("account default\nhost localhost\nport " + server.port()
                    + "\nfrom alice@a.test\ntls off\nset_date_header off\nset_msgid_header off\n");
            CliRun off = cli.run(MESSAGE, "-C", rc.toString(), "bob@b.test");
            assertEquals(0, off.code(), off.toString());
            CliRun alone = cli.run(MESSAGE, "-C", rc.toString(), "--set-date-header", "--set-msgid-header",
                    "bob@b.test");
            assertEquals(0, alone.code(), alone.toString());
            List<String> fromFile = List.of(server.messages().get(0).contentText().split("\r\n"));
            assertFalse(fromFile.stream().anyMatch(l -> l.startsWith("Date: ") || l.startsWith("Message-ID: ")),
                    fromFile.toString());
            List<String> auto = List.of(server.messages().get(1).contentText().split("\r\n"));
            assertTrue(auto.stream().anyMatch(l -> l.startsWith("Date: ")), auto.toString());
            assertTrue(auto.stream().anyMatch(l -> l.startsWith("Message-ID: <")), auto.toString());
        }
    }

    @Test
    void serverinfoProbesAndSendsNothing() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            CliRun r = cli.run("", "--host=localhost", "--port=" + server.port(), "--tls=off", "--timeout=10",
                    "--serverinfo");
            assertEquals(0, r.code(), r.toString());
            assertTrue(server.session(0).sent("EHLO"), server.session(0).toString());
            assertTrue(server.messages().isEmpty());
        }
    }

    @Test
    void serverinfoOnAnIpv6AddressProbesItsPostmasterRoute() throws Exception {
        // was exit 70: postmaster@[::1] is no address (an IPv6 literal needs its IPv6: tag)
        try (RefusingPort refused = RefusingPort.open()) {
            CliRun r = cli.run("", "--host=::1", "--port=" + refused.port(), "--tls=off", "--timeout=10",
                    "--serverinfo");
            assertNotEquals(70, r.code(), r.toString());
            assertTrue(r.out().startsWith("all recipients: smart host\n  1. ::1 port " + refused.port()), r.toString());
        }
    }

    @Test
    void debugPrintsTheDialogue() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            CliRun r = cli.run(MESSAGE, "--host=localhost", "--port=" + server.port(), "--tls=off", "--timeout=10",
                    "-d", "bob@b.test");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.err().contains("-> MAIL FROM:<alice@a.test>"), r.err());
        }
    }

    @Test
    void aBadValueIsAUsageErrorNamingTheOption() {
        CliRun r = cli.run(MESSAGE, "--host=localhost", "--port=notanumber", "bob@b.test");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("--port=notanumber"), r.err());
        assertTrue(Files.exists(home.resolve("dead.letter")), "the message read from stdin is kept");
    }

    @Test
    void withoutMsmtpTheOptionsAreSendMailsOwn() {
        CliRun r = CliRun.run(cli.env(), MESSAGE, "--host=localhost", "bob@b.test");
        assertEquals(64, r.code(), r.toString());
        assertFalse(r.err().contains("--host and"), r.err());
    }
}
