package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DomainNamesTest {

    @Test
    void aDomainIsShownWithEveryControlCharacterVisible() {
        assertEquals("a\\x0Db\\x2028c\\x85d", DomainNames.shown("a\rb\u2028c\u0085d"));
        assertEquals("x".repeat(100) + "...", DomainNames.shown("x".repeat(101)));
    }
}
