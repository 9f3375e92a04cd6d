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
 * Message-ID) to an SMTP responder of its own on the loopback interface, inside a private temporary directory. Every class the path loads, and on JDK 25 the lambdas it links and the profiles
 * of its methods, land in the archive. Sends nothing anywhere else and touches no user file.
 */
public final class CdsTraining {

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
        try (Responder responder = new Responder()) {
            // systemConfigDir is the private directory too: no /etc/send-mail.conf or /etc/msmtprc is read
            Environment env = new Environment(new UserEnvironment(Map.of("USER", "training", "HOME", dir.toString(),
                    "XDG_CONFIG_HOME", dir.resolve("xdg").toString()), dir, dir), dir, false, false,
                    LocalClock.systemDefaultZone());
            Files.writeString(dir.resolve(".msmtprc"), "defaults\ntls off\naccount training\nhost 127.0.0.1\nport "
                    + responder.port() + "\nfrom a@a.test\ndomain training.test\naccount default : training\n");
            Path empty = Files.createDirectory(dir.resolve("empty"));
            Environment unconfigured = new Environment(new UserEnvironment(Map.of("USER", "training", "HOME",
                    empty.toString(), "XDG_CONFIG_HOME", empty.toString()), empty, empty), dir, false, false,
                    LocalClock.systemDefaultZone());
            // as cron or PHP's mail() write it (no Date, no Message-ID), and as a mail user agent does
            String bare = "From: a@a.test\nTo: b@b.test\nSubject: s\n\nbody\n";
            String full = "Date: Tue, 1 Dec 2026 12:00:00 +0000\nMessage-ID: <training@a.test>\n"
                    + "From: Training <a@a.test>\nTo: <b@b.test>\nSubject: s\n\nbody\n";
            String server = "127.0.0.1:" + responder.port();
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
            return responder.messages();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Environment env, PrintStream sink, String stdin, String... args) {
        Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), sink, sink, env);
    }

    /** Accepts every message on 127.0.0.1 (a port of the system's choosing), one connection at a time; keeps none. */
    private static final class Responder implements Runnable, AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final AtomicInteger messages = new AtomicInteger();

        Responder() throws IOException {
            Thread t = new Thread(this, "send-mail training responder");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int messages() {
            return messages.get();
        }

        @Override
        public void run() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(10_000);
                    converse(s);
                } catch (IOException e) {
                    // closed, or a client that went away: the next accept decides
                }
            }
        }

        private void converse(Socket s) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            reply(out, "220 training ESMTP");
            boolean data = false;
            for (String line; (line = in.readLine()) != null; ) {
                if (data) {
                    if (line.equals(".")) {
                        data = false;
                        messages.incrementAndGet();
                        reply(out, "250 2.0.0 Ok");
                    }
                    continue;
                }
                switch (line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT)) {
                    case "EHLO" -> reply(out, "250-training\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
                            + "250-8BITMIME\r\n250 ENHANCEDSTATUSCODES");
                    case "DATA" -> {
                        data = true;
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "250 2.0.0 Ok");
                }
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
