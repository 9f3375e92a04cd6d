package dev.sendmail.cli;

import dev.sendmail.cli.config.Environment;
import dev.sendmail.config.UserEnvironment;
import dev.sendmail.local.LocalClock;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The training run behind the launcher's class archive (the JDK 25 AOT cache, the JDK 13-18 CDS archive): runs
 * the common path, sendmail-mode sends through the socket transport (with a configuration file and without,
 * envelope from the command line and from the header with {@code -t}, messages with and without Date and
 * Message-ID) to an SMTP responder of its own on the loopback interface, inside a private temporary directory.
 * Every class the path loads, and on JDK 25 the lambdas it links and the profiles of its methods, land in the
 * archive. Sends nothing anywhere else and touches no user file.
 */
public final class CdsTraining {

    /** The responder's replies other than {@code 250 2.0.0 Ok}, by command. */
    private static final Map<String, String> REPLIES = Map.of(
            "EHLO", "250-training\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES",
            "DATA", "354 End data with <CR><LF>.<CR><LF>",
            "QUIT", "221 2.0.0 Bye");

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("messages accepted: " + train());
    }

    /** Runs the training sends; returns how many messages the loopback responder accepted. */
    static int train() throws IOException {
        Environment.current().user().variable("HOME");
        Path dir = Files.createTempDirectory("send-mail-cds-");
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        try (ServerSocket responder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = new AtomicInteger();
            Thread t = new Thread(() -> respond(responder, accepted), "send-mail training responder");
            t.setDaemon(true);
            t.start();
            Files.writeString(dir.resolve(".msmtprc"), "defaults\ntls off\naccount training\nhost 127.0.0.1\nport "
                    + responder.getLocalPort() + "\nfrom a@a.test\ndomain training.test\naccount default : training\n");
            Environment env = environment(dir, dir);
            Environment unconfigured = environment(Files.createDirectory(dir.resolve("empty")), dir);
            // as cron or PHP's mail() write it (no Date, no Message-ID), and as a mail user agent does
            String bare = "From: a@a.test\nTo: b@b.test\nSubject: s\n\nbody\n";
            String full = "Date: Tue, 1 Dec 2026 12:00:00 +0000\nMessage-ID: <training@a.test>\n"
                    + "From: Training <a@a.test>\nTo: <b@b.test>\nSubject: s\n\nbody\n";
            String server = "127.0.0.1:" + responder.getLocalPort();
            // with a configuration file (msmtp's), then without one: the server on the command line, with and
            // without a HELO name (without: this host's name is looked up)
            run(env, sink, bare, "-f", "a@a.test", "b@b.test");
            run(env, sink, full, "-t", "-i");
            run(unconfigured, sink, full, "--server", server, "--tls", "off", "-f", "a@a.test", "b@b.test");
            run(unconfigured, sink, bare, "--server", server, "--tls", "off", "--helo", "h.test", "-f", "a@a.test",
                    "b@b.test");
            try {
                javax.net.ssl.SSLContext.getDefault().createSSLEngine();
            } catch (java.security.GeneralSecurityException e) {
                // only for loading classes
            }
            return accepted.get();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The user {@code training}, whose home holds the configuration files there are ({@code /etc} included, so no
     * system-wide file is read), spooling to {@code dir}.
     */
    private static Environment environment(Path home, Path dir) {
        return new Environment(new UserEnvironment(Map.of("USER", "training", "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("xdg").toString()), home, home), dir, false, false,
                LocalClock.systemDefaultZone());
    }

    private static void run(Environment env, PrintStream sink, String stdin, String... args) {
        Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), sink, sink, env);
    }

    /**
     * Accepts every message on {@code server}, one connection at a time, counting them and keeping none, until the
     * server is closed.
     */
    private static void respond(ServerSocket server, AtomicInteger accepted) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                converse(s, accepted);
            } catch (IOException e) {
                // closed, or a client that went away: the next accept decides
            }
        }
    }

    private static void converse(Socket s, AtomicInteger accepted) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = s.getOutputStream();
        reply(out, "220 training ESMTP");
        boolean data = false;
        for (String line; (line = in.readLine()) != null; ) {
            if (data) {
                if (line.equals(".")) {
                    data = false;
                    accepted.incrementAndGet();
                    reply(out, "250 2.0.0 Ok");
                }
                continue;
            }
            String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
            reply(out, REPLIES.getOrDefault(verb, "250 2.0.0 Ok"));
            data = verb.equals("DATA");
            if (verb.equals("QUIT")) {
                return;
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
