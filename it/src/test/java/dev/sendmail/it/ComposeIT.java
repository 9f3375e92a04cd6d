package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compose mode through Postfix: the CLI builds the MIME message; Jakarta Mail parses what Postfix stored
 * and finds the subject, the text and every attachment byte for byte. Also a 50 MB attachment.
 */
class ComposeIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void attachmentsAreReadBackAndParsed(String transport) throws Exception {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("compose-" + transport);
        byte[] binary = new byte[200_000];
        new Random(42).nextBytes(binary);
        Path bin = Files.write(dir.resolve("data.bin"), binary);
        byte[] report = "Umsatz: 100 €\nÜberschuss: ja\n".getBytes(StandardCharsets.UTF_8);
        Path txt = Files.write(dir.resolve("Bericht für Q3.txt"), report);
        String subject = "Grüße aus Köln " + token;
        CliResult r = Cli.run(new byte[0], Cli.plus(Cli.smartHost(transport, pf, pf.smtpPort(), "starttls"),
                "-f", TestMessages.FROM, "--to", "bob@example.test", "--subject", subject,
                "--body", "Hallo Welt\nzweite Zeile " + token + "\n", "--attach", bin.toString(), "--attach", txt.toString(),
                "--header", "X-Test-Token: " + token));
        assertEquals(0, r.exit(), r.describe());
        DeliveredMessage m = new DeliveredMessage(pf.awaitMessages(token, 1).get(0));
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(m.raw()));
        assertEquals(subject, parsed.getSubject());
        assertEquals(token, parsed.getHeader("X-Test-Token", null));
        assertTrue(parsed.getHeader("Date", null) != null && parsed.getHeader("Message-ID", null) != null, m.text());
        List<Part> leaves = new ArrayList<>();
        collect(parsed, leaves);
        Part text = leaves.stream().filter(p -> fileName(p) == null).findFirst()
                .orElseThrow(() -> new AssertionError("no text part:\n" + m.text()));
        assertTrue(text.isMimeType("text/plain"), text.getContentType());
        assertTrue(((String) text.getContent()).replace("\r\n", "\n").startsWith("Hallo Welt\nzweite Zeile " + token),
                (String) text.getContent());
        assertArrayEquals(binary, bytesOf(leaves, "data.bin"));
        assertArrayEquals(report, bytesOf(leaves, "Bericht für Q3.txt"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void fiftyMegabyteAttachment(String transport) throws Exception {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("50mb-" + transport);
        Path big = dir.resolve("big.bin");
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        Random random = new Random(7);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 50; i++) {
                random.nextBytes(chunk);
                sent.update(chunk);
                out.write(chunk);
            }
        }
        CliResult r = Cli.run(new byte[0], Cli.plus(Cli.smartHost(transport, pf, pf.smtpPort(), "starttls"),
                "-f", TestMessages.FROM, "--to", "bob@example.test", "--subject", "big " + token,
                "--body", "50 MB attached " + token + "\n", "--attach", big.toString()));
        assertEquals(0, r.exit(), r.describe());
        String path = pf.awaitMail(token, 1).get(0);
        Path stored = pf.copyOut(path, dir.resolve("stored.eml"));
        try (SharedFileInputStream in = new SharedFileInputStream(stored.toFile())) {
            MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), in);
            List<Part> leaves = new ArrayList<>();
            collect(parsed, leaves);
            Part attachment = leaves.stream().filter(p -> "big.bin".equals(fileName(p))).findFirst()
                    .orElseThrow(() -> new AssertionError("no big.bin part"));
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            try (InputStream data = attachment.getInputStream()) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = data.read(buf)) > 0; ) {
                    received.update(buf, 0, n);
                }
            }
            assertEquals(HexFormat.of().formatHex(sent.digest()), HexFormat.of().formatHex(received.digest()));
        }
        Files.delete(stored);
    }

    private static void collect(Part part, List<Part> leaves) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart bp = mp.getBodyPart(i);
                collect(bp, leaves);
            }
        } else {
            leaves.add(part);
        }
    }

    private static String fileName(Part p) {
        try {
            return p.getFileName();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytesOf(List<Part> leaves, String name) throws Exception {
        Part p = leaves.stream().filter(l -> name.equals(fileName(l))).findFirst()
                .orElseThrow(() -> new AssertionError("no attachment named " + name));
        try (InputStream in = p.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
