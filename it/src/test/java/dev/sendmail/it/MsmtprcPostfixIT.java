package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's ordinary {@code ~/.msmtprc} (defaults, an account with STARTTLS, AUTH with passwordeval, a from
 * pattern and a default account inheriting from it, a log file) in a HOME of its own, used by the built launcher
 * called through a link named {@code msmtp} with msmtp's options, against Postfix: the message is delivered with
 * the account's sender, and the log file gets msmtp's one-line record of it.
 */
class MsmtprcPostfixIT {

    @TempDir
    Path home;

    @Test
    void anOrdinaryMsmtprcDeliversThroughPostfixAndLogs() throws Exception {
        MailServer pf = Servers.postfix();
        Path rc = home.resolve(".msmtprc");
        Files.writeString(rc, String.join("\n",
                "# as written for msmtp",
                "defaults",
                "auth           on",
                "tls            on",
                "tls_trust_file " + pf.caFile(),
                "logfile        ~/.msmtp.log",
                "timeout        30",
                "",
                "account        example",
                "host           " + pf.host(),
                "port           " + pf.submissionPort(),
                "user           " + MailServer.USER,
                "passwordeval   \"cat " + Cli.passwordFile() + "\"",
                "from           *@example.test",
                "",
                "account default : example",
                "from           " + TestMessages.FROM,
                ""));
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        Path dist = Launcher.script().getParent().resolve("cli/target/send-mail-dist/bin/send-mail");
        Path msmtp = Files.createSymbolicLink(Files.createDirectories(home.resolve("bin")).resolve("msmtp"), dist);
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", Path.of(System.getProperty("user.home"), ".cache").toString());

        String token = TestMessages.token("msmtprc");
        CliResult r = Launcher.run(Launcher.command(msmtp, "-t", "--read-envelope-from"),
                TestMessages.simple(token, "bob@example.test", "from an msmtprc\r\n"), env, home);
        assertEquals(0, r.exit(), r.describe());
        String got = new String(pf.awaitMessages(token, 1).get(0), StandardCharsets.UTF_8);
        assertTrue(got.contains("Return-Path: <" + TestMessages.FROM + ">"), got);
        assertTrue(got.contains("from an msmtprc"), got);

        List<String> log = Files.readAllLines(home.resolve(".msmtp.log"));
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains(" host=" + pf.host() + " tls=on auth=on user=" + MailServer.USER
                + " from=" + TestMessages.FROM + " recipients=bob@example.test mailsize="), log.get(0));
        assertTrue(log.get(0).contains(" smtpstatus=250 ") && log.get(0).endsWith(" exitcode=EX_OK"), log.get(0));
    }
}
