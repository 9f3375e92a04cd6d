package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15's "done when": a small application that uses only the public API ({@code Message.builder()},
 * {@code Sender}, {@code Providers}) is compiled against the api jar, run once on the module path and once on the
 * class path with the jars of the distribution, and sends a composed message (text, HTML, UTF-8 display names, an
 * attachment) through the socket transport to Postfix; what Postfix stored is parsed with Jakarta Mail. It also
 * makes a DNS lookup with the dns resolver, without any SLF4J provider: nothing may appear on standard error.
 */
class LibraryAppIT {

    /** The library's jars and what they need; slf4j-api without a provider (the cli's slf4j-nop stays out). */
    private static final List<String> JARS = List.of("send-mail-api-", "send-mail-transport-socket-",
            "send-mail-resolver-dns-", "dnsjava-", "slf4j-api-", "jakarta.mail-api-", "jakarta.activation-api-",
            "angus-mail-", "angus-activation-");

    @TempDir
    Path work;

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"module-path", "class-path"})
    void composedMessageArrivesAsBuilt(String mode) throws Exception {
        Path lib = Launcher.root().resolve("cli/target/send-mail-dist/lib");
        assertTrue(Files.isDirectory(lib), "the distribution is built by mvn package: " + lib);
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(lib)) {
            for (Path p : s.sorted().toList()) {
                if (JARS.stream().anyMatch(p.getFileName().toString()::startsWith)) {
                    jars.add(p);
                }
            }
        }
        assertEquals(JARS.size(), jars.size(), "jars found: " + jars);
        String path = jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));

        Path src = work.resolve("src");
        Path app = src.resolve("com/example/app/SendApp.java");
        Files.createDirectories(app.getParent());
        copyResource("library-app/module-info.java", src.resolve("module-info.java"));
        copyResource("library-app/com/example/app/SendApp.java", app);
        Path classes = work.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-Xlint:all", "-Werror", "-p", path,
                "-d", classes.toString(), src.resolve("module-info.java").toString(), app.toString());
        assertEquals(0, rc, "the application compiles against the public API");

        byte[] attachment = new byte[150_000];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) (i * 31 + (i >> 8));
        }
        Path file = work.resolve("Bericht März.bin");
        Files.write(file, attachment);

        MailServer pf = Servers.postfix();
        String token = TestMessages.token("library-" + mode);
        String rcpt = "bob@example.test";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = mode.equals("module-path")
                ? List.of(java, "-p", path + File.pathSeparator + classes, "-m", "com.example.app/com.example.app.SendApp")
                : List.of(java, "-cp", path + File.pathSeparator + classes, "com.example.app.SendApp");
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(pf.host(), Integer.toString(pf.wirePort()), rcpt, file.toString(), token));
        CliResult r = Launcher.run(all, new byte[0], Map.of(), work);
        assertEquals(0, r.exit(), r.describe());
        assertEquals("", r.stderr(), "a library prints nothing of its own: " + r.describe());

        byte[] stored = pf.awaitMessages(token, 1).get(0);
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(stored));
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertEquals("Zoë Ångström", from.getPersonal());
        assertEquals("zoe@example.test", from.getAddress());
        InternetAddress to = (InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0];
        assertEquals("Bob Bäcker", to.getPersonal());
        assertEquals(rcpt, to.getAddress());
        assertEquals("Grüße " + token, m.getSubject());
        assertNotNull(m.getHeader("Date"), "Date present");
        assertTrue(m.getMessageID().endsWith("@example.test>"), m.getMessageID());
        assertTrue(m.isMimeType("multipart/mixed"), m.getContentType());
        Multipart mixed = (Multipart) m.getContent();
        assertEquals(2, mixed.getCount());
        Multipart alt = (Multipart) mixed.getBodyPart(0).getContent();
        assertTrue(alt.getBodyPart(0).isMimeType("text/plain"));
        assertEquals("Hallo Bob,\nschöne Grüße.\n", ((String) alt.getBodyPart(0).getContent()).replace("\r\n", "\n"));
        assertTrue(alt.getBodyPart(1).isMimeType("text/html"));
        assertTrue(((String) alt.getBodyPart(1).getContent()).contains("schöne Grüße"));
        MimeBodyPart a = (MimeBodyPart) mixed.getBodyPart(1);
        assertEquals("Bericht März.bin", a.getFileName());
        assertEquals("base64", a.getEncoding());
        try (InputStream in = a.getInputStream()) {
            assertArrayEquals(attachment, in.readAllBytes(), "the attachment arrived byte for byte");
        }
    }

    private static void copyResource(String name, Path target) throws Exception {
        try (InputStream in = LibraryAppIT.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            Files.copy(in, target);
        }
    }
}
