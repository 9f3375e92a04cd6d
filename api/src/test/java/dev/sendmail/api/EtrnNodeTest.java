package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EtrnNodeTest {

    @Test
    void anArgumentWithAnyControlCharacterIsRefusedWithoutShowingIt() {
        for (String odd : new String[] {"a.test\r\nQUIT", "exa\u2028mple.org", "@exa\u2029mple.org",
                "a\u0085.test"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EtrnNode.parse(odd), odd);
            assertEquals("ETRN argument contains a space or control character", e.getMessage());
        }
    }

    @Test
    void anInvalidDomainIsShownEscaped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EtrnNode.parse("a..b"));
        assertEquals("ETRN domain is not a valid domain name: a..b", e.getMessage());
        assertEquals("ETRN xn--bcher-kva.test", EtrnNode.parse("Bücher.test").command());
    }
}
