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
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Writing your own transport" guide, followed to the letter: its code is taken from README.md,
 * compiled against the api jar, packed with its services file into a jar of its own, dropped into a copy of
 * the distribution's lib/, and selected with --transport log. If the guide stops working, this fails.
 */
class CustomTransportIT {

    @TempDir
    Path work;

    @Test
    void theReadmeGuideProducesAWorkingTransport() throws Exception {
        Path root = Launcher.root();
        String readme = Files.readString(root.resolve("README.md"));
        Matcher m = Pattern.compile("```java\n(package com\\.example\\.mail;.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README.md has the custom transport code block");
        Path src = work.resolve("src/com/example/mail/LogTransportProvider.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, m.group(1));

        Path dist = root.resolve("cli/target/send-mail-dist");
        assertTrue(Files.isDirectory(dist), "the distribution is built by mvn package: " + dist);
        Path apiJar;
        try (Stream<Path> s = Files.list(dist.resolve("lib"))) {
            apiJar = s.filter(p -> p.getFileName().toString().startsWith("send-mail-api-")).findFirst().orElseThrow();
        }
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-cp", apiJar.toString(), "-d", classes.toString(),
                src.toString());
        assertEquals(0, rc, "the README's code compiles against the api jar");

        Path copy = work.resolve("dist");
        copyTree(dist, copy);
        Path jar = copy.resolve("lib/log-transport.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.sendmail.spi.TransportProvider"));
            out.write("com.example.mail.LogTransportProvider\n".getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> s = Files.walk(classes)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(p));
                }
            }
        }

        Path log = work.resolve("mail.log");
        String launcher = copy.resolve("bin/send-mail").toString();
        CliResult list = Launcher.run(List.of(launcher, "--list-providers"), new byte[0], Map.of(), work);
        assertEquals(0, list.exit(), list.describe());
        assertTrue(list.stdout().contains("log"), list.describe());

        byte[] message = "Subject: custom\r\n\r\nthrough my own transport\r\n".getBytes(StandardCharsets.US_ASCII);
        CliResult sent = Launcher.run(List.of(launcher, "--transport", "log", "--set", "file=" + log, "-f",
                "me@example.org", "you@example.org"), message, Map.of(), work);
        assertEquals(0, sent.exit(), sent.describe());
        String logged = Files.readString(log);
        assertTrue(logged.contains("Subject: custom") && logged.contains("through my own transport"), logged);

        CliResult unknown = Launcher.run(List.of(launcher, "--transport", "nosuch", "-f", "me@example.org",
                "you@example.org"), message, Map.of("HOME", work.toString()), work);
        assertEquals(78, unknown.exit(), unknown.describe());
        assertTrue(unknown.stderr().contains("available:") && unknown.stderr().contains("log"), unknown.describe());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
