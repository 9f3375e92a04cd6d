package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.WaitingConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitAllStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * The msmtprc corpus of the unit tests ({@code cli/src/test/resources/msmtprc/}: Gmail with an OAuth2 helper in
 * passwordeval, Fastmail over implicit TLS, Office 365, a cron box's local relay, several accounts with defaults,
 * inheritance and from patterns), each installed unchanged as {@code ~/.msmtprc} of a HOME of its own and used by
 * the built launcher called through a link named {@code msmtp}, against Postfix (Gmail's file against Dovecot's
 * submission server, whose oauth2 passdb checks bearer tokens at a provider in its container). The provider host
 * names are pointed at the container on the command line ({@code --server}, as a user testing against a local
 * relay would), the CA with {@code --cafile} or the file's own {@code tls_trust_file}, and the login with
 * {@code --user=} (each server knows one user); the passwordeval helpers the files name ({@code pass},
 * {@code gpg}, {@code secret-tool}) are stand-ins on the PATH that print the password, and {@code oauth2token}
 * gets an access token from the provider's token endpoint. Each message is checked where the server delivered it
 * (the envelope) and in the log file (msmtp's one-line record).
 */
class MsmtprcCorpusIT {

    private static final String RCPT = "bob@example.test";

    @TempDir
    Path home;

    private MailServer pf;
    private Path msmtp;

    @BeforeEach
    void setUp() throws IOException {
        pf = Servers.postfix();
        Path dist = Launcher.script().getParent().resolve("cli/target/send-mail-dist/bin/send-mail");
        Path bin = Files.createDirectories(home.resolve("bin"));
        msmtp = Files.createSymbolicLink(bin.resolve("msmtp"), dist);
        for (String helper : List.of("pass", "gpg", "oauth2token", "secret-tool")) {
            Path h = bin.resolve(helper);
            Files.writeString(h, "#!/bin/sh\n# stands in for the password store the msmtprc names\ncat "
                    + Cli.passwordFile() + "\n");
            Files.setPosixFilePermissions(h, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Installs corpus file {@code name} as {@code ~/.msmtprc}, with {@code replace} (system paths) applied. */
    private void install(String name, Map<String, String> replace) throws IOException {
        String text = Files.readString(Launcher.root().resolve("cli/src/test/resources/msmtprc").resolve(name));
        for (Map.Entry<String, String> e : replace.entrySet()) {
            assertTrue(text.contains(e.getKey()), name + " names " + e.getKey());
            text = text.replace(e.getKey(), e.getValue());
        }
        Path rc = home.resolve(".msmtprc");
        Files.writeString(rc, text);
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
    }

    private CliResult msmtp(byte[] message, String... args) {
        return msmtpExit(0, message, args);
    }

    private CliResult msmtpExit(int exit, byte[] message, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("USER", "cron");
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", Path.of(System.getProperty("user.home"), ".cache").toString());
        env.put("PATH", home.resolve("bin") + ":" + System.getenv("PATH"));
        List<Object> command = new ArrayList<>(List.of(msmtp));
        command.addAll(List.of(args));
        CliResult r = Launcher.run(Launcher.command(command.toArray()), message, env, home);
        assertEquals(exit, r.exit(), r.describe());
        return r;
    }

    /** The delivered message with {@code token}, after checking its envelope as Postfix recorded it. */
    private String delivered(String token, String sender) {
        String got = new String(pf.awaitMessages(token, 1).get(0), StandardCharsets.UTF_8);
        assertTrue(got.contains("Return-Path: <" + sender + ">"), got);
        assertTrue(got.contains("Delivered-To: " + RCPT), got);
        return got;
    }

    /** The only line of the log file, checked for msmtp's fields. */
    private String logLine(Path log, String tlsAuthUser, String sender) throws IOException {
        String l = logLine(log, pf.host(), tlsAuthUser, sender);
        assertTrue(l.matches(".* smtpstatus=250 smtpmsg='250 2\\.0\\.0 Ok: .*queued as [0-9A-F]+' .*"), l);
        return l;
    }

    /** The only line of the log file, checked for msmtp's fields (server {@code host}). */
    private static String logLine(Path log, String host, String tlsAuthUser, String sender) throws IOException {
        List<String> lines = Files.readAllLines(log);
        assertEquals(1, lines.size(), lines.toString());
        String l = lines.get(0);
        assertTrue(l.contains(" host=" + host + " " + tlsAuthUser + " from=" + sender + " recipients=" + RCPT
                + " mailsize="), l);
        assertTrue(l.matches("[A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d:\\d\\d host=.*"), "msmtp's default time format: " + l);
        assertTrue(l.endsWith("' exitcode=EX_OK"), l);
        return l;
    }

    private static byte[] message(String from, String token) {
        return ("From: " + from + "\r\nTo: " + RCPT + "\r\nSubject: corpus " + token + "\r\n\r\n" + token + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private String server(int port) {
        return pf.host() + ":" + port;
    }

    @Test
    void gmailWithAnOAuth2HelperInPasswordeval() throws Exception {
        DockerRequired.image("sendmail-it/dovecot:2");
        String refresh = "refresh-corpus-gmail";
        try (GenericContainer<?> dovecot = new GenericContainer<>(DockerImageName.parse("sendmail-it/dovecot:2"))
                .withCommand(refresh).withExposedPorts(2587, 8443)
                .waitingFor(new WaitAllStrategy()
                        .withStrategy(Wait.forLogMessage(".*it-idp: serving.*", 1))
                        .withStrategy(Wait.forLogMessage(".*it-sink: serving.*", 1))
                        .withStrategy(Wait.forLogMessage(".*starting up for submission.*", 1)))) {
            dovecot.start();
            Path cert = home.resolve("dovecot.pem");
            dovecot.copyFileFromContainer("/etc/it-tls/cert.pem", in -> Files.write(cert, in.readAllBytes()));
            install("gmail-oauth2", Map.of("/etc/ssl/certs/ca-certificates.crt", cert.toString()));
            // the helper the file names: trades the refresh token in its store for an access token at the
            // provider's token endpoint and prints it (with a newline), as oauth2.py and its kind do
            Path store = Files.writeString(home.resolve("gmail.refresh"), refresh + "\n");
            Path classes = Path.of(OAuth2TokenHelper.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            Path helper = home.resolve("bin/oauth2token");
            Files.writeString(helper, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                    + "' -cp '" + classes + "' " + OAuth2TokenHelper.class.getName() + " https://localhost:"
                    + dovecot.getMappedPort(8443) + "/token '" + cert + "' gmail '" + store + "' \"$@\"\n");
            String server = "localhost:" + dovecot.getMappedPort(2587);
            Path log = home.resolve(".msmtp.log");

            // the provider reports each client's first access token revoked: Dovecot refuses it, as Gmail does a
            // token revoked after the helper cached it; msmtp's exit status and a log line say so
            String refused = TestMessages.token("corpus-gmail-revoked");
            CliResult r = msmtpExit(77, message("Jane Doe <jane.doe@gmail.com>", refused), "--server", server,
                    "--user=alice", RCPT);
            assertFalse(r.stderr().contains("gmail.1"), "no token in the output: " + r.stderr());
            assertTrue(Files.readString(log).endsWith(" exitcode=EX_NOPERM\n"), Files.readString(log));
            Files.delete(log);

            // the helper's next token is active: OAUTHBEARER as the file says, the message relayed
            String token = TestMessages.token("corpus-gmail");
            CliResult ok = msmtp(message("Jane Doe <jane.doe@gmail.com>", token), "--server", server,
                    "--user=alice", "-d", RCPT);
            assertTrue(ok.stderr().contains("] -> AUTH OAUTHBEARER ****\n"), "the token hidden: " + ok.stderr());
            assertFalse(ok.stderr().contains("gmail.2"), ok.stderr());
            awaitLogged(dovecot, "method=OAUTHBEARER", 2);
            awaitLogged(dovecot, "it-sink: received from", 1);
            String logs = dovecot.getLogs();
            assertEquals(2, count(logs, "method=OAUTHBEARER"), "two logins, both OAUTHBEARER: " + logs);
            assertEquals(1, count(logs, "Login: user=<alice>, method=OAUTHBEARER"), logs);
            assertEquals(1, count(logs, "it-sink: received from jane.doe@gmail.com for " + RCPT), logs);
            String line = logLine(log, "localhost", "tls=on auth=on user=alice", "jane.doe@gmail.com");
            assertTrue(line.matches(".* smtpstatus=250 smtpmsg='250 2\\.0\\.0 .*' exitcode=EX_OK"), line);
            Files.delete(log);

            // XOAUTH2, msmtp's other bearer mechanism, named on the command line in msmtp's lower case
            String x = TestMessages.token("corpus-gmail-xoauth2");
            msmtp(message("Jane Doe <jane.doe@gmail.com>", x), "--server", server, "--user=alice",
                    "--auth=xoauth2", RCPT);
            awaitLogged(dovecot, "method=XOAUTH2", 1);
            awaitLogged(dovecot, "it-sink: received from", 2);
            logs = dovecot.getLogs();
            assertEquals(1, count(logs, "Login: user=<alice>, method=XOAUTH2"), logs);
            assertEquals(2, count(logs, "it-sink: received from jane.doe@gmail.com for " + RCPT), logs);
            logLine(log, "localhost", "tls=on auth=on user=alice", "jane.doe@gmail.com");
            Files.delete(log);

            // the same with the Jakarta transport (Angus Mail's XOAUTH2 client)
            String j = TestMessages.token("corpus-gmail-jakarta");
            CliResult jakarta = msmtp(message("Jane Doe <jane.doe@gmail.com>", j), "--server", server,
                    "--user=alice", "--auth=xoauth2", "--transport", "jakarta", "-v", RCPT);
            assertTrue(jakarta.stderr().contains("transport 'jakarta'"), jakarta.stderr());
            assertFalse(jakarta.stderr().contains("gmail.4"), jakarta.stderr());
            awaitLogged(dovecot, "method=XOAUTH2", 2);
            awaitLogged(dovecot, "it-sink: received from", 3);
            logs = dovecot.getLogs();
            assertEquals(2, count(logs, "Login: user=<alice>, method=XOAUTH2"), logs);
            assertEquals(3, count(logs, "it-sink: received from jane.doe@gmail.com for " + RCPT), logs);
            logLine(log, "localhost", "tls=on auth=on user=alice", "jane.doe@gmail.com");
        }
    }

    /** Waits until Docker has recorded {@code times} lines of the container's output that contain {@code part}. */
    private static void awaitLogged(GenericContainer<?> container, String part, int times) throws TimeoutException {
        WaitingConsumer output = new WaitingConsumer();
        container.followOutput(output);
        output.waitUntil(f -> f.getUtf8String().contains(part), 30, TimeUnit.SECONDS, times);
    }

    private static long count(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    @Test
    void fastmailOverImplicitTls() throws IOException {
        install("fastmail", Map.of());
        String token = TestMessages.token("corpus-fastmail");
        Path log = home.resolve("fastmail.log");
        CliResult r = msmtp(message("jane@fastmail.com", token), "--server", server(pf.smtpsPort()), "--cafile",
                pf.caFile().toString(), "--user=" + MailServer.USER, "-X", log.toString(), "-v", RCPT);
        assertTrue(r.stderr().contains("TLS established: TLSv1."), r.stderr());
        assertFalse(r.stderr().contains("STARTTLS"), "implicit TLS from the first byte: " + r.stderr());
        delivered(token, "jane@fastmail.com");
        logLine(log, "tls=on auth=on user=" + MailServer.USER, "jane@fastmail.com");
    }

    @Test
    void office365WithLoginAndSecretTool() throws IOException {
        install("office365", Map.of());
        String token = TestMessages.token("corpus-o365");
        Path log = home.resolve("o365.log");
        CliResult r = msmtp(message("J. Doe <j.doe@contoso.example>", token), "--server",
                server(pf.submissionPort()), "--cafile", pf.caFile().toString(), "--user=" + MailServer.USER, "-X",
                log.toString(), "-v", RCPT);
        assertTrue(r.stderr().contains("AUTH LOGIN"), r.stderr());
        delivered(token, "j.doe@contoso.example");
        logLine(log, "tls=on auth=on user=" + MailServer.USER, "j.doe@contoso.example");
    }

    @Test
    void aCronBoxsLocalRelayWithAliases() throws IOException {
        Path aliases = Files.writeString(home.resolve("aliases"), "# cron mails root\nroot: " + RCPT + "\n");
        Path log = home.resolve("msmtp.log");
        install("local-relay", Map.of("/etc/aliases", aliases.toString(), "/var/log/msmtp.log", log.toString()));
        String token = TestMessages.token("corpus-relay");
        msmtp(("Subject: cron " + token + "\r\n\r\n" + token + "\r\n").getBytes(StandardCharsets.UTF_8),
                "--server", server(pf.smtpPort()), "root");
        String got = new String(pf.awaitMessages(token, 1).get(0), StandardCharsets.UTF_8);
        assertTrue(got.contains("Return-Path: <cron@"), "from %U@%H: " + got);
        assertTrue(got.contains("Delivered-To: " + RCPT), "root, aliased: " + got);
        assertTrue(got.contains("from cron.example.org ("), "EHLO with the domain key: " + got);
        List<String> lines = Files.readAllLines(log);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d host=" + pf.host()
                + " tls=off auth=off from=cron@\\S+ recipients=" + RCPT + " mailsize=\\d+ smtpstatus=250 .*"
                + " exitcode=EX_OK"), "logfile_time_format and msmtp's fields: " + lines.get(0));
    }

    @Test
    void severalAccountsSelectedByDefaultByFromPatternAndByName() throws IOException {
        install("several-accounts", Map.of());
        Path log = home.resolve(".msmtp.log");
        // the default account inherits from home: implicit TLS, and its from locked (allow_from_override off)
        String token = TestMessages.token("corpus-home");
        msmtp(message("Jane <jane@home.example>", token), "--server", server(pf.smtpsPort()), "--cafile",
                pf.caFile().toString(), "--user=" + MailServer.USER, "-f", "someone@else.example", RCPT);
        delivered(token, "jane@home.example");
        logLine(log, "tls=on auth=on user=" + MailServer.USER, "jane@home.example");
        Files.delete(log);

        // the From field's address selects the work account by its pattern: STARTTLS on the submission port
        // (the home account's implicit TLS would fail there)
        String work = TestMessages.token("corpus-work");
        CliResult r = msmtp(message("Boss <boss@work.example>", work), "--server", server(pf.submissionPort()),
                "--cafile", pf.caFile().toString(), "--user=" + MailServer.USER, "--read-envelope-from", "-t", "-v");
        assertTrue(r.stderr().contains("account 'work' (its from matches the From field)"), r.stderr());
        delivered(work, "boss@work.example");
        logLine(log, "tls=on auth=on user=" + MailServer.USER, "boss@work.example");
        Files.delete(log);

        // work-lists inherits host and TLS from work and rewrites the From field (set_from_header on)
        String lists = TestMessages.token("corpus-lists");
        msmtp(message("Jane <jane@home.example>", lists), "-a", "work-lists", "--server",
                server(pf.submissionPort()), "--cafile", pf.caFile().toString(), "--user=" + MailServer.USER, RCPT);
        String got = delivered(lists, "lists@work.example");
        assertTrue(got.contains("From: \"Jane Doe (Work)\" <lists@work.example>")
                || got.contains("From: Jane Doe (Work) <lists@work.example>"), got);
        logLine(log, "tls=on auth=on user=" + MailServer.USER, "lists@work.example");
    }
}
