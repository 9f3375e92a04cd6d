package dev.sendmail.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * One mail server container (Postfix, Exim or OpenSMTPD, built by {@code it/docker/setup.sh}) and what a
 * test needs from it: the ports, the per-run CA that signed its certificate, and the delivered messages
 * read back from its Maildir.
 */
final class MailServer implements AutoCloseable {

    enum Kind {
        POSTFIX("sendmail-it/postfix:1", "/var/mail/vhosts/all/new"),
        EXIM("sendmail-it/exim:1", "/var/mail/all/new"),
        OPENSMTPD("sendmail-it/opensmtpd:1", "/var/mail/all/new");

        final String image;
        final String maildir;

        Kind(String image, String maildir) {
            this.image = image;
            this.maildir = maildir;
        }
    }

    static final String USER = "user@example.test";
    static final String PASSWORD = "secret";

    private final Kind kind;
    private final String hostname;
    private final GenericContainer<?> container;
    private final Path caFile;

    private MailServer(Kind kind, String hostname, GenericContainer<?> container, Path caFile) {
        this.kind = kind;
        this.hostname = hostname;
        this.container = container;
        this.caFile = caFile;
    }

    /** A server reachable through ports mapped on localhost. */
    static MailServer start(Kind kind, String hostname) {
        DockerRequired.image(kind.image);
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(kind.image))
                .withEnv("MAIL_HOSTNAME", hostname)
                .withExposedPorts(kind == Kind.POSTFIX ? new Integer[] {25, 465, 587, 2525, 2526} : new Integer[] {25, 465, 587})
                .waitingFor(new SmtpBannerWait(25));
        return started(kind, hostname, c);
    }

    /**
     * A Postfix MX host on {@code network}, listening on port 25 of its own address ({@code mode}: the
     * entry point's command, postfix, defer451 or stall). With a CA
     * ({@code ca.pem}, {@code ca.key}) its certificate is signed by that CA.
     */
    static MailServer postfixOn(Network network, String hostname, String mode, byte[] caPem, byte[] caKey) {
        DockerRequired.image(Kind.POSTFIX.image);
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(Kind.POSTFIX.image))
                .withNetwork(network)
                .withNetworkAliases(hostname)
                .withEnv("MAIL_HOSTNAME", hostname)
                .withCommand(mode)
                .withExposedPorts(25)
                .waitingFor(mode.equals("stall") ? Wait.forLogMessage(".*stalling every connection.*", 1)
                        : new SmtpBannerWait(25));
        if (caPem != null) {
            c.withCopyToContainer(Transferable.of(caPem), "/etc/it-tls-ca/ca.pem")
                    .withCopyToContainer(Transferable.of(caKey, 0600), "/etc/it-tls-ca/ca.key");
        }
        return started(Kind.POSTFIX, hostname, c);
    }

    private static MailServer started(Kind kind, String hostname, GenericContainer<?> c) {
        c.start();
        Containers.stopAtExit(c);
        try {
            Path ca = Files.createTempFile("sendmail-it-" + hostname + "-ca", ".pem");
            c.copyFileFromContainer("/etc/it-tls/ca.pem", in -> Files.copy(in, ca, StandardCopyOption.REPLACE_EXISTING));
            return new MailServer(kind, hostname, c, ca);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Kind kind() {
        return kind;
    }

    String hostname() {
        return hostname;
    }

    String host() {
        return container.getHost();
    }

    int smtpPort() {
        return container.getMappedPort(25);
    }

    int smtpsPort() {
        return container.getMappedPort(465);
    }

    int submissionPort() {
        return container.getMappedPort(587);
    }

    /** Postfix only: port 25 behind a recorder that keeps the bytes each client sent. */
    int wirePort() {
        return container.getMappedPort(2525);
    }

    /** Postfix only: port 25 with a message size limit of 1 MiB. */
    int smallPort() {
        return container.getMappedPort(2526);
    }

    /** The address of this container on a user-defined network (direct MX tests). */
    String networkAddress() {
        return container.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next()
                .getIpAddress();
    }

    Path caFile() {
        return caFile;
    }

    byte[] file(String path) {
        try {
            return container.copyFileFromContainer(path, in -> in.readAllBytes());
        } catch (RuntimeException e) {
            throw new AssertionError("cannot read " + path + " from " + hostname + ": " + e, e);
        }
    }

    /**
     * Waits (up to 30 s: delivery into the Maildir happens after the SMTP transaction) until at least
     * {@code count} delivered messages contain {@code token}, and returns their paths in the container.
     */
    List<String> awaitMail(String token, int count) {
        List<String> paths = search(kind.maildir, token, count, 300);
        if (paths.size() < count) {
            throw new AssertionError("expected " + count + " message(s) containing " + token + " in " + hostname
                    + ":" + kind.maildir + ", found " + paths.size() + "\n" + recentLog());
        }
        return paths;
    }

    /**
     * The delivered messages containing {@code token} after a second's grace (for "nothing arrived"
     * assertions: a message accepted by mistake would be in the Maildir by then).
     */
    List<String> mailNow(String token) {
        return search(kind.maildir, token, 1, 10);
    }

    /** The messages containing {@code token} after waiting at most {@code rounds} tenths of a second for one. */
    List<String> mailWithin(String token, int rounds) {
        return search(kind.maildir, token, 1, rounds);
    }

    List<byte[]> awaitMessages(String token, int count) {
        List<byte[]> out = new ArrayList<>();
        for (String p : awaitMail(token, count)) {
            out.add(file(p));
        }
        return out;
    }

    /**
     * The Delivered-To values of every delivered message containing {@code token}, one per message, read in one
     * exec (for runs with many recipients).
     */
    List<String> deliveredTo(String token) {
        String script = "grep -rlF -- \"$1\" \"$2\" 2>/dev/null | while read -r f; do "
                + "grep -m1 -i '^Delivered-To:' \"$f\"; done";
        try {
            ExecResult r = container.execInContainer("sh", "-c", script, "sh", token, kind.maildir);
            return Arrays.stream(r.getStdout().split("\n")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.substring(s.indexOf(':') + 1).strip()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Copies one delivered message to a local file (large messages). */
    Path copyOut(String path, Path target) {
        container.copyFileFromContainer(path, target.toString());
        return target;
    }

    /** Postfix only: the bytes the client sent on the recorded connection whose data contains {@code token}. */
    byte[] awaitWire(String token) {
        List<String> paths = search("/var/spool/wire", token, 1, 100);
        if (paths.isEmpty()) {
            throw new AssertionError("no recorded connection contains " + token);
        }
        return file(paths.get(0));
    }

    private List<String> search(String dir, String token, int count, int rounds) {
        // poll inside the container: one exec instead of one per round
        String script = "i=0; while :; do f=$(grep -rlF -- \"$1\" \"$2\" 2>/dev/null); "
                + "n=$(printf '%s' \"$f\" | grep -c .); "
                + "if [ \"$n\" -ge \"$3\" ] || [ $i -ge \"$4\" ]; then printf '%s\\n' \"$f\"; exit 0; fi; "
                + "i=$((i+1)); sleep 0.1; done";
        try {
            ExecResult r = container.execInContainer("sh", "-c", script, "sh", token, dir, Integer.toString(count),
                    Integer.toString(rounds));
            return Arrays.stream(r.getStdout().split("\n")).map(String::strip).filter(s -> !s.isEmpty()).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs a command in the container (for example {@code postconf -e} and {@code postfix reload}); fails on a non-zero exit. */
    String exec(String... command) {
        try {
            ExecResult r = container.execInContainer(command);
            if (r.getExitCode() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + r.getExitCode() + ": "
                        + r.getStderr() + r.getStdout());
            }
            return r.getStdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The server's recent log lines, for failure messages and log assertions. */
    String recentLog() {
        String log;
        if (kind == Kind.EXIM) {
            try {
                log = container.execInContainer("sh", "-c", "cat /var/log/exim4/mainlog /var/log/exim4/rejectlog 2>/dev/null")
                        .getStdout();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        } else {
            log = container.getLogs();
        }
        String[] lines = log.split("\n");
        return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 40), lines.length));
    }

    /** The whole log as text. */
    String log() {
        return new String(container.getLogs().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        container.stop();
    }
}
