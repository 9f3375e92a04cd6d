package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MailProtocol;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.Sender;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testkit.RecordingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * LMTP (RFC 2033) against Dovecot's lmtp server: alice and bob have room, full has a 1 KiB quota, nobody does
 * not exist. RCPT accepts alice, full and bob; after the data Dovecot answers each of them on its own, and full's
 * quota refusal must fail full alone while alice and bob are delivered, into their own Maildirs. Dovecot also
 * listens on a unix socket in a directory of this machine bound into the container (msmtp's {@code socket}).
 */
class LmtpDovecotIT {

    private static GenericContainer<?> lmtp;
    /** A directory of this machine where Dovecot's unix socket {@code lmtp} appears. */
    private static Path socketDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        DockerRequired.image("sendmail-it/lmtp:1");
        socketDir = Files.createTempDirectory("sendmail-it-lmtp");
        lmtp = new GenericContainer<>(DockerImageName.parse("sendmail-it/lmtp:1")).withExposedPorts(24)
                .withFileSystemBind(socketDir.toString(), "/srv/lmtp/socket", BindMode.READ_WRITE)
                .waitingFor(Wait.forLogMessage(".*starting up for lmtp.*", 1));
        lmtp.start();
        Containers.stopAtExit(lmtp);
    }

    static int port() {
        return lmtp.getMappedPort(24);
    }

    /** The messages in {@code user}'s Maildir that contain {@code token}. */
    static List<String> mailOf(String user, String token) throws IOException, InterruptedException {
        String out = lmtp.execInContainer("sh", "-c", "grep -rlF -- \"$1\" /srv/lmtp/home/$2/Maildir/new 2>/dev/null",
                "sh", token, user).getStdout();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** A message over full's quota of 1 KiB. */
    static byte[] message(String token) {
        return TestMessages.simple(token, "alice@example.test", ("a line of the body to fill the quota\r\n")
                .repeat(60));
    }

    @Test
    void eachRecipientHasItsOwnOutcomeAfterTheData() throws Exception {
        RecordingListener listener = new RecordingListener();
        TransportProvider socket = Providers.transports(getClass().getClassLoader()).select(Optional.of("socket"));
        TransportSettings settings = TransportSettings.builder().tlsMode(TlsMode.OFF).protocol(MailProtocol.LMTP)
                .heloName("client.test").listener(listener).build();
        String token = TestMessages.token("lmtp-split");
        Envelope envelope = Envelope.of(TestMessages.FROM, "alice@example.test", "nobody@example.test",
                "full@example.test", "bob@example.test");
        DeliveryReport r;
        try (Sender sender = Sender.builder().transport(socket, settings)
                .smartHost(MailHost.of("localhost", port())).build()) {
            r = sender.send(envelope, MessageContent.of(message(token)), DeliveryOptions.DEFAULT);
        }

        List<RecipientOutcome> o = r.outcomes();
        assertEquals(List.of(DeliveryStatus.DELIVERED, DeliveryStatus.FAILED, DeliveryStatus.FAILED,
                DeliveryStatus.DELIVERED), o.stream().map(RecipientOutcome::status).toList(), r + "\n" + listener.text());
        assertEquals(Phase.RCPT, o.get(1).phase().orElseThrow());
        assertEquals(Phase.DATA, o.get(2).phase().orElseThrow());
        assertEquals(552, o.get(2).reply().orElseThrow().code(), o.get(2).toString());
        assertTrue(listener.lines().contains("C: LHLO client.test"), listener.text());
        assertEquals(1, mailOf("alice", token).size());
        assertEquals(1, mailOf("bob", token).size());
        assertEquals(0, mailOf("full", token).size());
    }

    @Test
    void msmtpsProtocolOptionDeliversThroughLmtp() throws Exception {
        String token = TestMessages.token("lmtp-msmtp");
        CliResult r = Cli.run(message(token), List.of("--msmtp", "--host=localhost", "--port=" + port(),
                "--protocol=lmtp", "--tls=off", "--domain=client.test", "-f", TestMessages.FROM, "alice@example.test",
                "full@example.test"));

        assertEquals(69, r.exit(), r.describe());
        assertTrue(r.stderr().contains("alice@example.test: delivered: DATA 250 2.0.0 <alice@example.test>"),
                r.describe());
        assertTrue(r.stderr().contains("full@example.test: failed: DATA 552 5.2.2 <full@example.test> Quota exceeded"),
                r.describe());
        assertEquals(1, mailOf("alice", token).size());
        assertEquals(0, mailOf("full", token).size());
    }

    @Test
    void anMsmtprcWithSocketDeliversThroughDovecotsUnixSocket() throws Exception {
        String token = TestMessages.token("lmtp-socket");
        Path rc = dir.resolve("msmtprc");
        Files.writeString(rc, "account default\nsocket " + socketDir.resolve("lmtp") + "\nprotocol lmtp\ntls off\n"
                + "domain client.test\n");
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));

        CliResult r = Cli.run(TestMessages.simple(token, "bob@example.test", "through the unix socket\r\n"),
                List.of("--msmtp", "--file=" + rc, "-f", TestMessages.FROM, "bob@example.test"));

        assertEquals(0, r.exit(), r.describe());
        assertEquals(1, mailOf("bob", token).size());
        assertTrue(lmtp.getLogs().contains("Connect from local"), lmtp.getLogs());
    }
}
