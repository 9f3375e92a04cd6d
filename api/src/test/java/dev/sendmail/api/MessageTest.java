package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageTest {

    @TempDir
    Path dir;

    static byte[] bytes(MessageContent c) throws IOException {
        try (InputStream in = c.open()) {
            return in.readAllBytes();
        }
    }

    static MimeMessage mime(byte[] b) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(b));
    }

    static String headerSection(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        return s.substring(0, s.indexOf("\r\n\r\n") + 2);
    }

    @Test
    void composesEverythingTheContractNames() throws Exception {
        Path pdf = dir.resolve("Bericht über 2026.pdf");
        Files.writeString(pdf, "%PDF-1.4\nascii only\nline ends must survive\n");
        Path logo = dir.resolve("logo.png");
        Files.write(logo, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        byte[] json = "{\"a\": 1}\n{\"b\": 2}\n".getBytes(StandardCharsets.US_ASCII);
        Message m = Message.builder()
                .from("Zoë <zoe@example.org>").to("Bob <bob@example.org>", "carol@example.org")
                .cc("Dan Brown <dan@example.net>").bcc("hidden@example.com").bcc("Also Hidden <h2@example.com>")
                .replyTo("Zoë Team <team@example.org>").replyTo("backup@example.org")
                .subject("Grüße aus Köln")
                .text("Hallo,\nschöne Grüße").html("<p>Hallo <img src=\"cid:logo\"></p>")
                .attach(pdf).attach("data.json", json, "application/json").inline("logo", logo)
                .header("X-Mailer-Note", "Ünïcode value")
                .build();

        assertEquals(Optional.of(Mailbox.parse("zoe@example.org")), m.envelope().sender());
        assertEquals(List.of("bob@example.org", "carol@example.org", "dan@example.net", "hidden@example.com",
                "h2@example.com"), m.envelope().recipients().stream().map(Mailbox::address).toList());

        byte[] raw = bytes(m.content());
        String head = headerSection(raw);
        assertFalse(head.toLowerCase().contains("bcc"), "Bcc never in the header: " + head);
        assertFalse(head.contains("hidden@example.com"), head);
        for (int i = 0; i < head.length(); i++) {
            assertTrue(head.charAt(i) < 0x80, "the header section is ASCII (RFC 2047/2231): " + head);
        }
        assertTrue(head.contains("Date: "), head);
        assertTrue(head.matches("(?s).*Message-ID: <[^>\\s]+@example\\.org>\r\n.*"), head);
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).matches("(?s).*[^\r]\n.*"),
                "every line ends in CRLF");

        MimeMessage p = mime(raw);
        InternetAddress from = (InternetAddress) p.getFrom()[0];
        assertEquals("Zoë", from.getPersonal());
        assertEquals("zoe@example.org", from.getAddress());
        Address[] to = p.getRecipients(jakarta.mail.Message.RecipientType.TO);
        assertEquals(2, to.length);
        assertEquals("Bob", ((InternetAddress) to[0]).getPersonal());
        assertEquals("Dan Brown", ((InternetAddress) p.getRecipients(jakarta.mail.Message.RecipientType.CC)[0])
                .getPersonal());
        Address[] replyTo = p.getReplyTo();
        assertEquals(2, replyTo.length, "a second replyTo adds");
        assertEquals("Zoë Team", ((InternetAddress) replyTo[0]).getPersonal());
        assertEquals("Grüße aus Köln", p.getSubject());
        assertEquals("Ünïcode value", jakarta.mail.internet.MimeUtility.decodeText(p.getHeader("X-Mailer-Note")[0]));

        assertTrue(p.isMimeType("multipart/mixed"), p.getContentType());
        Multipart mixed = (Multipart) p.getContent();
        assertEquals(3, mixed.getCount());
        BodyPart first = mixed.getBodyPart(0);
        assertTrue(first.isMimeType("multipart/related"), first.getContentType());
        Multipart related = (Multipart) first.getContent();
        BodyPart alt = related.getBodyPart(0);
        assertTrue(alt.isMimeType("multipart/alternative"), alt.getContentType());
        Multipart alternative = (Multipart) alt.getContent();
        assertEquals("Hallo,\r\nschöne Grüße\r\n", alternative.getBodyPart(0).getContent(),
                "text in canonical form with a final line break");
        assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(alternative.getBodyPart(1).isMimeType("text/html"));
        MimeBodyPart inline = (MimeBodyPart) related.getBodyPart(1);
        assertEquals("<logo>", inline.getContentID());
        assertEquals("inline", inline.getDisposition());

        MimeBodyPart pdfPart = (MimeBodyPart) mixed.getBodyPart(1);
        assertEquals("base64", pdfPart.getEncoding(), "an ASCII-only PDF still goes as base64");
        assertEquals("Bericht über 2026.pdf", pdfPart.getFileName());
        assertTrue(new String(raw, StandardCharsets.US_ASCII).contains("filename*=UTF-8''"), "RFC 2231 file name");
        try (InputStream in = pdfPart.getInputStream()) {
            assertArrayEquals(Files.readAllBytes(pdf), in.readAllBytes(), "LF line ends unchanged");
        }
        MimeBodyPart jsonPart = (MimeBodyPart) mixed.getBodyPart(2);
        assertEquals("base64", jsonPart.getEncoding());
        assertTrue(jsonPart.isMimeType("application/json"));
        try (InputStream in = jsonPart.getInputStream()) {
            assertArrayEquals(json, in.readAllBytes());
        }
        assertArrayEquals(raw, bytes(m.content()), "every opening gives the same octets");
    }

    @Test
    void textChoosesQuotedPrintableOrBase64ByContent() throws Exception {
        MimeMessage mostlyAscii = mime(bytes(simple().text("Grüße, this is mostly ASCII text").build().content()));
        assertEquals("quoted-printable", mostlyAscii.getEncoding());
        MimeMessage greek = mime(bytes(simple().text("Καλημέρα κόσμε, τι κάνεις;").build().content()));
        assertEquals("base64", greek.getEncoding());
        assertEquals("Καλημέρα κόσμε, τι κάνεις;\r\n", greek.getContent());
    }

    @Test
    void headerRefusesLineBreaksAndReservedFields() {
        assertThrows(IllegalArgumentException.class, () -> simple().header("X-A", "a\r\nBcc: evil@x.test"));
        assertThrows(IllegalArgumentException.class, () -> simple().header("X-A", "a\nb"));
        // the whole set of ControlCharacters except TAB: C1 and the Unicode line and paragraph separators too
        assertTrue(assertThrows(IllegalArgumentException.class, () -> simple().header("X-A", "a\u0085b"))
                .getMessage().contains("control character (U+0085)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> simple().header("X-A", "a\u2028b"))
                .getMessage().contains("control character (U+2028)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> simple().subject("a\u2029b"))
                .getMessage().contains("control character (U+2029)"));
        simple().header("X-A", "a\tb");
        assertThrows(IllegalArgumentException.class, () -> simple().header("X A", "b"));
        assertThrows(IllegalArgumentException.class, () -> simple().header("Content-Type", "text/html"));
        assertThrows(IllegalArgumentException.class, () -> simple().header("Bcc", "x@y.test"));
        assertThrows(IllegalArgumentException.class, () -> simple().subject("a\r\nX-Evil: 1"));
        assertThrows(IllegalArgumentException.class, () -> simple().to("Evil\r\n <a@b.test>"));
        assertThrows(IllegalArgumentException.class, () -> simple().to("not an address"));
        assertThrows(IllegalArgumentException.class, () -> simple().inline("a>b", dir));
    }

    @Test
    void aHeaderFieldAsOneLineIsSplitAtTheFirstColonAndCheckedAsAPair() throws Exception {
        String head = headerSection(bytes(simple().header(" X-Tag :  a: b ").header("Message-ID: <one.2@example.org>")
                .build().content()));
        assertTrue(head.contains("X-Tag: a: b\r\n"), head);
        assertTrue(head.contains("Message-ID: <one.2@example.org>\r\n"), head);
        for (String bad : new String[] {"no colon", ": x", "Bad Name: x", "Message-ID: not-an-id", "X-A: a\r\nBcc: b",
                "Bcc: x@y.test"}) {
            assertThrows(IllegalArgumentException.class, () -> simple().header(bad), bad);
        }
        for (String reserved : new String[] {"Bcc", "content-type", "MIME-Version", "Content-Transfer-Encoding",
                "Content-Disposition", "Content-ID"}) {
            assertTrue(Message.isWrittenByBuilder(reserved), reserved);
        }
        for (String free : new String[] {"X-Tag", "Message-ID", "Date", "Subject", "Reply-To", "Content-Language"}) {
            assertFalse(Message.isWrittenByBuilder(free), free);
        }
    }

    @Test
    void messageIdAndDateGivenAsHeadersAreKept() throws Exception {
        Message m = simple().header("Message-ID", "<given.1@example.org>")
                .header("Date", "Tue, 1 Dec 2026 04:00:00 +0000").build();
        String head = headerSection(bytes(m.content()));
        assertTrue(head.contains("Message-ID: <given.1@example.org>\r\n"), head);
        assertEquals(1, head.split("Message-ID:", -1).length - 1, head);
        assertTrue(head.contains("Date: Tue, 1 Dec 2026 04:00:00 +0000\r\n"), head);
        assertEquals(1, java.util.regex.Pattern.compile("(?m)^Date:").matcher(head).results().count(), head);
    }

    @Test
    void dateAndMessageIdAlwaysPresent() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T04:00:00Z"), ZoneOffset.UTC);
        String head = headerSection(bytes(simple().clock(clock).build().content()));
        assertTrue(head.contains("Date: Tue, 1 Dec 2026 04:00:00 +0000\r\n"), head);
        assertTrue(head.contains("Message-ID: <"), head);
        assertTrue(head.contains("MIME-Version: 1.0\r\n"), head);
    }

    @Test
    void envelopeSenderMayDifferFromTheAuthor() {
        assertEquals(Optional.empty(), simple().envelopeSender("<>").build().envelope().sender());
        assertEquals("bounces@example.org",
                simple().envelopeSender("bounces@example.org").build().envelope().sender().get().address());
    }

    @Test
    void buildNeedsFromAndARecipient() {
        assertThrows(IllegalStateException.class, () -> Message.builder().to("a@b.test").build());
        assertThrows(IllegalStateException.class, () -> Message.builder().from("a@b.test").build());
        Message bccOnly = Message.builder().from("a@b.test").bcc("c@d.test").build();
        assertEquals(1, bccOnly.envelope().recipients().size());
    }

    @Test
    void attachmentsAreReadWhenTheContentIsOpenedNotWhenBuilt() throws Exception {
        Path file = dir.resolve("a.bin");
        Files.write(file, new byte[] {1, 2, 3});
        Message m = simple().attach(file).build();
        Files.write(file, new byte[] {9, 9, 9, 9});
        MimeMessage p = mime(bytes(m.content()));
        try (InputStream in = ((Multipart) p.getContent()).getBodyPart(1).getInputStream()) {
            assertArrayEquals(new byte[] {9, 9, 9, 9}, in.readAllBytes());
        }
        Files.delete(file);
        IOException e = assertThrows(IOException.class, () -> bytes(m.content()),
                "a vanished attachment is an error, never a shorter message");
        assertTrue(e.getMessage().contains("a.bin"), e.getMessage());
    }

    @Test
    void aReaderThatStopsEarlyStopsTheWriter() throws Exception {
        Path big = dir.resolve("big.bin");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}), 32L << 20); // sparse, 32 MiB
        }
        Message m = simple().attach(big).build();
        try (InputStream in = m.content().open()) {
            assertEquals(4096, in.readNBytes(4096).length);
        }
        // and a full read still works afterwards
        assertTrue(bytes(m.content()).length > 32 << 20);
    }

    @Test
    void listUnsubscribeTakesTheUrisAsGivenInAnyOrder() throws Exception {
        String text = new String(bytes(simple().listUnsubscribe(List.of(" mailto:unsub@example.org ",
                "https://example.org/u?t=1")).build().content()), StandardCharsets.UTF_8);
        assertTrue(text.contains("\r\nList-Unsubscribe: <https://example.org/u?t=1>, <mailto:unsub@example.org>\r\n"),
                text);
        for (List<String> bad : List.<List<String>>of(List.of("http://e.test/u"), List.of("mailto:u@e.test"),
                List.of(), List.of("https://e.test/u", "https://e.test/v"), List.of("https://e.test/u", "ftp://e.test/f"),
                List.of("https://e.test/u\r\nBcc: x@y"), List.of("https:/no-host"), List.of("https://e.test/ u"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> simple().listUnsubscribe(bad), bad.toString());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void anAttachmentIsReadFromDiskAsTheContentIsRead() throws Exception {
        Path big = dir.resolve("big.bin");
        int size = 8 << 20;
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {0}), size - 1); // sparse: 8 MiB of zeros
        }
        Message m = simple().attach(big).build();
        java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
        try (InputStream in = m.content().open()) {
            sent.write(in.readNBytes(256 * 1024));
            // the first 256 KiB are out: content that read the whole file before writing would not see this
            try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap("TAIL".getBytes(StandardCharsets.US_ASCII)), size - 4);
            }
            in.transferTo(sent);
        }
        MimeMessage p = mime(sent.toByteArray());
        try (InputStream in = ((Multipart) p.getContent()).getBodyPart(1).getInputStream()) {
            byte[] data = in.readAllBytes();
            assertEquals(size, data.length);
            assertEquals("TAIL", new String(data, size - 4, 4, StandardCharsets.US_ASCII),
                    "the end of the file was read after the start of the message had been sent");
        }
    }

    @Test
    void listUnsubscribeAddsBothFieldsForOneClick() throws Exception {
        Message m = simple().header("List-Unsubscribe", "<https://old.example.org/u>")
                .listUnsubscribe(java.net.URI.create("https://example.org/unsub?u=b%40example.org&t=x1"),
                        Optional.of(java.net.URI.create("mailto:unsub@example.org?subject=b")))
                .build();
        String text = new String(bytes(m.content()), StandardCharsets.UTF_8);
        assertTrue(text.replace("\r\n ", " ").contains("\r\nList-Unsubscribe: "
                + "<https://example.org/unsub?u=b%40example.org&t=x1>, <mailto:unsub@example.org?subject=b>\r\n"), text);
        assertTrue(text.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), text);
        assertFalse(text.contains("old.example.org"), "the helper replaces a List-Unsubscribe set before: " + text);
        String once = new String(bytes(simple().listUnsubscribe(java.net.URI.create("https://e.test/u"),
                Optional.empty()).listUnsubscribe(java.net.URI.create("HTTPS://e.test/v"), Optional.empty()).build()
                .content()), StandardCharsets.UTF_8);
        assertEquals(1, once.split("List-Unsubscribe-Post:", -1).length - 1, once);
        assertTrue(once.contains("List-Unsubscribe: <HTTPS://e.test/v>\r\n"), once);
        assertThrows(IllegalArgumentException.class, () -> simple().listUnsubscribe(
                java.net.URI.create("http://e.test/u"), Optional.empty()), "one-click needs https");
        assertThrows(IllegalArgumentException.class, () -> simple().listUnsubscribe(
                java.net.URI.create("https:/relative"), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> simple().listUnsubscribe(
                java.net.URI.create("https://e.test/u"), Optional.of(java.net.URI.create("https://e.test/m"))));
        assertThrows(IllegalArgumentException.class, () -> simple().listUnsubscribe(
                java.net.URI.create("https://e.test/" + "a".repeat(1000)), Optional.empty()));
    }

    static Message.Builder simple() {
        return Message.builder().from("a@example.org").to("b@example.org").subject("s").text("t");
    }

    // ---- parse ----------------------------------------------------------------------------------

    @Test
    void parseTakesRecipientsFromToCcBccAndRemovesBcc() throws Exception {
        String raw = "From: Zoë <zoe@example.org>\nTo: Bob <bob@b.test>, carol@c.test\nCc: friends: d@d.test, "
                + "e@e.test;\nBcc: secret@s.test,\n  other@s.test\nSubject: t\n\nbody\nBcc: not-a-header@x.test\n";
        Message m = Message.parse(MessageContent.of(raw));
        assertEquals(List.of("bob@b.test", "carol@c.test", "d@d.test", "e@e.test", "secret@s.test",
                "other@s.test"), m.envelope().recipients().stream().map(Mailbox::address).toList());
        assertEquals("zoe@example.org", m.envelope().sender().orElseThrow().address());
        String out = new String(bytes(m.content()), StandardCharsets.UTF_8);
        assertFalse(out.contains("secret@s.test"), out);
        assertTrue(out.startsWith("From: Zoë <zoe@example.org>\nTo: Bob <bob@b.test>, carol@c.test\nCc: "), out);
        assertTrue(out.endsWith("\n\nbody\nBcc: not-a-header@x.test\n"), "the body is untouched: " + out);
        assertTrue(out.contains("\nDate: "), "Date added: " + out);
        assertTrue(out.contains("\nMessage-ID: <") && out.contains("@example.org>\n"), "Message-ID added: " + out);
        assertEquals(out.length(), new String(bytes(m.content()), StandardCharsets.UTF_8).length());
    }

    @Test
    void parseKeepsDateAndMessageIdThatArePresent() throws Exception {
        String raw = "To: b@b.test\r\nDate: Mon, 30 Nov 2026 10:00:00 +0100\r\nMessage-ID: <x@y>\r\n\r\nbody\r\n";
        Message m = Message.parse(MessageContent.of(raw));
        assertEquals(raw, new String(bytes(m.content()), StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), m.envelope().sender(), "no From: the null reverse-path");
        assertEquals(OptionalLongs.of(raw.length()), m.content().size());
    }

    @Test
    void parseRemovesAFoldedBccAndKeepsTheOtherFieldsAsTheyAre() throws Exception {
        Message m = Message.parse(MessageContent.of("To: a@a.test\nBcc: x@x.test,\n\ty@y.test\nSubject: s\n  more\n\nb\n"));
        assertEquals(List.of("a@a.test", "x@x.test", "y@y.test"),
                m.envelope().recipients().stream().map(Mailbox::address).toList());
        String out = new String(bytes(m.content()), StandardCharsets.UTF_8);
        assertTrue(out.startsWith("To: a@a.test\nSubject: s\n  more\n"), out);
        assertTrue(out.endsWith("\n\nb\n"), out);
        assertFalse(out.contains("x@x.test"), out);
    }

    @Test
    void parseTakesTheMembersOfGroupsAndDropsDisplayNames() throws Exception {
        Message m = Message.parse(MessageContent.of(
                "To: undisclosed-recipients:;\nCc: Team: a@a.test, \"B, b\" <b@b.test>;\n\nx\n"));
        assertEquals(List.of("a@a.test", "b@b.test"), m.envelope().recipients().stream().map(Mailbox::address).toList());
    }

    @Test
    void parsePrefersResentFields() throws Exception {
        String raw = "To: old@o.test\r\nBcc: oldbcc@o.test\r\nResent-To: new@n.test\r\nResent-Bcc: nb@n.test\r\n"
                + "Date: x\r\nMessage-ID: <a@b>\r\n\r\nb\r\n";
        Message m = Message.parse(MessageContent.of(raw));
        assertEquals(List.of("new@n.test", "nb@n.test"),
                m.envelope().recipients().stream().map(Mailbox::address).toList());
        String out = new String(bytes(m.content()), StandardCharsets.UTF_8);
        assertFalse(out.contains("nb@n.test"), out);
        assertFalse(out.contains("oldbcc"), "Bcc is removed too: " + out);
    }

    @Test
    void parseRefusesAMessageWithoutRecipientsAndBadAddresses() {
        IllegalArgumentException e = assertThrows(NoRecipientException.class,
                () -> Message.parse(MessageContent.of("Subject: x\n\nbody\n")));
        assertTrue(e.getMessage().contains("no recipient"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Message.parse(MessageContent.of("To: root\n\nbody\n")));
        assertFalse(e instanceof NoRecipientException, e.toString());
        assertTrue(e.getMessage().contains("To header") && e.getMessage().contains("root"), e.getMessage());
        Message m = assertDoesNotThrowParse("To: root\n\nbody\n");
        assertEquals("root@example.org", m.envelope().recipients().get(0).address());
    }

    @Test
    void parseBoundsTheHeaderSection() {
        String huge = "To: a@b.test\n" + ("X-Pad: " + "x".repeat(1000) + "\n").repeat(1100) + "\nbody\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Message.parse(MessageContent.of(huge)));
        assertTrue(e.getMessage().contains("header section is larger"), e.getMessage());
    }

    private static Message assertDoesNotThrowParse(String raw) {
        try {
            return Message.parse(MessageContent.of(raw), name -> List.of(Mailbox.parse(name + "@example.org")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** OptionalLong equality helper. */
    private static final class OptionalLongs {
        static java.util.OptionalLong of(long v) {
            return java.util.OptionalLong.of(v);
        }
    }

    @Test
    void bodyFilesMustBeUtf8() throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Message.builder().text(latin1));
        assertEquals("the text body is not valid UTF-8 (at octet 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Message.builder().html(latin1));
        assertEquals("the HTML body is not valid UTF-8 (at octet 3)", e.getMessage());
        // a character split over the checker's 64 KiB reads, then one cut off at the end of the file
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
        byte[] big = new byte[64 * 1024 + 2];
        java.util.Arrays.fill(big, (byte) 'x');
        System.arraycopy(euro, 0, big, 64 * 1024 - 1, 3);
        Path split = Files.write(dir.resolve("split.txt"), big);
        Message.builder().text(split);
        Path cut = Files.write(dir.resolve("cut.txt"), java.util.Arrays.copyOf(big, 64 * 1024));
        e = assertThrows(IllegalArgumentException.class, () -> Message.builder().text(cut));
        assertEquals("the text body is not valid UTF-8 (at octet " + (64 * 1024 - 1) + ")", e.getMessage());
        assertThrows(java.io.UncheckedIOException.class, () -> Message.builder().text(dir.resolve("missing.txt")));
    }

    @Test
    void recipientsAsMailboxesWithDisplayNames() throws Exception {
        Message m = Message.builder().from("a@example.org").to(Mailbox.parse("bob@example.org"), "Bob, Jr.")
                .to(Mailbox.parse("carol@example.org"), null).cc(Mailbox.parse("dan@example.net"), " Dän ")
                .text("x").build();
        assertEquals(List.of("bob@example.org", "carol@example.org", "dan@example.net"),
                m.envelope().recipients().stream().map(Mailbox::address).toList());
        MimeMessage p = mime(bytes(m.content()));
        Address[] to = p.getRecipients(jakarta.mail.Message.RecipientType.TO);
        assertEquals("Bob, Jr.", ((InternetAddress) to[0]).getPersonal(), "a comma in a name stays in the name");
        assertNull(((InternetAddress) to[1]).getPersonal());
        assertEquals("Dän", ((InternetAddress) p.getRecipients(jakarta.mail.Message.RecipientType.CC)[0])
                .getPersonal());
        assertThrows(IllegalArgumentException.class, () -> Message.builder().to(Mailbox.parse("b@b.test"), "a\nb"));
    }
}
