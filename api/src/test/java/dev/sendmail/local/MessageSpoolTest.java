package dev.sendmail.local;

import dev.sendmail.api.HeaderBlock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageSpoolTest {

    @TempDir
    Path dir;

    private SpooledMessage spool(String input, boolean dotEnds) throws Exception {
        return MessageSpool.spool(new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), dotEnds, dir);
    }

    private static String content(SpooledMessage m) throws IOException {
        try (InputStream in = m.content().open()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void splitsHeaderAndBodyAndKeepsBytes() throws Exception {
        String msg = "From: a@a.test\r\nSubject: folded\r\n  continued\r\nTo: b@b.test\r\n\r\nbody \u00e9\r\n\r\nend";
        try (SpooledMessage m = spool(msg, true)) {
            assertEquals(List.of("from", "subject", "to"),
                    m.header().fields().stream().map(HeaderBlock.Field::name).toList());
            assertEquals(List.of("folded  continued"), m.header().values("Subject"), "RFC 5322 unfolding removes only CRLF");
            assertEquals("\r\n", m.header().eol());
            assertEquals(msg, content(m), "unchanged, byte for byte");
            assertEquals(msg.length(), m.content().size().getAsLong());
            assertEquals("body \u00e9\r\n\r\nend", Files.readString(m.bodyFile(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void theBodyFileIsDeletedOnClose() throws Exception {
        SpooledMessage m = spool("a: b\n\nc\n", true);
        assertTrue(Files.exists(m.bodyFile()));
        m.close();
        assertFalse(Files.exists(m.bodyFile()));
    }

    @Test
    void messageWithoutHeadersGetsASeparatorWhenFieldsAreAdded() throws Exception {
        try (SpooledMessage m = spool("just text\nmore\n", true)) {
            assertTrue(m.header().fields().isEmpty());
            assertEquals("just text\nmore\n", content(m));
            m.header().append("Date", "x");
            assertEquals("Date: x\n\njust text\nmore\n", content(m));
        }
    }

    @Test
    void aNonHeaderLineEndsTheHeaderSection() throws Exception {
        try (SpooledMessage m = spool("Subject: s\nthis is body\n", true)) {
            assertEquals(1, m.header().fields().size());
            assertEquals("Subject: s\n\nthis is body\n", content(m), "a separator is inserted");
        }
    }

    @Test
    void obsoleteWhiteSpaceBeforeTheColonIsAField() throws Exception {
        try (SpooledMessage m = spool("Subject : s\nBcc\t: x@x.test\nnot a field\n", true)) {
            assertEquals(List.of("subject", "bcc"), m.header().fields().stream().map(HeaderBlock.Field::name).toList());
        }
    }

    @Test
    void aFieldCutOffByTheEndOfInputIsTerminatedBeforeFieldsAreAdded() throws Exception {
        try (SpooledMessage m = spool("Subject: no newline", true)) {
            m.header().append("Date", "x");
            assertEquals("Subject: no newline\nDate: x\n\n", content(m));
        }
    }

    @Test
    void leadingUnixFromLineIsDropped() throws Exception {
        try (SpooledMessage m = spool("From alice@a.test Sat Nov 28 12:00:00 2026\nSubject: s\n\nb\n", true)) {
            assertEquals("Subject: s\n\nb\n", content(m));
        }
    }

    @Test
    void dotHandling() throws Exception {
        try (SpooledMessage m = spool("S: s\n\na\n.\nb\n", true)) {
            assertEquals("S: s\n\na\n", content(m));
        }
        try (SpooledMessage m = spool("S: s\n\na\r\n.\r\nb\n", true)) {
            assertEquals("S: s\n\na\r\n", content(m));
        }
        try (SpooledMessage m = spool("S: s\n\na\n.", true)) {
            assertEquals("S: s\n\na\n", content(m), "a dot at the very end also ends input");
        }
        try (SpooledMessage m = spool("S: s\n\na\n..\n. \nb\n", true)) {
            assertEquals("S: s\n\na\n..\n. \nb\n", content(m), "only a lone dot ends input");
        }
        try (SpooledMessage m = spool("S: s\n\na\n.\nb\n", false)) {
            assertEquals("S: s\n\na\n.\nb\n", content(m), "-i");
        }
    }

    @Test
    void longestLineAndNulAreMeasured() throws Exception {
        String longLine = "x".repeat(5000);
        try (SpooledMessage m = spool("S: s\n\nshort\n" + longLine + "\nend\n", true)) {
            assertEquals(5000, m.longestLine());
            assertEquals(4, m.longestLineNumber());
            assertFalse(m.nul());
            assertEquals("S: s\n\nshort\n" + longLine + "\nend\n", content(m), "long lines are kept whole");
        }
        try (SpooledMessage m = spool("S: s\n\na\u0000b\n", true)) {
            assertTrue(m.nul());
        }
        try (SpooledMessage m = spool("S: " + "h".repeat(3000) + "\n\nb\n", true)) {
            assertEquals(3003, m.longestLine(), "an over-long header line is measured too");
        }
    }

    @Test
    void headerSectionIsBounded() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() <= MessageSpool.MAX_HEADER_OCTETS) {
            sb.append("X-Filler: ").append("y".repeat(80)).append('\n');
        }
        sb.append("\nbody\n");
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> spool(sb.toString(), true));
        assertTrue(e.getMessage().contains("header section is larger"), e.getMessage());
    }

    /** The refused message is not lost: the exception streams back every octet read, then the unread rest. */
    @Test
    void aMessageRefusedForItsHeaderSectionIsGivenBackWholeWithoutReadingTheRestFirst() throws Exception {
        StringBuilder sb = new StringBuilder("From alice@a.test Sat Nov 28 12:00:00 2026\r\n");
        while (sb.length() <= MessageSpool.MAX_HEADER_OCTETS) {
            sb.append("X-Filler: ").append("y".repeat(80)).append("\r\n");
        }
        sb.append("\r\n").append("body line\r\n".repeat(300_000)).append(".\r\nafter the dot\r\n");
        byte[] given = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayInputStream stdin = new ByteArrayInputStream(given);
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> MessageSpool.spool(stdin, true, dir));
        assertTrue(stdin.available() > given.length / 2, "the body was not read before it is asked for");
        assertArrayEquals(given, e.input().orElseThrow().readAllBytes(),
                "the From_ line, the header section, the body: every octet given, in order");
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no spool file is left");
        }
        assertEquals(java.util.Optional.empty(), new MalformedMessageException("bad").input());
    }

    /** A spool file that cannot be created is found before the input is touched: the exception hands it back. */
    @Test
    void aSpoolFileThatCannotBeCreatedLeavesTheInputUnreadInTheException() throws Exception {
        byte[] given = "Subject: s\n\nbody\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayInputStream stdin = new ByteArrayInputStream(given);
        try (MessageSpool spool = new MessageSpool(dir.resolve("no-such-directory"))) {
            SpoolException e = assertThrows(SpoolException.class, () -> spool.message(stdin, true));
            assertTrue(e.getCause() instanceof java.nio.file.NoSuchFileException, String.valueOf(e.getCause()));
            assertEquals(given.length, stdin.available(), "nothing was read");
            assertArrayEquals(given, e.input().readAllBytes());
        }
    }

    @Test
    void largeBodyStreamsThroughWithoutChange() throws Exception {
        StringBuilder sb = new StringBuilder("Subject: big\n\n");
        for (int i = 0; i < 200_000; i++) {
            sb.append("line ").append(i).append('\n');
        }
        try (SpooledMessage m = spool(sb.toString(), true)) {
            assertEquals(sb.toString(), content(m));
        }
    }

    @Test
    void anOverLongLineOrANulOctetIsAProblemNamingItAndAnOrdinaryMessageIsNone() throws Exception {
        try (SpooledMessage m = spool("S: s\n\nshort\n" + "x".repeat(999) + "\nend\n", true)) {
            assertEquals(java.util.Optional.of("line 4 of the message is 999 octets long; SMTP allows at most 998 "
                    + "(encode the message, e.g. quoted-printable)"), m.problem());
        }
        try (SpooledMessage m = spool("S: s\n\na\u0000b\n", true)) {
            assertEquals(java.util.Optional.of("the message contains a NUL octet, which SMTP cannot carry"),
                    m.problem());
        }
        try (SpooledMessage m = spool("S: s\n\n" + "x".repeat(998) + "\n", true)) {
            assertEquals(java.util.Optional.empty(), m.problem());
        }
    }

    @Test
    void aTextIsSpooledOctetForOctetAsABodyWithoutAHeaderSection() throws Exception {
        String text = "From alice@a.test Sat Nov 28 12:00:00 2026\nSubject: not a field\n.\n\r\nlast\rno end";
        try (MessageSpool spool = new MessageSpool(dir)) {
            SpooledMessage m = spool.text(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
            assertTrue(m.header().fields().isEmpty());
            assertEquals(text, Files.readString(m.bodyFile(), StandardCharsets.ISO_8859_1),
                    "no From_ line dropped, no header field taken, a lone dot is text");
            assertEquals(text.length(), m.bodyOctets());
            assertEquals(text, content(m));
        }
    }

    @Test
    void closingTheSpoolDeletesEveryFileSpooledThroughIt() throws Exception {
        SpooledMessage message;
        SpooledMessage text;
        try (MessageSpool spool = new MessageSpool(dir)) {
            message = spool.message(new ByteArrayInputStream("S: s\n\nb\n".getBytes(StandardCharsets.US_ASCII)),
                    true);
            text = spool.text(new ByteArrayInputStream("t\n".getBytes(StandardCharsets.US_ASCII)));
            assertTrue(Files.exists(message.bodyFile()) && Files.exists(text.bodyFile()));
        }
        assertFalse(Files.exists(message.bodyFile()));
        assertFalse(Files.exists(text.bodyFile()));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
