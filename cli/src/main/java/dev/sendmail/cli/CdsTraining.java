package dev.sendmail.cli;

import dev.sendmail.cli.config.Environment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A training run for the class-data sharing archive the launcher creates (JDK 13-18): runs the usual paths
 * (help, provider listing, sendmail mode with -t, compose mode with HTML and an attachment, a plan, the socket
 * transport's and DNS resolver's set-up, the TLS context) inside a private temporary directory, through the
 * {@code memory} transport, so every class those paths load lands in the archive. Sends nothing anywhere and
 * touches no user file.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Environment.current().variable("HOME");
        Path dir = Files.createTempDirectory("send-mail-cds-");
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        try {
            Environment env = new Environment(Map.of("USER", "training", "HOME", dir.toString(), "XDG_CONFIG_HOME",
                    dir.resolve("xdg").toString()), dir, dir, false, Clock.systemDefaultZone());
            Path attachment = dir.resolve("a.pdf");
            Files.write(attachment, new byte[4096]);
            Path html = dir.resolve("b.html");
            Files.writeString(html, "<p>x</p>");
            Path conf = dir.resolve("conf");
            Files.writeString(conf, "defaults\ntls on\naccount a\nhost h.test\nfrom a@a.test\naccount default : a\n");
            String msg = "From: a@a.test\nTo: b@b.test\nBcc: c@c.test\nSubject: s\n\nbody\n";
            run(env, sink, "", "--help");
            run(env, sink, "", "--list-providers");
            run(env, sink, msg, "--transport", "memory", "--set", "name=cds", "-t", "-i", "--json", "-v");
            run(env, sink, "text", "--transport", "memory", "--set", "name=cds", "--config", conf.toString(),
                    "--subject", "Grüße", "--html", html.toString(), "--attach", attachment.toString(), "b@b.test");
            run(env, sink, msg, "--transport", "file", "--set", "dir=" + dir.resolve("out"), "-f", "a@a.test",
                    "b@b.test");
            run(env, sink, "", "--plan", "--resolver", "static", "--set", "route.b.test=127.0.0.1:25",
                    "--route", "c.test=127.0.0.1:2525", "b@b.test", "c@c.test", "d@[127.0.0.1]");
            run(env, sink, "", "--plan", "--transport", "socket", "--resolver", "dns", "--route",
                    "b.test=127.0.0.1:2525", "--server", "127.0.0.1:1", "b@b.test");
            try {
                javax.net.ssl.SSLContext.getDefault().createSSLEngine();
            } catch (java.security.GeneralSecurityException e) {
                // only for loading classes
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Environment env, PrintStream sink, String stdin, String... args) {
        Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), sink, sink, env);
    }
}
