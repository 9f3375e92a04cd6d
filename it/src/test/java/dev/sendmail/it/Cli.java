package dev.sendmail.it;

import dev.sendmail.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in this JVM through {@code Main.run}, the same entry point the launcher uses. */
final class Cli {

    private static Path passwordFile;

    private Cli() {
    }

    static CliResult run(byte[] stdin, List<String> args) {
        return run(new ByteArrayInputStream(stdin), args);
    }

    static CliResult run(InputStream stdin, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(args.toArray(String[]::new), stdin, o, e);
        }
        return new CliResult(List.copyOf(args), exit, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** A file holding the test password (passwords never go on the command line). */
    static synchronized Path passwordFile() {
        if (passwordFile == null) {
            try {
                passwordFile = Files.createTempFile("sendmail-it-password", ".txt");
                Files.writeString(passwordFile, MailServer.PASSWORD + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return passwordFile;
    }

    /** Arguments for a smart host: the transport, then the server's address, port and TLS mode. */
    static List<String> smartHost(String transport, MailServer server, int port, String tls) {
        List<String> a = new ArrayList<>(List.of("--transport", transport, "--server", server.host(),
                "--port", Integer.toString(port), "--tls", tls, "--timeout", "30"));
        if (!tls.equals("off")) {
            a.addAll(List.of("--cafile", server.caFile().toString()));
        }
        return a;
    }

    /** Arguments for the submission port with AUTH. */
    static List<String> submission(String transport, MailServer server, String mechanism) {
        List<String> a = smartHost(transport, server, server.submissionPort(), "starttls");
        a.addAll(List.of("--user", MailServer.USER, "--password-file", passwordFile().toString(), "--auth", mechanism));
        return a;
    }

    static List<String> plus(List<String> base, String... more) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(more));
        return a;
    }
}
