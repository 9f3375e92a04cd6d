package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.SmtpReply;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyReaderTest {

    private static final ReplyReader.Budget FOREVER = () -> 1000;

    private static ReplyReader reader(String text) {
        return reader(text.getBytes(StandardCharsets.ISO_8859_1), 2048, 100);
    }

    private static ReplyReader reader(byte[] bytes, int maxLine, int maxLines) {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        // one octet at a time would hide buffering bugs; give small chunks instead
        return new ReplyReader((b, off, len, t) -> in.read(b, off, Math.min(len, 7)), maxLine, maxLines);
    }

    @Test
    void singleLineWithEnhancedStatus() throws IOException {
        SmtpReply r = reader("250 2.1.0 Ok\r\n").read(FOREVER);
        assertEquals(250, r.code());
        assertEquals("2.1.0", r.status().orElseThrow().toString());
        assertEquals("250 2.1.0 Ok", r.toString());
    }

    @Test
    void multiLineReplyKeepsEveryLine() throws IOException {
        SmtpReply r = reader("250-mx.example.org\r\n250-PIPELINING\r\n250 SIZE 1000\r\n").read(FOREVER);
        assertEquals(List.of("mx.example.org", "PIPELINING", "SIZE 1000"), r.lines());
    }

    @Test
    void bareCodeAndBareLfAreAccepted() throws IOException {
        ReplyReader rr = reader("250\n354 go ahead\n");
        assertEquals(250, rr.read(FOREVER).code());
        assertEquals(354, rr.read(FOREVER).code());
    }

    @Test
    void consecutiveRepliesAreReadInOrderFromOneBuffer() throws IOException {
        ReplyReader rr = reader("250 a\r\n250 b\r\n550 5.1.1 c\r\n");
        assertEquals("a", rr.read(FOREVER).text());
        assertEquals("b", rr.read(FOREVER).text());
        assertEquals(550, rr.read(FOREVER).code());
    }

    @Test
    void mismatchedCodesInAMultiLineReplyAreRejected() {
        IOException e = assertThrows(MalformedReplyException.class,
                () -> reader("250-first\r\n550 second\r\n").read(FOREVER));
        assertTrue(e.getMessage().contains("different codes"), e.getMessage());
    }

    @Test
    void garbageIsRejected() {
        for (String bad : List.of("hello\r\n", "25\r\n", "2x0 ok\r\n", "250_ok\r\n", "199 ok\r\n", "600 no\r\n",
                "\r\n", "abc-def\r\n")) {
            assertThrows(MalformedReplyException.class, () -> reader(bad).read(FOREVER), bad);
        }
    }

    @Test
    void anOverLongLineIsRejectedWithoutReadingItAll() {
        byte[] huge = ("250 " + "x".repeat(10_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        IOException e = assertThrows(MalformedReplyException.class, () -> reader(huge, 2048, 100).read(FOREVER));
        assertTrue(e.getMessage().contains("longer than 2048"), e.getMessage());
    }

    @Test
    void linesBeyondTheLineBoundAreDroppedAndTheReplyKept() throws Exception {
        String many = "250-first\r\n" + "250-x\r\n".repeat(20_000) + "250 end\r\n354 next\r\n";
        ReplyReader rr = reader(many.getBytes(StandardCharsets.US_ASCII), 2048, 100);
        SmtpReply r = rr.read(FOREVER);
        assertEquals(250, r.code());
        assertEquals(100, r.lines().size());
        assertEquals("first", r.lines().get(0));
        assertEquals(20_002 - 100, rr.droppedLines());
        assertEquals(354, rr.read(FOREVER).code(), "the next reply starts where the long one ended");
        assertEquals(0, rr.droppedLines());
    }

    @Test
    void aReplyOverTheOctetBoundIsRejected() {
        String endless = "250-xxxxxxxx\r\n".repeat(1000) + "250 end\r\n";
        ByteArrayInputStream in = new ByteArrayInputStream(endless.getBytes(StandardCharsets.US_ASCII));
        ReplyReader rr = new ReplyReader((b, off, len, t) -> in.read(b, off, len), 2048, 100, 10_000);
        IOException e = assertThrows(MalformedReplyException.class, () -> rr.read(FOREVER));
        assertTrue(e.getMessage().contains("longer than 10000 octets"), e.getMessage());
    }

    @Test
    void codesMustAgreeOnDroppedLinesToo() {
        String mixed = "250-x\r\n".repeat(150) + "550-y\r\n250 end\r\n";
        IOException e = assertThrows(MalformedReplyException.class,
                () -> reader(mixed.getBytes(StandardCharsets.US_ASCII), 2048, 100).read(FOREVER));
        assertTrue(e.getMessage().contains("different codes"), e.getMessage());
    }

    @Test
    void endOfStreamMidReplyIsAnEof() {
        assertThrows(EOFException.class, () -> reader("250-first\r\n250-sec").read(FOREVER));
        assertThrows(EOFException.class, () -> reader("").read(FOREVER));
    }

    @Test
    void controlCharactersInTextAreNeutralised() throws IOException {
        SmtpReply r = reader("550 bad\u001b[31mred\u0007\r\n").read(FOREVER);
        assertEquals("bad?[31mred?", r.text());
        byte[] separators = "550 a\u2028b\u2029c\u0085d\te\r\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("a?b?c?d\te", reader(separators, 2048, 100).read(FOREVER).text(),
                "C1, U+2028 and U+2029 too; TAB stays");
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() throws IOException {
        byte[] b = {'2', '5', '0', ' ', 'o', 'k', (byte) 0xC3, '\r', '\n'};
        SmtpReply r = reader(b, 2048, 100).read(FOREVER);
        assertEquals(250, r.code());
        assertTrue(r.text().startsWith("ok"));
    }

    @Test
    void discardingDropsWhatWasBuffered() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(
                "220 go ahead\r\n250 injected\r\n".getBytes(StandardCharsets.US_ASCII));
        ReplyReader rr = new ReplyReader((b, off, len, t) -> in.read(b, off, len));
        assertEquals(220, rr.read(FOREVER).code());
        assertTrue(rr.buffered() > 0);
        rr.discardBuffered();
        assertEquals(0, rr.buffered());
    }

    @Test
    void aSpentBudgetTimesOut() {
        ReplyReader.Budget spent = Deadline.after(Duration.ofMillis(-1)).budget(Duration.ofSeconds(5));
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> reader("250 ok\r\n").read(spent));
        assertTrue(e.getMessage().contains("deadline"), e.getMessage());
    }
}
