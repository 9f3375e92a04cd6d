package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmtpReplyTest {

    @Test
    void enhancedStatusFromFirstLine() {
        SmtpReply r = SmtpReply.of(550, List.of("5.1.1 User unknown"));
        assertEquals(Optional.of(new EnhancedStatus(5, 1, 1)), r.status());
        assertEquals("550 5.1.1 User unknown", r.toString());
        assertEquals("User unknown", r.text());
        assertTrue(r.isPermanent());
        assertFalse(r.isTransient());
    }

    @Test
    void enhancedStatusOfOtherClassIsIgnored() {
        SmtpReply r = SmtpReply.of(450, List.of("5.1.1 inconsistent"));
        assertTrue(r.status().isEmpty());
        assertTrue(r.isTransient());
    }

    @Test
    void multiLineTextIsJoined() {
        SmtpReply r = SmtpReply.of(250, List.of("2.0.0 first", "2.0.0 second"));
        assertEquals("first second", r.text());
    }

    @Test
    void enhancedStatusParsing() {
        assertEquals(Optional.of(new EnhancedStatus(4, 7, 0)), EnhancedStatus.parsePrefix("4.7.0 try later"));
        assertEquals(Optional.of(new EnhancedStatus(2, 0, 0)), EnhancedStatus.parsePrefix("2.0.0"));
        assertEquals(Optional.of(new EnhancedStatus(5, 100, 999)), EnhancedStatus.parsePrefix("5.100.999 x"));
        assertTrue(EnhancedStatus.parsePrefix("3.1.1 x").isEmpty());
        assertTrue(EnhancedStatus.parsePrefix("5.1 x").isEmpty());
        assertTrue(EnhancedStatus.parsePrefix("5.1.1x").isEmpty());
        assertTrue(EnhancedStatus.parsePrefix("55.1.1 x").isEmpty());
        assertTrue(EnhancedStatus.parsePrefix("5.1234.1 x").isEmpty());
        assertTrue(EnhancedStatus.parsePrefix("").isEmpty());
        assertTrue(EnhancedStatus.parsePrefix("Ok").isEmpty());
    }

    @Test
    void codeRange() {
        assertThrows(IllegalArgumentException.class, () -> SmtpReply.of(199, "x"));
        assertThrows(IllegalArgumentException.class, () -> SmtpReply.of(600, "x"));
    }
}
