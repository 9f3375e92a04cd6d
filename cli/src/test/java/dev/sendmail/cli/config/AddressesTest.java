package dev.sendmail.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Mailbox;
import dev.sendmail.config.Aliases;
import dev.sendmail.cli.options.ValueChecks;
import dev.sendmail.cli.output.CliException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressesTest {

    private static List<String> parse(String s) throws CliException {
        return Addresses.parseList("recipient", s).stream().map(Mailbox::address).toList();
    }

    @Test
    void formsSendmailAcceptsAsRecipientArguments() throws CliException {
        assertEquals(List.of("bob@b.test"), parse("bob@b.test"));
        assertEquals(List.of("bob@b.test"), parse("<bob@b.test>"));
        assertEquals(List.of("bob@b.test"), parse("Bob Example <bob@b.test>"));
        assertEquals(List.of("bob@b.test", "carol@c.test"), parse("bob@b.test, \"Carol, C.\" <carol@c.test>"));
        assertEquals(List.of("a@a.test", "b@b.test"), parse("Team: a@a.test, b@b.test;"));
        assertEquals(List.of(), parse("undisclosed-recipients:;"));
        assertEquals(List.of("x@[192.0.2.1]"), parse("x@[192.0.2.1]"));
        assertEquals(List.of("x@[IPv6:2001:db8::1]"), parse("x@[IPv6:2001:db8::1]"));
        assertEquals(List.of("x@[IPv6:2001:db8::1]"), parse("X <x@[IPv6:2001:db8::1]>"));
        assertEquals(List.of("bob@b.test"), parse("bob@b.test (comment)"));
        assertEquals(List.of(), parse("   "));
    }

    @Test
    void badAddressesAreDataErrors() {
        for (String bad : new String[] {"bob", "bob@", "@b.test", "bob@b.test\r\nRCPT TO:<x@x>", "a@b\u0000.test",
                "Bob <bob@b.test", "a b@c.test", "bob@-b.test"}) {
            CliException e = assertThrows(CliException.class, () -> parse(bad), bad);
            assertEquals(65, e.exitCode(), bad);
            assertEquals(-1, ValueChecks.firstControl(e.getMessage()), "one printable line: " + e.getMessage());
        }
    }

    @Test
    void localNamesInArgumentsAndHeadersAreExpanded() throws Exception {
        Aliases a = Aliases.parse("a", "root: admin@example.test, ops@example.test\n");
        assertEquals(List.of("admin@example.test", "ops@example.test", "bob@b.test"),
                Addresses.parseList("recipient", "root, bob@b.test", a).stream().map(Mailbox::address).toList());
        assertEquals(List.of("admin@example.test", "ops@example.test"),
                Addresses.parseList("recipient", "root", a).stream().map(Mailbox::address).toList());
        CliException e = assertThrows(CliException.class, () -> Addresses.parseList("recipient", "nobody", a));
        assertEquals("recipient: nobody has no domain and no entry in the aliases file", e.getMessage());
        e = assertThrows(CliException.class, () -> Addresses.parseList("recipient", "root"));
        assertEquals(65, e.exitCode());
        assertTrue(e.getMessage().contains("'aliases FILE'"), e.getMessage());
    }
}
