package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    @Test
    void findsC0DelC1AndTheUnicodeSeparators() {
        assertEquals(-1, ControlCharacters.indexOf("Zoë <zoe@example.org>"));
        assertEquals(1, ControlCharacters.indexOf("a\r\nBcc: x"));
        assertEquals(1, ControlCharacters.indexOf("a\tb"), "TAB counts");
        assertEquals(-1, ControlCharacters.indexOfExceptTab("a\tb"));
        assertEquals(3, ControlCharacters.indexOfExceptTab("a\tb\u0000"));
        for (char c : new char[] {'\u0000', '\n', '\u001f', '\u007f', '\u0085', '\u009f', '\u2028', '\u2029'}) {
            assertTrue(ControlCharacters.isControl(c), Integer.toHexString(c));
        }
        for (char c : new char[] {' ', '~', '\u00a0', 'é', '\u010d', '\u2027', '\u202a'}) {
            assertFalse(ControlCharacters.isControl(c), Integer.toHexString(c));
        }
    }

    @Test
    void oneLineReplacesEveryControlWithASpaceAndKeepsTheRest() {
        assertEquals("a  Bcc: x   y z Zoë", ControlCharacters.oneLine("a\r\nBcc: x\u2028\t\u0085y\u2029z\u007FZoë"));
    }

    @Test
    void escapeShowsControlsAsCodesOnOneLineAndCutsLongText() {
        assertEquals("a\\u000D\\u000ABcc: x\\u2028", ControlCharacters.escape("a\r\nBcc: x\u2028"));
        assertEquals("tab\\u0009here", ControlCharacters.escape("tab\there"));
        assertEquals("Grüße", ControlCharacters.escape("Grüße"));
        String shown = ControlCharacters.escape("x".repeat(500));
        assertEquals("x".repeat(200) + "...", shown);
        assertEquals("x".repeat(200), ControlCharacters.escape("x".repeat(200)));
    }
}
