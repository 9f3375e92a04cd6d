package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.testing.MemoryTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path home;

    Environment env;
    MemoryTransport memory;
    String name;

    @BeforeEach
    void setUp() {
        env = CliRun.env(home);
        name = "main-" + System.nanoTime();
        memory = MemoryTransport.named(name);
    }

    private CliRun mem(String stdin, String... args) {
        String[] all = Stream.concat(Stream.of("--transport", "memory", "--set", "name=" + name), Stream.of(args))
                .toArray(String[]::new);
        return CliRun.run(env, stdin, all);
    }

    private static final String MESSAGE = "From: Alice <alice@a.test>\nTo: bob@b.test\nSubject: hi\n\nhello\n";

    /** Compose mode and --verify need a sender: without -f, a local user that is no address is a usage error. */
    @Test
    void aLocalUserThatIsNoAddressIsAUsageErrorSayingHowToGiveASender() {
        env = CliRun.withVariables(env, java.util.Map.of("USER", "bad user", "HOME", home.toString()));
        for (String[] args : new String[][] {{"--subject", "s", "--body", "b", "bob@b.test"},
            {"--verify", "bob@b.test"}}) {
            CliRun r = mem("", args);
            assertEquals(64, r.code(), r.toString());
            assertTrue(r.err().startsWith("send-mail: no sender given and bad user@") && r.err().endsWith(
                    " is not a valid address; use -f ADDR or 'from' in the configuration file\n"), r.toString());
            assertTrue(memory.sent().isEmpty(), r.toString());
        }
    }

    @Test
    void anOptionThatOnlyWorksWithAnotherRefusesTheCommandLine() {
        for (String[] c : new String[][] {{"--tls-report-send", "--tls-report-send needs --tls-report DOMAIN"},
            {"--vrfy", "--vrfy needs --verify (or -bv)"}, {"--concurrency=4", "--concurrency needs --batch"}}) {
            CliRun r = mem("", c[0], "-f", "alice@a.test", "bob@b.test");
            assertEquals(64, r.code(), r.toString());
            assertEquals("send-mail: " + c[1] + "\n", r.err(), r.toString());
        }
        CliRun r = mem("", "--vrfy", "--concurrency=4", "--list-providers");
        assertEquals(0, r.code(), "the first mode option in order wins: " + r);
        assertTrue(r.out().contains("memory"), r.toString());
    }

    /** Refused while read, the message is not lost: every octet given, the body past the header too, is kept. */
    @Test
    void aHeaderSectionOverItsBoundIsADataErrorOnOneLineAndTheMessageAsGivenIsKept() throws IOException {
        String given = "X-Long: " + "x".repeat(70) + "\n" + ("\t" + "x".repeat(70) + "\n").repeat(16_000)
                + "\nbody\n" + "more of the body, past what was read when the header was refused\n".repeat(20_000);
        CliRun r = mem(given, "-f", "alice@a.test", "bob@b.test");
        assertEquals(65, r.code(), r.toString());
        Path deadLetter = home.resolve("dead.letter");
        assertEquals("send-mail: the header section is larger than 1048576 octets; message saved in " + deadLetter
                + "\n", r.err());
        assertEquals("From MAILER-DAEMON Sat Nov 28 12:00:00 2026\nX-Undelivered-To: bob@b.test\n"
                + "X-Send-Mail-Error: the header section is larger than 1048576 octets\n" + given + "\n",
                Files.readString(deadLetter));
        assertEquals(List.of(), memory.sent(), "nothing was sent");
    }

    @Test
    void sendmailModeThroughTheFileTransport() throws IOException {
        Path dir = home.resolve("out");
        CliRun r = CliRun.run(env, MESSAGE, "--transport", "file", "--set", "dir=" + dir, "-f", "alice@a.test",
                "bob@b.test");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.err(), "success is silent");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.toList();
        }
        assertEquals(1, files.size());
        String stored = Files.readString(files.get(0));
        assertTrue(stored.startsWith("X-Envelope-From: <alice@a.test>\r\nX-Envelope-To: <bob@b.test>\r\n"), stored);
        assertTrue(stored.contains("Subject: hi\r\nDate: Sat, 28 Nov 2026 12:00:00 +0000\r\nMessage-ID: <"), stored);
        assertTrue(stored.endsWith("\r\n\r\nhello\r\n"), "CRLF throughout, as on the wire: " + stored);
    }

    @Test
    void sendmailModeThroughTheMemoryTransport() {
        CliRun r = mem(MESSAGE, "-f", "alice@a.test", "bob@b.test", "carol@c.test");
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, memory.sent().size());
        MemoryTransport.Sent s = memory.sent().get(0);
        assertEquals("<alice@a.test>", s.reversePath());
        assertEquals(List.of(Mailbox.parse("bob@b.test"), Mailbox.parse("carol@c.test")), s.recipients());
    }

    @Test
    void readRecipientsFromHeadersRemovesBcc() {
        String msg = "From: alice@a.test\nTo: Bob <bob@b.test>, carol@c.test\nCc: dave@d.test\n"
                + "Bcc: secret@s.test,\n  other@s.test\nSubject: t\n\nbody\nBcc: not-a-header@x.test\n";
        CliRun r = mem(msg, "-t", "-i");
        assertEquals(0, r.code(), r.toString());
        MemoryTransport.Sent s = memory.sent().get(0);
        assertEquals(List.of("bob@b.test", "carol@c.test", "dave@d.test", "secret@s.test", "other@s.test"),
                s.recipients().stream().map(Mailbox::address).toList());
        String content = new String(s.content(), StandardCharsets.UTF_8);
        assertFalse(content.contains("secret@s.test"), content);
        assertFalse(content.contains("other@s.test"), content);
        assertTrue(content.contains("\n\nbody\nBcc: not-a-header@x.test\n"), "the body is untouched: " + content);
        assertEquals("<alice@a.test>", s.reversePath(), "the sender comes from the From field without -f");
    }

    @Test
    void aLoneDotEndsInputUnlessDashI() {
        String msg = "Subject: d\n\nline\n.\nafter\n";
        mem(msg, "-f", "a@a.test", "b@b.test");
        String first = new String(memory.sent().get(0).content(), StandardCharsets.UTF_8);
        assertTrue(first.endsWith("\n\nline\n"), first);
        memory.clear();
        mem(msg, "-oi", "-f", "a@a.test", "b@b.test");
        String second = new String(memory.sent().get(0).content(), StandardCharsets.UTF_8);
        assertTrue(second.endsWith("\n\nline\n.\nafter\n"), second);
    }

    @Test
    void unknownUserExits67ListsEveryRecipientAndWritesDeadLetter() throws IOException {
        memory.replyToRecipient("bob@b.test", SmtpReply.of(550, "5.1.1 User unknown"));
        CliRun r = mem(MESSAGE, "-f", "alice@a.test", "bob@b.test", "carol@c.test");
        assertEquals(67, r.code(), r.toString());
        assertTrue(r.err().contains("bob@b.test: failed: RCPT 550 5.1.1 User unknown (localhost)\n"), r.err());
        assertTrue(r.err().contains("carol@c.test: delivered: "), r.err());
        Path dead = home.resolve("dead.letter");
        assertTrue(r.err().contains("message saved in " + dead), r.err());
        String mbox = Files.readString(dead);
        assertTrue(mbox.startsWith("From alice@a.test Sat Nov 28 12:00:00 2026\nX-Undelivered-To: bob@b.test\n"), mbox);
        assertTrue(mbox.contains("\nSubject: hi\n"), mbox);
        assertTrue(mbox.endsWith("hello\n\n"), mbox);
    }

    @Test
    void temporaryFailureExits75AndPermanentOutranksIt() {
        memory.replyToRecipient("bob@b.test", SmtpReply.of(451, "4.3.0 try later"));
        assertEquals(75, mem(MESSAGE, "-f", "a@a.test", "bob@b.test", "carol@c.test").code());
        memory.replyToRecipient("carol@c.test", SmtpReply.of(554, "5.7.1 rejected"));
        assertEquals(69, mem(MESSAGE, "-f", "a@a.test", "bob@b.test", "carol@c.test").code());
    }

    @Test
    void jsonPrintsOneObjectPerRecipient() {
        memory.replyToRecipient("bob@b.test", SmtpReply.of(550, "5.1.1 No \"such\" user"));
        CliRun r = mem(MESSAGE, "--json", "--quiet", "-f", "a@a.test", "bob@b.test", "carol@c.test");
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].startsWith("{\"recipient\":\"bob@b.test\",\"status\":\"failed\",\"exit_code\":67,"), lines[0]);
        assertTrue(lines[0].contains("\"reply\":\"No \\\"such\\\" user\""), lines[0]);
        assertTrue(lines[1].contains("\"status\":\"delivered\""), lines[1]);
        assertFalse(r.err().contains("failed:"), "--quiet suppresses the stderr report: " + r.err());
    }

    @Test
    void controlCharacterInAnOptionIsOneLineAndNothingIsSent() {
        CliRun r = mem("", "--subject", "hi\r\nBcc: evil@x.test", "-f", "a@a.test", "b@b.test");
        assertEquals(65, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("--subject contains a control character"), r.err());
        r = mem(MESSAGE, "--helo", "x\ny", "-f", "a@a.test", "b@b.test");
        assertEquals(64, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(memory.sent().isEmpty());
    }

    @Test
    void overLongLineIsBadDataNothingSentMessageKept() {
        String msg = "Subject: x\n\n" + "a".repeat(999) + "\n";
        CliRun r = mem(msg, "-f", "a@a.test", "b@b.test");
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().contains("line 3 of the message is 999 octets long"), r.err());
        assertTrue(memory.sent().isEmpty());
        assertTrue(Files.exists(home.resolve("dead.letter")));
        assertEquals(0, mem("Subject: x\n\n" + "a".repeat(998) + "\n", "-f", "a@a.test", "b@b.test").code());
    }

    @Test
    void usageErrors() {
        assertEquals(64, mem(MESSAGE, "-f", "a@a.test").code(), "no recipients");
        CliRun r = mem(MESSAGE, "--password", "hunter2", "b@b.test");
        assertEquals(64, r.code());
        assertFalse(r.err().contains("hunter2"), r.err());
        assertEquals(64, mem(MESSAGE, "--no-such-option", "b@b.test").code());
        assertEquals(64, mem(MESSAGE, "--serv", "x", "b@b.test").code(), "no partial matching");
        assertEquals(65, mem(MESSAGE, "-f", "a@a.test", "not an address").code());
        assertEquals(64, mem("", "--cc", "c@c.test", "b@b.test").code(), "--cc without compose mode");
        assertTrue(memory.sent().isEmpty());
    }

    @Test
    void missingInputFileExits66() {
        CliRun r = mem("", "--subject", "s", "--attach", home.resolve("nope.pdf").toString(), "-f", "a@a.test",
                "b@b.test");
        assertEquals(66, r.code(), r.toString());
        assertTrue(r.err().contains("nope.pdf"), r.err());
    }

    @Test
    void configurationErrorsExit78() throws IOException {
        Path conf = home.resolve("conf");
        Files.writeString(conf, "defaults\nhost smtp.example.org\nfrobnicate yes\n");
        CliRun r = mem(MESSAGE, "--config", conf.toString(), "-f", "a@a.test", "b@b.test");
        assertEquals(78, r.code(), r.toString());
        assertEquals("send-mail: " + conf + ":3: unknown key 'frobnicate'; message saved in "
                + home.resolve("dead.letter") + "\n", r.err());
        r = CliRun.run(env, MESSAGE, "--transport", "nosuch", "-f", "a@a.test", "b@b.test");
        assertEquals(78, r.code(), r.toString());
        assertTrue(r.err().startsWith("send-mail: unknown transport 'nosuch'"), "the error first: " + r.err());
        assertTrue(r.err().endsWith("send-mail: message saved in " + home.resolve("dead.letter") + "\n"),
                "the message read is not lost: " + r.err());
        r = mem(MESSAGE, "--account", "work", "-f", "a@a.test", "b@b.test");
        assertEquals(78, r.code(), r.toString());
    }

    @Test
    void configFileFromXdgSuppliesTheSender() throws IOException {
        Path dir = home.resolve("xdg").resolve("send-mail");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config"), "account default\nfrom config@a.test\n");
        CliRun r = mem("Subject: s\n\nx\n", "b@b.test");
        assertEquals(0, r.code(), r.toString());
        assertEquals("<config@a.test>", memory.sent().get(0).reversePath());
        r = mem("Subject: s\n\nx\n", "-f", "cli@a.test", "b@b.test");
        assertEquals("<cli@a.test>", memory.sent().get(1).reversePath(), "the command line overrides the file");
    }

    @Test
    void cronStyleLocalRecipientsGoThroughTheAliasesFile() throws IOException {
        Path aliases = home.resolve("aliases");
        Files.writeString(aliases, "root: admin@example.test\n");
        Path conf = home.resolve("rc");
        Files.writeString(conf, "account default\nfrom cron@host.test\naliases " + aliases + "\n");
        CliRun r = mem("Subject: cron job\n\noutput\n", "--config", conf.toString(), "-FCronDaemon", "-i",
                "-B8BITMIME", "-oem", "root");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of(Mailbox.parse("admin@example.test")), memory.sent().get(0).recipients());
        r = mem("To: root\nSubject: t\n\nx\n", "--config", conf.toString(), "-t");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of(Mailbox.parse("admin@example.test")), memory.sent().get(1).recipients());
        assertTrue(new String(memory.sent().get(1).content(), StandardCharsets.UTF_8).startsWith("To: root\n"),
                "the header is left as written");
    }

    @Test
    void listProviders() {
        CliRun r = CliRun.run(env, "", "--list-providers");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("file ") && r.out().contains("memory "), r.out());
        assertTrue(r.out().contains("priority  -100"), r.out());
        assertTrue(r.out().contains("failed to load a transport provider: ")
                && r.out().contains("broken on purpose"), "a broken provider is reported: " + r.out());
        CliRun json = CliRun.run(env, "", "--list-providers", "--json");
        assertTrue(json.out().contains("{\"kind\":\"transport\",\"name\":\"file\",\"priority\":-100,"), json.out());
        assertTrue(json.out().contains("{\"kind\":\"transport\",\"problem\":"), json.out());
    }

    @Test
    void helpAndVersion() {
        CliRun r = CliRun.run(env, "", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--password-file"), r.out());
        assertTrue(CliRun.run(env, "", "--version").out().startsWith("send-mail "));
    }

    @Test
    void verboseNotesIgnoredSendmailFlags() {
        CliRun r = mem(MESSAGE, "-v", "-oem", "-B8BITMIME", "-f", "a@a.test", "b@b.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("ignoring sendmail flag -oem"), r.err());
        assertTrue(r.err().contains("ignoring sendmail flag -B8BITMIME"), r.err());
        assertTrue(r.err().contains("transport 'memory' (chosen by name"), r.err());
        assertTrue(r.err().contains("a transport provider failed to load: ") && r.err().contains("broken on purpose"),
                r.err());
    }

    @Test
    void planShowsConfiguredRoutesAndLiterals() {
        CliRun r = CliRun.run(env, "", "--plan", "--resolver", "static", "--set", "route.c.test=127.0.0.1:2526",
                "--route", "b.test=mx.b.test:2525", "bob@b.test", "x@[192.0.2.7]", "carol@c.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("b.test: configured route\n  1. mx.b.test port 2525"), r.out());
        assertTrue(r.out().contains("[192.0.2.7]: address literal: no DNS\n  1. 192.0.2.7: 192.0.2.7"), r.out());
        assertTrue(r.out().contains("c.test: configured route\n  1. 127.0.0.1 port 2526"), r.out());
    }

    @Test
    void planAsJson() {
        CliRun r = CliRun.run(env, "", "--plan", "--json", "--route", "b.test=mx.b.test:2525", "--resolver", "static",
                "--set", "route.c.test=127.0.0.1", "bob@b.test", "carol@c.test", "dave@b.test");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertEquals("{\"domain\":\"b.test\",\"recipients\":[\"bob@b.test\",\"dave@b.test\"],\"route\":\"static\","
                + "\"hosts\":[{\"host\":\"mx.b.test\",\"port\":2525,\"preference\":-1,\"addresses\":[]}]}",
                lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"domain\":\"c.test\""), lines.get(1));
    }

    @Test
    void planNeverRunsThePasswordCommand() throws IOException {
        Path marker = home.resolve("ran");
        CliRun r = CliRun.run(env, "", "--plan", "--server", "smtp.a.test:587", "--user", "u", "--password-cmd",
                "touch " + marker + "; echo pw", "bob@b.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("all recipients: smart host\n  1. smtp.a.test port 587"), r.out());
        assertFalse(Files.exists(marker), "no password is needed to print a plan");
    }

    @Test
    void aUserWithoutASmartHostIsWarnedAboutAndThePasswordIsNeverRead() throws IOException {
        Path marker = home.resolve("ran");
        CliRun r = CliRun.run(env, "", "--plan", "--resolver", "static", "--set", "route.b.test=127.0.0.1", "--user",
                "u", "--password-cmd", "touch " + marker + "; echo pw", "bob@b.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("warning: --user is ignored without --server: the password goes only to a smart "
                + "host, never to hosts found in DNS or given with --route"), r.err());
        assertFalse(Files.exists(marker));
        Path conf = home.resolve("rc");
        Files.writeString(conf, "account default\nuser joe\npasswordeval touch " + marker + "; echo pw\n");
        Files.setPosixFilePermissions(conf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        CliRun file = CliRun.run(env, "", "--plan", "--config", conf.toString(), "--resolver", "static", "--set",
                "route.b.test=127.0.0.1", "bob@b.test");
        assertEquals(0, file.code(), file.toString());
        assertTrue(file.err().contains("warning: user joe in " + conf + " line 2 is ignored without --server"),
                file.err());
        CliRun quiet = CliRun.run(env, "", "--plan", "--quiet", "--config", conf.toString(), "--resolver", "static",
                "--set", "route.b.test=127.0.0.1", "bob@b.test");
        assertEquals("", quiet.err());
        assertFalse(Files.exists(marker));
    }

    @Test
    void aHostListInOneServerOptionOrHostLineIsRefusedNotTakenAsOneHost() throws IOException {
        CliRun r = CliRun.run(env, "", "--plan", "--server", "auto,smtp.example.org", "bob@b.test");
        assertEquals(64, r.code(), r.toString());
        assertEquals("", r.out());
        assertEquals("send-mail: --server: 'auto,smtp.example.org' is not a host name: ',' cannot be part of one "
                + "(give each host on its own)\n", r.err());
        Path conf = home.resolve("rc");
        Files.writeString(conf, "account default\nhost auto,smtp.example.org\n");
        r = CliRun.run(env, "", "--plan", "--config", conf.toString(), "bob@b.test");
        assertEquals(78, r.code(), r.toString());
        assertEquals("send-mail: " + conf + ":2: host: 'auto,smtp.example.org' is not a host name: ',' cannot be part "
                + "of one (give each host on its own)\n", r.err());
    }

    @Test
    void planForADomainWithoutRouteExits69() {
        CliRun r = CliRun.run(env, "", "--plan", "--resolver", "static", "--set", "route.c.test=127.0.0.1",
                "bob@b.test");
        assertEquals(69, r.code(), r.toString());
        assertTrue(r.out().startsWith("b.test: no route\n  RESOLVE b.test: no static route"), r.out());
    }

    @Test
    void missingFromIsAddedWithTheFullName() {
        CliRun r = mem("Subject: s\n\nbody\n", "-f", "zoe@a.test", "-F", "Zoë Ä", "b@b.test");
        assertEquals(0, r.code(), r.toString());
        String content = new String(memory.sent().get(0).content(), StandardCharsets.UTF_8);
        assertTrue(content.startsWith("Subject: s\nFrom: =?UTF-8?Q?Zo=C3=AB_=C3=84?= <zoe@a.test>\nDate: "), content);
    }

    @Test
    void passwordInAReadableConfigFileIsRefused() throws IOException {
        Path conf = home.resolve("rc");
        Files.writeString(conf, "account default\nfrom a@a.test\n");
        Files.setPosixFilePermissions(conf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(0, mem(MESSAGE, "--config", conf.toString(), "b@b.test").code());
        Files.writeString(conf, "account default\nfrom a@a.test\nuser u\npassword hunter2\n");
        CliRun r = mem(MESSAGE, "--config", conf.toString(), "b@b.test");
        assertEquals(78, r.code(), r.toString());
        assertTrue(r.err().startsWith("send-mail: " + conf + " holds a password and others can read it"), r.err());
        assertFalse(r.err().contains("hunter2"), r.err());
        assertTrue(memory.sent().size() == 1, "nothing sent with the refused file");
        Files.setPosixFilePermissions(conf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertEquals("", mem(MESSAGE, "--config", conf.toString(), "b@b.test").err());
    }

    @Test
    void msmtpFromSubstitutionsAndIgnoredKeys() throws IOException {
        Path etc = home.resolve("etc");
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("mailname"), "mail.example.org\n");
        Path conf = home.resolve("rc");
        Files.writeString(conf, "defaults\nlogfile ~/.msmtp.log\nntlmdomain CORP\ntls_min_dh_prime_bits 1024\nsyslog off\n"
                + "account default\nfrom %U+100%%@%M\n"
                + "account any\nfrom *@example.org\n");
        CliRun r = mem(MESSAGE, "--config", conf.toString(), "b@b.test");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.err(), "the ignored keys are only mentioned under -v");
        assertEquals("<tester+100%@mail.example.org>", memory.sent().get(0).reversePath());
        assertTrue(Files.readString(home.resolve(".msmtp.log")).contains(" from=tester+100%@mail.example.org "
                + "recipients=b@b.test "), "logfile is written");
        r = mem(MESSAGE, "-v", "--config", conf.toString(), "b@b.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("send-mail: warning: ntlmdomain CORP in " + conf + " line 3: no effect in "
                + "send-mail (send-mail has no NTLM authentication)\n"), r.err());
        assertTrue(r.err().contains("send-mail: warning: tls_min_dh_prime_bits 1024 in " + conf + " line 4: no effect "
                + "in send-mail (the JDK refuses Diffie-Hellman groups under 1024 bits"), r.err());
        assertEquals(2, r.err().lines().filter(l -> l.contains("no effect")).count(), "one line each: " + r.err());
        r = mem("Subject: s\n\nx\n", "--config", conf.toString(), "-a", "any", "b@b.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(memory.sent().get(2).reversePath().startsWith("<tester@"), "a pattern is never the sender: "
                + memory.sent().get(2).reversePath());
        Files.writeString(conf, "account default\nfrom %X@a.test\n");
        r = mem(MESSAGE, "--config", conf.toString(), "b@b.test");
        assertEquals(78, r.code(), r.toString());
    }

    @Test
    void aMissingConfigurationFileNamedByAnOptionIs66() {
        CliRun r = mem(MESSAGE, "--config", home.resolve("nope.conf").toString(), "b@b.test");
        assertEquals(66, r.code(), r.toString());
        assertTrue(r.err().startsWith("send-mail: configuration file " + home.resolve("nope.conf")
                + " does not exist or is not a file"), r.err());
    }

    @Test
    void configurationIsLookedUpInMsmtpsPlacesToo() throws IOException {
        Path etc = home.resolve("etc");
        Files.createDirectories(etc);
        Path[] files = {home.resolve("xdg/send-mail/config"), home.resolve("xdg/msmtp/config"),
            home.resolve(".msmtprc"), etc.resolve("send-mail.conf"), etc.resolve("msmtprc")};
        // created from the last to the first: each run must pick the most specific file present
        for (int i = files.length - 1; i >= 0; i--) {
            Files.createDirectories(files[i].getParent());
            Files.writeString(files[i], "account default\nfrom f" + i + "@a.test\n");
            CliRun r = mem("Subject: s\n\nx\n", "-v", "b@b.test");
            assertEquals(0, r.code(), r.toString());
            assertEquals("<f" + i + "@a.test>", memory.sent().get(memory.sent().size() - 1).reversePath(),
                    files[i].toString());
            assertTrue(r.err().contains("send-mail: configuration " + files[i] + "\n"), r.err());
            CliRun plan = mem("", "--plan", "--server", "127.0.0.1:2525", "b@b.test");
            assertTrue(plan.out().startsWith("configuration: " + files[i] + "\n"), plan.toString());
            CliRun list = CliRun.run(env, "", "--list-providers", "-v");
            assertTrue(list.err().contains("configuration " + files[i] + " (not read by --list-providers)"),
                    list.toString());
        }
    }

    @Test
    void tlsWarningsArePrintedAndQuietSilencesThem() {
        CliRun r = mem(MESSAGE, "--tls", "off", "--tls-insecure", "-f", "a@a.test", "b@b.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("warning: --tls=off"), r.err());
        assertTrue(r.err().contains("warning: --tls-insecure"), r.err());
        CliRun quiet = mem(MESSAGE, "--quiet", "--tls", "off", "--tls-insecure", "-f", "a@a.test", "b@b.test");
        assertEquals(0, quiet.code(), quiet.toString());
        assertEquals("", quiet.err());
    }

    @Test
    void warningsNameTheFileAndLineOfTheSetting() throws IOException {
        Path conf = home.resolve("rc");
        Files.writeString(conf, "defaults\ntls off\n\naccount default\ntls_certcheck off\nfrom a@a.test\n");
        Files.setPosixFilePermissions(conf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        CliRun r = mem(MESSAGE, "--config", conf.toString(), "b@b.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("send-mail: warning: tls off in " + conf + " line 2: this mail"), r.err());
        assertTrue(r.err().contains("send-mail: warning: tls_certcheck off in " + conf + " line 5: server "
                + "certificates"), r.err());
        assertFalse(r.err().contains("--tls"), "the option was not given: " + r.err());
        CliRun msmtp = CliRun.run(env, MESSAGE, "--msmtp", "--transport", "memory", "--set", "name=" + name,
                "--config", conf.toString(), "--tls=off", "b@b.test");
        assertTrue(msmtp.err().contains("warning: --tls=off: this mail"), msmtp.err());
        assertEquals("", mem(MESSAGE, "--quiet", "--config", conf.toString(), "b@b.test").err(),
                "--quiet silences the warnings");
    }

    @Test
    void tlsPrioritiesThatCannotBeMappedAreNamedWithTheirLineAndTheRestApplies() throws IOException {
        Path conf = home.resolve("rc");
        Files.writeString(conf, "account default\nfrom a@a.test\n# strong ciphers, no TLS 1.2\n"
                + "tls_priorities SECURE256:-VERS-TLS1.2\n");
        CliRun r = mem(MESSAGE, "--config", conf.toString(), "b@b.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("send-mail: warning: tls_priorities SECURE256:-VERS-TLS1.2 in " + conf + " line 4: "
                + "not mapped: SECURE256 (256-bit security level: the JDK's cipher choice is used); enabled: TLSv1.3"),
                r.err());
        assertEquals("", mem(MESSAGE, "--quiet", "--config", conf.toString(), "b@b.test").err());
        CliRun msmtp = CliRun.run(env, MESSAGE, "--msmtp", "--transport", "memory", "--set", "name=" + name,
                "--config", conf.toString(), "--tls-priorities=PFS", "b@b.test");
        assertTrue(msmtp.err().contains("warning: --tls-priorities=PFS: not mapped: PFS"), msmtp.err());
        Files.writeString(conf, "account default\nfrom a@a.test\ntls_priorities NORMAL:-VERS-TLS1.2:-VERS-TLS1.3\n");
        CliRun none = mem(MESSAGE, "--config", conf.toString(), "b@b.test");
        assertEquals(78, none.code(), none.toString());
        assertTrue(none.err().contains(conf + ":3: tls_priorities: NORMAL:-VERS-TLS1.2:-VERS-TLS1.3 "
                + "enables neither TLS 1.3 nor TLS 1.2"), none.err());
    }

    @Test
    void aLogThatCannotBeWrittenIsAWarningNamingItsSetting() throws IOException {
        Path conf = home.resolve("rc");
        Path dir = Files.createDirectories(home.resolve("logdir"));
        Files.writeString(conf, "account default\nfrom a@a.test\nlogfile " + dir + "\nsyslog LOG_MAIL\n");
        CliRun r = CliRun.run(CliRun.withVariables(env, java.util.Map.of("PATH", home.resolve("nothing").toString())),
                MESSAGE, "--transport", "memory", "--set", "name=" + name, "--config", conf.toString(), "b@b.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("send-mail: warning: logfile " + dir + " in " + conf + " line 3: cannot write the "
                + "log file " + dir), r.err());
        assertTrue(r.err().contains("send-mail: warning: syslog LOG_MAIL in " + conf + " line 4: the logger program is "
                + "not on the PATH"), r.err());
        CliRun quiet = CliRun.run(CliRun.withVariables(env, java.util.Map.of("PATH", home.resolve("nothing").toString())),
                MESSAGE, "--quiet", "--transport", "memory", "--set", "name=" + name, "--config", conf.toString(),
                "b@b.test");
        assertEquals(0, quiet.code(), quiet.toString());
        assertEquals("", quiet.err());
    }

    @Test
    void aMissingCrlFileIsAConfigurationErrorNamingTheLine() throws IOException {
        Path conf = home.resolve("rc");
        Files.writeString(conf, "account default\nfrom a@a.test\ntls_crl_file ~/nothing.crl\n");
        CliRun r = mem(MESSAGE, "--config", conf.toString(), "b@b.test");
        assertEquals(78, r.code(), r.toString());
        assertTrue(r.err().contains("tls_crl_file ~/nothing.crl in " + conf + " line 3: cannot read " + home
                + "/nothing.crl"), r.err());
    }
}
