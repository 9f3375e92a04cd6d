package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxTest {

    @Test
    void plainAddress() {
        Mailbox m = Mailbox.parse("Bob.Smith+tag@Example.ORG");
        assertEquals("Bob.Smith+tag", m.localPart());
        assertEquals("example.org", m.domain());
        assertEquals("Bob.Smith+tag@example.org", m.address());
        assertFalse(m.needsSmtpUtf8());
        assertFalse(m.isAddressLiteral());
    }

    @Test
    void angleBracketsAndSpaceAreStripped() {
        assertEquals("a@b.test", Mailbox.parse("  <a@b.test> ").address());
    }

    @Test
    void quotedLocalPartKeepsQuotesAndAt() {
        Mailbox m = Mailbox.parse("\"john doe@home\"@example.org");
        assertEquals("\"john doe@home\"", m.localPart());
        assertEquals("example.org", m.domain());
        Mailbox esc = Mailbox.parse("\"a\\\"b\"@example.org");
        assertEquals("\"a\\\"b\"", esc.localPart());
    }

    @Test
    void internationalDomainBecomesALabel() {
        Mailbox m = Mailbox.parse("user@bücher.example");
        assertEquals("xn--bcher-kva.example", m.domain());
        assertEquals("bücher.example", m.unicodeDomain());
        assertFalse(m.needsSmtpUtf8(), "an IDN domain alone does not need SMTPUTF8");
    }

    @Test
    void nonAsciiLocalPartNeedsSmtpUtf8() {
        Mailbox m = Mailbox.parse("用户@例子.测试");
        assertTrue(m.needsSmtpUtf8());
        assertTrue(m.domain().startsWith("xn--"));
    }

    @Test
    void addressLiterals() {
        Mailbox v4 = Mailbox.parse("user@[192.0.2.1]");
        assertTrue(v4.isAddressLiteral());
        assertEquals("[192.0.2.1]", v4.domain());
        assertEquals(InetAddress.getLoopbackAddress().getClass(), v4.literalAddress().orElseThrow().getClass());
        Mailbox v6 = Mailbox.parse("user@[IPv6:2001:DB8::1]");
        assertEquals("[IPv6:2001:db8::1]", v6.domain());
        assertEquals("2001:db8:0:0:0:0:0:1", v6.literalAddress().orElseThrow().getHostAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a@b.test\r\nRCPT TO:<evil@x.test>",
        "a@b.test\n",
        "a\r@b.test",
        "a@b.te\u0000st",
        "a\u007f@b.test",
        "a\u0085@b.test",
        "a\u2028@b.test",
        "a\u010d@b.test",   // low byte 0x0D: CR when narrowed
        "a\u010a@b.test",   // low byte 0x0A: LF when narrowed
        "a@b\u560d.test",
    })
    void controlCharactersAndNarrowingCrLfAreRejected(String hostile) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mailbox.parse(hostile));
        assertFalse(e.getMessage().contains("\r") || e.getMessage().contains("\n"),
                "error messages must stay on one line");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "<>", "nobody", "@example.org", "user@", "user@@example.org", ".user@example.org",
        "user.@example.org", "us..er@example.org", "us er@example.org", "us(er@example.org", "\"unterminated@example.org",
        "user@-bad.example", "user@bad-.example", "user@exa_mple.org", "user@example..org", "user@[300.1.1.1]",
        "user@[1.2.3]", "user@[IPv6:zz::1]", "user@[tag:content]", "user@[192.0.2.1",
    })
    void malformedAddressesAreRejected(String bad) {
        assertThrows(IllegalArgumentException.class, () -> Mailbox.parse(bad));
    }

    @Test
    void lengthLimits() {
        String local64 = "a".repeat(64);
        assertEquals(local64, Mailbox.parse(local64 + "@example.org").localPart());
        assertThrows(IllegalArgumentException.class, () -> Mailbox.parse("a".repeat(65) + "@example.org"));
        String label = "b".repeat(64);
        assertThrows(IllegalArgumentException.class, () -> Mailbox.parse("a@" + label + ".org"));
        assertThrows(IllegalArgumentException.class, () -> Mailbox.parse("a@" + "x".repeat(5000)));
    }

    @Test
    void trailingDotOfDomainIsDropped() {
        assertEquals("example.org", Mailbox.parse("a@example.org.").domain());
    }

    @Test
    void thePostmasterOfAHostNameAnIpv4AndAnIpv6Address() {
        assertEquals("postmaster@mx.b.test", Mailbox.postmaster("mx.b.test").address());
        assertEquals("postmaster@[192.0.2.1]", Mailbox.postmaster("192.0.2.1").address());
        assertEquals("postmaster@[IPv6:2001:db8::1]", Mailbox.postmaster("2001:db8::1").address());
        assertEquals("postmaster@[IPv6:::1]", Mailbox.postmaster("::1").address());
        assertThrows(IllegalArgumentException.class, () -> Mailbox.postmaster("a b"));
    }
}
