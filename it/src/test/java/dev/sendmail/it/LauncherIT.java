package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher as a process, and real programs that use it as their sendmail: bsd-mailx
 * ({@code set sendmail=...}) and {@code git send-email --sendmail-cmd}. They find the server in an
 * msmtp-style configuration file under {@code $XDG_CONFIG_HOME/send-mail/config}.
 */
class LauncherIT {

    static final Path MAILX = Path.of(System.getenv().getOrDefault("MAILX", "/opt/sendmail-it/mailx/usr/bin/bsd-mailx"));

    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void launcherDeliversThroughStartTls(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("launcher-" + transport);
        List<String> cmd = Launcher.command(Launcher.script());
        cmd.addAll(Cli.plus(Cli.submission(transport, pf, "PLAIN"), "-f", TestMessages.FROM, "bob@example.test"));
        CliResult r = Launcher.run(cmd, TestMessages.simple(token, "bob@example.test", "from the launcher\r\n"),
                isolated(), dir);
        assertEquals(0, r.exit(), r.describe());
        pf.awaitMail(token, 1);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void fiftyMegabytesThroughALauncherWith48MegabytesOfHeap(String transport) throws Exception {
        // sendmail mode reads the message from a pipe; with -Xmx48m it can only stream it
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("launcher-50mb-" + transport);
        Path message = dir.resolve("big.eml");
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(message))) {
            byte[] headers = (TestMessages.headers(token, "bob@example.test", "50 MB") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            out.write(headers);
            expected.update(TestMessages.lf(headers));
            Random random = new Random(11);
            byte[] raw = new byte[57];
            for (int i = 0; i < 50 * 1024 * 1024 / 78; i++) {
                random.nextBytes(raw);
                String line = Base64.getEncoder().encodeToString(raw);
                out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                expected.update((line + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        Map<String, String> env = isolated();
        env.put("SEND_MAIL_JAVA_OPTS", "-Xmx48m");
        List<String> cmd = Launcher.command(Launcher.script());
        cmd.addAll(Cli.plus(Cli.smartHost(transport, pf, pf.smtpPort(), "starttls"), "-i", "-f", TestMessages.FROM,
                "bob@example.test"));
        CliResult r = Launcher.run(cmd, message, env, dir);
        assertEquals(0, r.exit(), r.describe());
        Path stored = pf.copyOut(pf.awaitMail(token, 1).get(0), dir.resolve("stored.eml"));
        byte[] body = new DeliveredMessage(Files.readAllBytes(stored)).withoutTrace();
        assertEquals(HexFormat.of().formatHex(expected.digest()),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)),
                "the 50 MB message changed in transit (" + body.length + " bytes stored)");
    }

    @Test
    void launcherReportsUsageErrorsWithExit64() {
        List<String> cmd = Launcher.command(Launcher.script(), "--no-such-option", "bob@example.test");
        CliResult r = Launcher.run(cmd, new byte[0], isolated(), dir);
        assertEquals(64, r.exit(), r.describe());
        assertTrue(r.stderr().contains("no-such-option"), r.describe());
        assertTrue(r.stderr().strip().lines().count() <= 3 && !r.stderr().contains("\tat "),
                "a usage error is a short message, not a stack trace: " + r.describe());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void mailxUsesTheLauncherAsSendmail(String transport) throws Exception {
        MailServer pf = Servers.postfix();
        assertTrue(Files.isExecutable(MAILX), MAILX + " missing: " + DockerRequired.SETUP);
        String token = TestMessages.token("mailx-" + transport);
        Map<String, String> env = configured(pf, transport);
        Path mailrc = Files.writeString(dir.resolve("mailrc"), "set sendmail=" + Launcher.script() + "\n");
        env.put("MAILRC", mailrc.toString());
        CliResult r = Launcher.run(Launcher.command(MAILX, "-s", "mailx " + token, "bob@example.test"),
                ("Hello from bsd-mailx " + token + "\n.leading dot line\n").getBytes(StandardCharsets.UTF_8), env, dir);
        assertEquals(0, r.exit(), r.describe());
        DeliveredMessage m = new DeliveredMessage(pf.awaitMessages(token, 1).get(0));
        assertEquals("mailx " + token, m.header("Subject"));
        assertEquals("bob@example.test", m.header("Delivered-To"));
        assertTrue(m.text().contains("\n.leading dot line\n"), m.text());
        assertTrue(m.header("Received").contains("using TLS"), "the config file asks for STARTTLS: " + m.header("Received"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void gitSendEmailUsesTheLauncher(String transport) throws Exception {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("git-" + transport);
        Map<String, String> env = configured(pf, transport);
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "Dev Eloper");
        env.put("GIT_AUTHOR_EMAIL", "dev@example.test");
        env.put("GIT_COMMITTER_NAME", "Dev Eloper");
        env.put("GIT_COMMITTER_EMAIL", "dev@example.test");
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(env, repo, "init", "-q");
        Files.writeString(repo.resolve("hello.txt"), "hello, world\n");
        git(env, repo, "add", "hello.txt");
        git(env, repo, "commit", "-q", "-m", "Add greeting " + token);
        git(env, repo, "format-patch", "-q", "-1", "-o", dir.resolve("patches").toString());
        Path patch;
        try (var files = Files.list(dir.resolve("patches"))) {
            patch = files.findFirst().orElseThrow();
        }
        CliResult r = Launcher.run(Launcher.command("git", "send-email", "--sendmail-cmd=" + Launcher.script(),
                "--to=bob@example.test", "--from=Dev Eloper <dev@example.test>", "--confirm=never",
                "--suppress-cc=all", "--envelope-sender=auto", "--quiet", patch), new byte[0], env, repo);
        assertEquals(0, r.exit(), r.describe());
        DeliveredMessage m = new DeliveredMessage(pf.awaitMessages(token, 1).get(0));
        assertEquals("[PATCH] Add greeting " + token, m.header("Subject"));
        assertTrue(m.text().contains("+hello, world"), m.text());
        // --envelope-sender=auto makes git pass -f with the From address; it overrides the config's from
        assertEquals("<dev@example.test>", m.header("Return-Path"));
    }

    private void git(Map<String, String> env, Path repo, String... args) {
        List<String> cmd = Launcher.command((Object[]) args);
        cmd.add(0, "git");
        CliResult r = Launcher.run(cmd, new byte[0], env, repo);
        assertEquals(0, r.exit(), r.describe());
    }

    /** HOME and XDG_CONFIG_HOME in the temp dir, so no real user configuration is read. */
    private Map<String, String> isolated() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.toString());
        env.put("XDG_CONFIG_HOME", dir.resolve(".config").toString());
        // one class-data sharing archive for all launcher runs, as on a real machine
        env.put("XDG_CACHE_HOME", Path.of(System.getProperty("user.home"), ".cache").toString());
        return env;
    }

    /** An msmtp-style configuration for the submission port: STARTTLS, the run's CA, AUTH with passwordeval. */
    private Map<String, String> configured(MailServer pf, String transport) throws Exception {
        Map<String, String> env = isolated();
        Path config = Files.createDirectories(dir.resolve(".config/send-mail")).resolve("config");
        Files.writeString(config, String.join("\n",
                "# written by LauncherIT",
                "defaults",
                "tls on",
                "tls_starttls on",
                "tls_trust_file " + pf.caFile(),
                "",
                "account it",
                "host " + pf.host(),
                "port " + pf.submissionPort(),
                "from " + TestMessages.FROM,
                "auth on",
                "user " + MailServer.USER,
                "passwordeval \"cat " + Cli.passwordFile() + "\"",
                "transport " + transport,
                "",
                "account default : it",
                ""));
        return env;
    }
}
