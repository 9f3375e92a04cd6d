package dev.sendmail.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.SmtpReply;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyTextTest {

    @Test
    void multiLineReplyAsAngusKeepsIt() {
        SmtpReply r = ReplyText.parse("550-5.1.1 The email account does not exist\n550 5.1.1 Try again\n").orElseThrow();
        assertEquals(550, r.code());
        assertEquals("5.1.1", r.status().orElseThrow().toString());
        assertEquals(List.of("5.1.1 The email account does not exist", "5.1.1 Try again"), r.lines());
    }

    @Test
    void codeOnlyAndCrLfEndings() {
        assertEquals(250, ReplyText.parse("250\r\n").orElseThrow().code());
        assertEquals(List.of(""), ReplyText.parse("250\n").orElseThrow().lines());
    }

    @Test
    void hostileTextIsNotAReply() {
        for (String bad : new String[] {null, "", "[EOF]", "hello", "25", "2500 x", "abc def", "099 low", "600 high",
                "250 ok\nnot a reply line\n", "25x ok"}) {
            assertTrue(ReplyText.parse(bad).isEmpty(), "accepted: " + bad);
        }
    }

    @Test
    void mismatchedCodesKeepTheFirst() {
        assertEquals(451, ReplyText.parse("451-first\n250 second\n").orElseThrow().code());
    }

    @Test
    void hugeTextIsBounded() {
        String many = "250-x\n".repeat(10_000) + "250 end\n";
        SmtpReply r = ReplyText.parse(many).orElseThrow();
        assertTrue(r.lines().size() <= ReplyText.MAX_LINES);
    }

    @Test
    void codeAndTextFromAnExceptionThatLostTheCode() {
        SmtpReply r = ReplyText.of(552, "message too big\r\n");
        assertEquals(552, r.code());
        assertEquals("message too big", r.text());
        assertEquals(554, ReplyText.of(554, "554 5.7.1 no\n").code());
        assertEquals("5.7.1", ReplyText.of(554, "554 5.7.1 no\n").status().orElseThrow().toString());
    }

    @Test
    void aServersControlCharactersNeverReachTheReplyText() {
        SmtpReply r = ReplyText.parse("550-bad\u001b[31mred\u0007\n550 a\u2028b\u2029c\u0085d\u009b1m\te\n")
                .orElseThrow();
        assertEquals(List.of("bad?[31mred?", "a?b?c?d?1m\te"), r.lines(), "as the socket transport reads it");
    }

    @Test
    void printableShowsControlCharacters() {
        assertEquals("a\\x0Db\\x00", ReplyText.printable("a\rb\0"));
        assertEquals("a\\x85b\\x9B31m\\x2028c", ReplyText.printable("a\u0085b\u009b31m\u2028c"));
        assertTrue(ReplyText.printable("x".repeat(500)).endsWith("..."));
    }
}
