package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The queue as a cron job would use it, against a real Postfix: messages are queued while Postfix is not
 * running, Postfix is started, and {@code send-mail --queue-dir DIR -q} with no other option delivers each
 * message through the route it was queued for; a recipient Postfix refuses with 550 during that run gets its
 * sender a delivery status notification, also through Postfix.
 */
class QueuePostfixIT {

    private static final String MAILDIR = "/var/mail/vhosts/all/new";

    private static GenericContainer<?> postfix;
    private static Path caFile;

    @TempDir
    Path work;

    @BeforeAll
    static void startContainerWithoutPostfix() throws Exception {
        DockerRequired.image(MailServer.Kind.POSTFIX.image);
        postfix = new GenericContainer<>(DockerImageName.parse(MailServer.Kind.POSTFIX.image))
                .withEnv("MAIL_HOSTNAME", "queue.test")
                .withCommand("sh", "-c", "it-tls queue.test && postconf -e myhostname=queue.test "
                        + "&& echo 'queue-it: Postfix is installed but stopped' && exec sleep 100000")
                .withExposedPorts(25)
                .waitingFor(Wait.forLogMessage(".*Postfix is installed but stopped.*", 1));
        postfix.start();
        Containers.stopAtExit(postfix);
        caFile = Files.createTempFile("sendmail-it-queue-ca", ".pem");
        postfix.copyFileFromContainer("/etc/it-tls/ca.pem", in -> Files.copy(in, caFile,
                StandardCopyOption.REPLACE_EXISTING));
    }

    @AfterAll
    static void stop() {
        if (postfix != null) {
            postfix.stop();
        }
    }

    private CliResult launch(byte[] stdin, Object... args) throws IOException {
        Path home = Files.createDirectories(work.resolve("home"));
        List<String> command = Launcher.command(Stream.concat(Stream.of(Launcher.script()), Stream.of(args)).toArray());
        return Launcher.run(command, stdin, Map.of("HOME", home.toString(), "XDG_CONFIG_HOME",
                home.resolve(".config").toString()), work);
    }

    private static void exec(String script) throws Exception {
        ExecResult r = postfix.execInContainer("sh", "-c", script);
        assertEquals(0, r.getExitCode(), script + ": " + r.getStdout() + r.getStderr());
    }

    private static List<String> awaitMail(String token) throws Exception {
        ExecResult r = postfix.execInContainer("sh", "-c", "i=0; while [ $i -lt 300 ]; do f=$(grep -rlF -- \"$1\" "
                + MAILDIR + " 2>/dev/null); [ -n \"$f\" ] && { printf '%s\\n' \"$f\"; exit 0; }; i=$((i+1)); "
                + "sleep 0.1; done; exit 1", "sh", token);
        assertEquals(0, r.getExitCode(), "no mail containing " + token + "\n" + postfix.getLogs());
        return r.getStdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String read(String path) throws Exception {
        return new String(postfix.copyFileFromContainer(path, in -> in.readAllBytes()), StandardCharsets.UTF_8);
    }

    @Test
    void queuedWhilePostfixIsStoppedThenACronRunWithNoOptionsDeliversAndBouncesThroughTheRecordedRoute()
            throws Exception {
        Path queue = work.resolve("queue");
        String ok = TestMessages.token("queued");
        String refused = TestMessages.token("refused");
        String sender = "queue-sender-" + refused.substring(3) + "@example.test";
        Object[] route = {"--server", "127.0.0.1", "--port", postfix.getMappedPort(25), "--tls", "starttls",
            "--cafile", caFile, "--timeout", "20", "--queue-dir", queue};

        CliResult first = launch(TestMessages.simple(ok, "bob@example.test", "queued while down\r\n"),
                Stream.concat(Stream.of(route), Stream.of("-f", TestMessages.FROM, "bob@example.test")).toArray());
        assertEquals(0, first.exit(), first.describe());
        assertTrue(first.stderr().contains("queued as "), first.describe());
        CliResult second = launch(TestMessages.simple(refused, "unknown-rcpt@example.test", "will bounce\r\n"),
                Stream.concat(Stream.of(route), Stream.of("-f", sender, "unknown-rcpt@example.test")).toArray());
        assertEquals(0, second.exit(), second.describe());

        exec("postfix start && i=0; until postfix status >/dev/null 2>&1; do i=$((i+1)); [ $i -gt 300 ] && exit 1; "
                + "sleep 0.1; done");

        CliResult run = launch(new byte[0], "--queue-dir", queue, "-q");
        assertEquals(0, run.exit(), run.describe());
        assertEquals(2, run.stderr().lines().count(), "one line per message tried: " + run.describe());

        String delivered = read(awaitMail(ok).get(0));
        assertTrue(delivered.contains("queued while down"), delivered);
        assertTrue(delivered.contains("TLS"), "it took the recorded STARTTLS route: " + delivered);

        String dsn = read(awaitMail(refused).get(0));
        assertTrue(dsn.contains("report-type=delivery-status") && dsn.contains("Final-Recipient: rfc822; "
                + "unknown-rcpt@example.test") && dsn.contains("Status: 5.1.1"), dsn);
        assertTrue(dsn.contains("Return-Path: <>"), "a notification comes from the null sender: " + dsn);
        try (Stream<Path> s = Files.list(queue)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".entry")), "the queue is empty");
        }
    }
}
