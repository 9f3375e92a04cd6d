package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.SmtpReply;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    private static Capabilities parse(String... keywordLines) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("mx.example.org Hello");
        lines.addAll(List.of(keywordLines));
        return Capabilities.parse(SmtpReply.of(250, lines));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        Capabilities c = parse("pipelining", "8bitmime", "StartTLS", "smtputf8", "dsn", "chunking");
        assertTrue(c.pipelining());
        assertTrue(c.eightBitMime());
        assertTrue(c.startTls());
        assertTrue(c.smtpUtf8());
        assertTrue(c.dsn());
        assertTrue(c.chunking());
        assertTrue(c.has("PIPELINING"));
    }

    @Test
    void legacyAuthEqualsFormIsMerged() {
        Capabilities c = parse("AUTH=LOGIN", "AUTH PLAIN cram-md5", "AUTH=LOGIN PLAIN");
        assertEquals(Set.of("LOGIN", "PLAIN", "CRAM-MD5"), c.authMechanisms());
    }

    @Test
    void sizeWithoutNumberOrWithGarbageMeansNoLimit() {
        assertEquals(0, parse("SIZE").sizeLimit());
        assertEquals(0, parse("SIZE abc").sizeLimit());
        assertEquals(0, parse("SIZE 99999999999999999999999").sizeLimit());
        assertEquals(0, parse("SIZE 0").sizeLimit());
        assertEquals(10240000, parse("SIZE 10240000").sizeLimit());
        assertTrue(parse("SIZE").has("size"));
    }

    @Test
    void theGreetingLineIsNoKeywordAndEmptyLinesAreIgnored() {
        Capabilities c = parse("", "  ", "ENHANCEDSTATUSCODES");
        assertFalse(c.has("MX.EXAMPLE.ORG"));
        assertEquals(List.of("ENHANCEDSTATUSCODES"), c.lines());
        assertTrue(c.esmtp());
    }

    @Test
    void aHeloSessionHasNothing() {
        assertFalse(Capabilities.NONE.pipelining());
        assertEquals(Set.of(), Capabilities.NONE.authMechanisms());
        assertEquals(0, Capabilities.NONE.sizeLimit());
    }

    @Test
    void aSingleLineEhloReplyHasNoExtensions() {
        Capabilities c = Capabilities.parse(SmtpReply.of(250, "mx.example.org"));
        assertTrue(c.keywords().isEmpty());
    }
}
