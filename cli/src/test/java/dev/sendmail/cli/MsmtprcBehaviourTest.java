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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * msmtp's keys that change what is sent, each in an msmtprc used against the fake server: the header keys
 * (set_from_header, set_date_header, set_msgid_header, remove_bcc_headers, undisclosed_recipients and the older
 * add_missing_* names), the sender keys (from patterns selecting the account for -f, allow_from_override,
 * auto_from with maildomain, from_full_name) and the log (logfile with logfile_time_format, syslog through
 * logger).
 */
class MsmtprcBehaviourTest {

    @TempDir
    Path home;

    Environment env;
    FakeSmtpServer server;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Providers.transports(getClass().getClassLoader()).names().contains("socket"),
                "transport-socket is not on the class path");
        env = CliRun.env(home);
        server = FakeSmtpServer.start(SmtpScript.accepting());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Path rc(String accountLines) throws Exception {
        Path rc = home.resolve("msmtprc");
        Files.writeString(rc, "defaults\nhost localhost\nport " + server.port() + "\ntls off\ntimeout 10\n"
                + accountLines);
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        return rc;
    }

    private CliRun send(String rcText, String message, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-C", rc(rcText).toString()));
        all.addAll(List.of(args));
        return CliRun.run(env, message, all.toArray(String[]::new));
    }

    private String content(int i) {
        return server.messages().get(i).contentText();
    }

    private String header(int i) {
        String c = content(i);
        return c.substring(0, c.indexOf("\r\n\r\n") + 2);
    }

    @Test
    void setFromHeaderOnReplacesTheFromField() throws Exception {
        CliRun r = send("account default\nfrom me@a.test\nset_from_header on\n",
                "From: Someone Else <other@x.test>\nSubject: s\n\nbody\n", "b@b.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(header(0).contains("From: me@a.test\r\n"), header(0));
        assertFalse(header(0).contains("other@x.test"), header(0));
    }

    @Test
    void setFromHeaderOffAndSetDateAndMsgidOffAddNothing() throws Exception {
        CliRun r = send("account default\nfrom me@a.test\nset_from_header off\nset_date_header off\n"
                + "set_msgid_header off\n", "Subject: bare\n\nbody\n", "b@b.test");
        assertEquals(0, r.code(), r.toString());
        assertEquals("Subject: bare\r\n", header(0));
        send("account default\nfrom me@a.test\nadd_missing_from_header off\nadd_missing_date_header off\n",
                "Subject: bare\n\nbody\n", "b@b.test");
        assertFalse(header(1).contains("From:") || header(1).contains("Date:"), header(1));
        assertTrue(header(1).contains("Message-ID: <"), "set_msgid_header stays auto: " + header(1));
        send("account default\nfrom me@a.test\n", "Subject: bare\n\nbody\n", "b@b.test");
        assertTrue(header(2).contains("From: me@a.test\r\n") && header(2).contains("Date: "), header(2));
    }

    @Test
    void bccIsRemovedUnlessRemoveBccHeadersIsOff() throws Exception {
        String msg = "From: me@a.test\nTo: b@b.test\nBcc: hidden@c.test\nSubject: s\n\nbody\n";
        assertEquals(0, send("account default\nfrom me@a.test\n", msg, "b@b.test", "hidden@c.test").code());
        assertFalse(content(0).contains("hidden@c.test"), content(0));
        assertEquals(0, send("account default\nfrom me@a.test\nremove_bcc_headers off\n", msg, "b@b.test").code());
        assertTrue(content(1).contains("Bcc: hidden@c.test"), content(1));
    }

    @Test
    void undisclosedRecipientsHidesToAndCcButDeliversToAll() throws Exception {
        CliRun r = send("account default\nfrom me@a.test\nundisclosed_recipients on\n",
                "From: me@a.test\nTo: b@b.test\nCc: c@c.test\nSubject: s\n\nbody\n", "-t");
        assertEquals(0, r.code(), r.toString());
        ReceivedMessage m = server.messages().get(0);
        assertEquals(List.of("RCPT TO:<b@b.test>", "RCPT TO:<c@c.test>"), m.rcptTo());
        assertTrue(header(0).contains("To: undisclosed-recipients:;\r\n"), header(0));
        assertFalse(header(0).contains("c@c.test") || header(0).contains("To: b@b.test"), header(0));
    }

    @Test
    void aFromPatternSelectsTheAccountForDashF() throws Exception {
        String accounts = "account personal\nfrom *@home.test\nhost 127.0.0.2\nport 1\n"
                + "account work\nfrom *@work.test\nfrom_full_name Work Me\n"
                + "account default : personal\n";
        CliRun r = send(accounts, "Subject: s\n\nbody\n", "-f", "me@WORK.test", "-v", "b@b.test");
        assertEquals(0, r.code(), "the work account (local server) is used, not the default: " + r);
        assertTrue(r.err().contains("selects account 'work'"), r.err());
        String mailFrom = server.messages().get(0).mailFrom().toLowerCase(Locale.ROOT);
        assertTrue(mailFrom.startsWith("mail from:<me@work.test>"), mailFrom);
        assertTrue(header(0).toLowerCase(Locale.ROOT).contains("from: work me <me@work.test>\r\n"), header(0));
    }

    @Test
    void allowFromOverrideOffKeepsTheAccountsSender() throws Exception {
        CliRun r = send("account default\nfrom me@a.test\nallow_from_override off\n", "Subject: s\n\nbody\n",
                "-f", "someone@else.test", "b@b.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(server.messages().get(0).mailFrom().startsWith("MAIL FROM:<me@a.test>"));
        send("account default\nfrom me@a.test\n", "Subject: s\n\nbody\n", "-f", "someone@else.test", "b@b.test");
        assertTrue(server.messages().get(1).mailFrom().startsWith("MAIL FROM:<someone@else.test>"),
                "allow_from_override is on by default");
    }

    @Test
    void autoFromUsesTheUserNameAtMaildomain() throws Exception {
        CliRun r = send("account default\nauto_from on\nmaildomain example.test\n", "Subject: s\n\nbody\n",
                "b@b.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(server.messages().get(0).mailFrom().startsWith("MAIL FROM:<tester@example.test>"),
                server.messages().get(0).mailFrom());
    }

    @Test
    void logfileGetsOneLineInMsmtpsFormat() throws Exception {
        Path log = home.resolve("logs.txt");
        CliRun r = send("account default\nfrom me@a.test\nlogfile " + log + "\nlogfile_time_format %Y-%m-%d\n",
                "Subject: s\n\nbody\n", "b@b.test");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = Files.readAllLines(log);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("2026-11-28 host=localhost tls=off auth=off from=me@a\\.test "
                + "recipients=b@b\\.test mailsize=\\d+ smtpstatus=250 smtpmsg='250 .*' exitcode=EX_OK"), lines.get(0));
    }

    @Test
    void aUtf8AddressInAHeaderFieldNeedsSmtpUtf8() throws Exception {
        String msg = "From: me@a.test\nTo: b@b.test\nCc: J\u00fcrgen <j\u00fcrgen@b\u00fccher.test>\nSubject: s\n\nbody\n";
        CliRun lacking = send("account default\nfrom me@a.test\n", msg, "b@b.test");
        assertEquals(69, lacking.code(), "the server lacks SMTPUTF8: " + lacking);
        assertTrue(server.messages().isEmpty());
        String name = "From: J\u00fcrgen <me@a.test>\nTo: b@b.test\nSubject: Gr\u00fc\u00dfe\n\nbody\n";
        assertEquals(0, send("account default\nfrom me@a.test\n", name, "b@b.test").code(),
                "UTF-8 in a display name or the subject goes without SMTPUTF8");
        try (FakeSmtpServer utf8 = FakeSmtpServer.start(SmtpScript.accepting().offer("SMTPUTF8"))) {
            CliRun r = CliRun.run(env, msg, "-C", rc("account default\nfrom me@a.test\n").toString(), "--port",
                    String.valueOf(utf8.port()), "--server", "localhost", "b@b.test");
            assertEquals(0, r.code(), r.toString());
            assertTrue(utf8.messages().get(0).mailFrom().contains("SMTPUTF8"), utf8.messages().get(0).mailFrom());
        }
    }

    @Test
    void syslogRunsLoggerWithTheFacility() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path args = home.resolve("logger-args");
        Path logger = bin.resolve("logger");
        Files.writeString(logger, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > " + args + "\n");
        logger.toFile().setExecutable(true);
        Map<String, String> vars = new HashMap<>(env.user().variables());
        vars.put("PATH", bin.toString());
        env = CliRun.withVariables(env, vars);
        CliRun r = send("account default\nfrom me@a.test\nsyslog LOG_MAIL\n", "Subject: s\n\nbody\n", "b@b.test");
        assertEquals(0, r.code(), r.toString());
        List<String> got = Files.readAllLines(args);
        assertEquals(List.of("-t", "msmtp", "-p", "mail.info", "--"), got.subList(0, 5));
        assertTrue(got.get(5).startsWith("host=localhost tls=off auth=off from=me@a.test recipients=b@b.test"),
                got.get(5));
    }
}
