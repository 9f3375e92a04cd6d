package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Mailbox;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.testing.MemoryTransport;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compose mode: the produced message is parsed back with Jakarta Mail and its structure checked. */
class ComposeTest {

    @TempDir
    Path home;

    Environment env;
    MemoryTransport memory;
    String name;

    @BeforeEach
    void setUp() {
        env = CliRun.env(home);
        name = "compose-" + System.nanoTime();
        memory = MemoryTransport.named(name);
    }

    private CliRun run(String stdin, String... args) {
        String[] all = Stream.concat(Stream.of("--transport", "memory", "--set", "name=" + name), Stream.of(args))
                .toArray(String[]::new);
        return CliRun.run(env, stdin, all);
    }

    private MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    @Test
    void standardInputIsSpooledForTheSendAndItsFileDeletedAfterIt() throws Exception {
        assertEquals(0, run("text\n", "--subject", "s", "-f", "a@a.test", "b@b.test").code(), "compose mode");
        assertEquals(0, run("Subject: s\n\ntext\n", "-f", "a@a.test", "b@b.test").code(), "sendmail mode");
        assertEquals(2, memory.sent().size());
        try (Stream<Path> left = Files.list(home)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("send-mail-")).toList());
        }
    }

    @Test
    void textFromStandardInputWithEncodedHeaders() throws Exception {
        CliRun r = run("Grüße aus Köln\n", "--subject", "Grüße — ünïcödé subject", "-F", "Zoë Ä", "-f",
                "zoe@a.test", "--to", "bob@b.test", "--cc", "carol@c.test", "--bcc", "hidden@h.test",
                "--reply-to", "Replies <r@a.test>", "--header", "X-Tag: café");
        assertEquals(0, r.code(), r.toString());
        MemoryTransport.Sent sent = memory.sent().get(0);
        assertEquals(List.of("bob@b.test", "carol@c.test", "hidden@h.test"),
                sent.recipients().stream().map(Mailbox::address).toList());
        String raw = new String(sent.content(), StandardCharsets.US_ASCII);
        for (int i = 0; i < sent.content().length; i++) {
            assertTrue(sent.content()[i] >= 0, "headers and body are 7-bit: " + raw);
        }
        assertTrue(raw.contains("Subject: =?UTF-8?"), raw);
        assertFalse(raw.contains("hidden@h.test"), "Bcc is never written: " + raw);
        MimeMessage m = parse(sent.content());
        assertEquals("Grüße — ünïcödé subject", m.getSubject());
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertEquals("Zoë Ä", from.getPersonal());
        assertEquals("zoe@a.test", from.getAddress());
        assertEquals("bob@b.test", ((InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress());
        assertEquals("carol@c.test", ((InternetAddress) m.getRecipients(MimeMessage.RecipientType.CC)[0]).getAddress());
        assertEquals("r@a.test", ((InternetAddress) m.getReplyTo()[0]).getAddress());
        assertEquals("café", jakarta.mail.internet.MimeUtility.decodeText(m.getHeader("X-Tag", null)));
        assertTrue(m.isMimeType("text/plain"));
        assertEquals("UTF-8", new jakarta.mail.internet.ContentType(m.getContentType()).getParameter("charset"));
        assertEquals("Grüße aus Köln\n", ((String) m.getContent()).replace("\r\n", "\n"));
        assertTrue(m.getMessageID().matches("<[0-9a-z.]+@a\\.test>"), m.getMessageID());
        assertEquals(java.time.Instant.parse("2026-11-28T12:00:00Z"), m.getSentDate().toInstant());
        assertEquals("1.0", m.getHeader("MIME-Version", null));
    }

    @Test
    void displayNamesRepeatedReplyToAndGivenMessageIdAreKept() throws Exception {
        CliRun r = run("", "--subject", "s", "--body", "b", "-f", "a@a.test", "Bob Positional <bob@b.test>",
                "--to", "Çarol <carol@c.test>", "--cc", "\"Dan, Jr.\" <dan@d.test>", "--reply-to",
                "Zoë <zoe@a.test>", "--reply-to", "second@a.test", "--header", "Message-ID: <given.42@a.test>");
        assertEquals(0, r.code(), r.toString());
        byte[] bytes = memory.sent().get(0).content();
        for (byte b : bytes) {
            assertTrue(b >= 0, "no raw UTF-8 in the header (RFC 2047): " + new String(bytes, StandardCharsets.UTF_8));
        }
        MimeMessage m = parse(bytes);
        InternetAddress[] to = (InternetAddress[]) m.getRecipients(MimeMessage.RecipientType.TO);
        assertEquals("Bob Positional", to[0].getPersonal());
        assertEquals("Çarol", to[1].getPersonal());
        assertEquals("carol@c.test", to[1].getAddress());
        assertEquals("Dan, Jr.", ((InternetAddress) m.getRecipients(MimeMessage.RecipientType.CC)[0]).getPersonal());
        InternetAddress[] replyTo = (InternetAddress[]) m.getReplyTo();
        assertEquals(2, replyTo.length, "a second --reply-to adds an address");
        assertEquals("Zoë", replyTo[0].getPersonal());
        assertEquals("second@a.test", replyTo[1].getAddress());
        assertEquals("<given.42@a.test>", m.getMessageID());
        assertEquals(1, m.getHeader("Message-ID").length);
    }

    @Test
    void htmlAlternativeAndAttachmentsWithRfc2231Names() throws Exception {
        Path html = home.resolve("body.html");
        Files.writeString(html, "<p>Hällo</p>\n");
        Path pdf = home.resolve("Résumé «final» with a long name that needs splitting across lines.pdf");
        byte[] binary = new byte[3000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 7);
        }
        Files.write(pdf, binary);
        Path txt = home.resolve("notes.txt");
        Files.writeString(txt, "plain notes\n");
        CliRun r = run("", "--subject", "s", "--body", "Hallo\nzweite Zeile", "--html", html.toString(),
                "--attach", pdf.toString(), "--attach", txt.toString(), "-f", "a@a.test", "b@b.test");
        assertEquals(0, r.code(), r.toString());
        byte[] bytes = memory.sent().get(0).content();
        String raw = new String(bytes, StandardCharsets.US_ASCII);
        assertTrue(raw.contains("filename*0*=UTF-8''R%C3%A9sum%C3%A9") || raw.contains("filename*=UTF-8''R%C3%A9sum%C3%A9"),
                "RFC 2231 file name: " + raw);
        MimeMessage m = parse(bytes);
        assertTrue(m.isMimeType("multipart/mixed"), m.getContentType());
        MimeMultipart mixed = (MimeMultipart) m.getContent();
        assertEquals(3, mixed.getCount());
        MimeBodyPart first = (MimeBodyPart) mixed.getBodyPart(0);
        assertTrue(first.isMimeType("multipart/alternative"), first.getContentType());
        MimeMultipart alt = (MimeMultipart) first.getContent();
        assertEquals(2, alt.getCount());
        assertTrue(alt.getBodyPart(0).isMimeType("text/plain"));
        assertEquals("Hallo\r\nzweite Zeile\r\n", alt.getBodyPart(0).getContent(),
                "--body in canonical form, with the final line break it lacked");
        assertTrue(alt.getBodyPart(1).isMimeType("text/html"));
        assertEquals("<p>Hällo</p>\n", ((String) alt.getBodyPart(1).getContent()).replace("\r\n", "\n"));
        MimeBodyPart a1 = (MimeBodyPart) mixed.getBodyPart(1);
        assertEquals(Part.ATTACHMENT, a1.getDisposition());
        assertEquals(pdf.getFileName().toString(), a1.getFileName());
        assertTrue(a1.isMimeType("application/pdf"), a1.getContentType());
        assertEquals("base64", a1.getEncoding());
        assertArrayEquals(binary, a1.getInputStream().readAllBytes());
        MimeBodyPart a2 = (MimeBodyPart) mixed.getBodyPart(2);
        assertEquals("notes.txt", a2.getFileName());
        assertEquals("plain notes\n", new String(a2.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .replace("\r\n", "\n"));
        for (String line : raw.split("\r\n")) {
            assertTrue(line.length() <= 998, "no over-long line");
        }
    }

    @Test
    void htmlOnlyWhenStandardInputIsEmpty() throws Exception {
        Path html = home.resolve("only.html");
        Files.writeString(html, "<b>x</b>");
        CliRun r = run("", "--html", html.toString(), "-f", "a@a.test", "b@b.test");
        assertEquals(0, r.code(), r.toString());
        MimeMessage m = parse(memory.sent().get(0).content());
        assertTrue(m.isMimeType("text/html"), m.getContentType());
        assertEquals("", m.getSubject() == null ? "" : m.getSubject());
    }

    @Test
    void bodyFileMustBeUtf8() throws IOException {
        Path latin1 = home.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        CliRun r = run("", "--subject", "s", "--body-file", latin1.toString(), "-f", "a@a.test", "b@b.test");
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().contains("not valid UTF-8 (at octet 3)"), r.err());
        assertTrue(memory.sent().isEmpty());
    }

    @Test
    void longTextLinesAreEncodedNotRefused() throws Exception {
        String body = "x".repeat(5000) + "\n";
        CliRun r = run("", "--subject", "s", "--body", body, "-f", "a@a.test", "b@b.test");
        assertEquals(0, r.code(), r.toString());
        MimeMessage m = parse(memory.sent().get(0).content());
        assertEquals(body, ((String) m.getContent()).replace("\r\n", "\n"));
        assertEquals("quoted-printable", m.getEncoding());
    }

    @Test
    void reservedAndMalformedHeadersAreRefused() {
        assertEquals(64, run("", "--subject", "s", "--header", "Content-Type: text/html", "-f", "a@a.test",
                "b@b.test").code());
        for (String bad : new String[] {"Bad Name: x", "no colon", ": x", "Message-ID: not-an-id"}) {
            CliRun r = run("", "--subject", "s", "--header", bad, "-f", "a@a.test", "b@b.test");
            assertEquals(65, r.code(), r.toString());
            assertTrue(r.err().startsWith("send-mail: --header"), r.err());
        }
        CliRun bcc = run("", "--subject", "s", "--header", "Bcc: x@a.test", "-f", "a@a.test", "b@b.test");
        assertEquals(64, bcc.code(), bcc.toString());
        assertTrue(bcc.err().contains("(use --bcc)"), bcc.err());
        assertEquals(65, run("", "--subject", "s", "--reply-to", "not an address <", "-f", "a@a.test",
                "b@b.test").code());
        assertEquals(64, run("", "--subject", "s", "-t", "-f", "a@a.test", "b@b.test").code());
        CliRun fromMessage = run("", "--subject", "s", "--read-envelope-from", "b@b.test");
        assertEquals(64, fromMessage.code(), fromMessage.toString());
        assertTrue(fromMessage.err().contains("--read-envelope-from reads a complete message"), fromMessage.err());
        assertTrue(memory.sent().isEmpty());
    }

    @Test
    void internationalizedAddresses() throws Exception {
        CliRun r = run("x", "--subject", "s", "-f", "a@a.test", "用户@例子.test", "bob@bücher.test");
        assertEquals(0, r.code(), r.toString());
        MemoryTransport.Sent sent = memory.sent().get(0);
        assertEquals(List.of("用户@xn--fsqu00a.test", "bob@xn--bcher-kva.test"),
                sent.recipients().stream().map(Mailbox::address).toList());
        String raw = new String(sent.content(), StandardCharsets.UTF_8);
        assertTrue(raw.contains("To: 用户@xn--fsqu00a.test, bob@xn--bcher-kva.test"), raw);
    }

    @Test
    void withoutMinusFTheLocalUserIsSenderAndAuthorAndWithTheNullSenderStillTheAuthor() throws Exception {
        assertEquals(0, run("x", "--subject", "s", "b@b.test").code());
        assertEquals(0, run("x", "--subject", "s", "-f", "<>", "-F", "Cron", "b@b.test").code());
        MemoryTransport.Sent given = memory.sent().get(0);
        MemoryTransport.Sent nullSender = memory.sent().get(1);
        assertTrue(given.reversePath().startsWith("<tester@"), given.reversePath());
        assertEquals("<>", nullSender.reversePath());
        String user = ((InternetAddress) parse(given.content()).getFrom()[0]).getAddress();
        assertEquals(given.reversePath(), "<" + user + ">");
        InternetAddress author = (InternetAddress) parse(nullSender.content()).getFrom()[0];
        assertEquals(user + " Cron", author.getAddress() + " " + author.getPersonal());
    }

    @Test
    void noDnsLookupForTheMessageId() throws Exception {
        CliRun r = run("x", "--subject", "s", "-f", "a@a.test", "b@b.test");
        assertEquals(0, r.code());
        MimeMessage m = parse(memory.sent().get(0).content());
        assertTrue(m.getMessageID().endsWith("@a.test>"), m.getMessageID());
        assertNull(m.getHeader("Bcc"));
    }

    @Test
    void anAttachmentNameWithALineBreakIsBadDataAndNothingIsSent() throws Exception {
        for (String name : List.of("evil\r\nBcc: victim@v.test\r\n.txt", "two\nlines.txt", "cr\ronly.txt")) {
            Path evil = home.resolve(name);
            Files.writeString(evil, "payload\n");
            CliRun r = run("", "--subject", "s", "--body", "b", "--attach", evil.toString(), "-f", "a@a.test",
                    "b@b.test");
            assertEquals(65, r.code(), r.toString());
            assertTrue(r.err().contains("--attach"), r.err());
            assertTrue(memory.sent().isEmpty(), "nothing sent");
        }
    }

    @Test
    void listUnsubscribeAddsOneClickFieldsAndRefusesWhatCannotBeOneClick() throws Exception {
        CliRun r = run("", "--subject", "news", "--body", "hi", "-f", "news@a.test", "--to", "bob@b.test",
                "--list-unsubscribe", "mailto:unsub@a.test?subject=bob", "--list-unsubscribe",
                "https://a.test/u?who=bob&t=1");
        assertEquals(0, r.code(), r.toString());
        MimeMessage m = parse(memory.sent().get(0).content());
        assertEquals("<https://a.test/u?who=bob&t=1>, <mailto:unsub@a.test?subject=bob>",
                m.getHeader("List-Unsubscribe", null).replace("\r\n", ""));
        assertEquals("List-Unsubscribe=One-Click", m.getHeader("List-Unsubscribe-Post", null));
        for (String[] bad : List.of(new String[] {"ftp://x"}, new String[] {"http://a.test/u"},
                new String[] {"mailto:u@a.test"}, new String[] {"https://a.test/u", "https://a.test/v"},
                new String[] {"https:/no-host"}, new String[] {"https://a.test/a b"},
                new String[] {"https://a.test/u\r\nBcc: x@y"})) {
            memory.clear();
            List<String> args = new java.util.ArrayList<>(List.of("--subject", "news", "--body", "hi", "-f",
                    "news@a.test", "--to", "bob@b.test"));
            for (String u : bad) {
                args.addAll(List.of("--list-unsubscribe", u));
            }
            CliRun refused = run("", args.toArray(String[]::new));
            boolean control = bad[0].contains("\r");
            assertEquals(control ? 65 : 64, refused.code(), "a bad URL is a bad option value (EX_USAGE), a control "
                    + "character in it bad data, as in every header value: " + refused);
            assertTrue(refused.err().contains("--list-unsubscribe"), refused.toString());
            assertEquals(1, refused.err().strip().lines().count(), "one line: " + refused);
            assertTrue(memory.sent().isEmpty());
        }
        CliRun notCompose = run("Subject: x\n\nbody\n", "-f", "news@a.test", "--list-unsubscribe",
                "https://a.test/u", "bob@b.test");
        assertEquals(64, notCompose.code(), notCompose.toString());
    }
}
