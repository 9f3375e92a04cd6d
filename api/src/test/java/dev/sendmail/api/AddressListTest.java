package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AddressListTest {

    private static final Function<String, List<Mailbox>> NO_LOCAL_NAMES = name -> {
        throw new IllegalArgumentException(name + " has no domain");
    };

    private static List<String> parse(String s) {
        return AddressList.parse("recipient", s, NO_LOCAL_NAMES).mailboxes().stream().map(Mailbox::address).toList();
    }

    @Test
    void formsSendmailAcceptsAsRecipientArguments() {
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
        assertEquals(List.of("bob@b.test"), parse("\tbob@b.test"), "a tab is white space");
        assertEquals(List.of(), parse("   "));
    }

    @Test
    void badAddressesAreOneLineNamingTheValue() {
        for (String bad : new String[] {"bob", "bob@", "@b.test", "bob@b.test\r\nRCPT TO:<x@x>", "a@b\u0000.test",
                "Bob <bob@b.test", "a b@c.test", "bob@-b.test", "a@a.test, <b@b.test\n>"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(bad), bad);
            assertEquals(true, e.getMessage().startsWith("recipient"), e.getMessage());
            assertEquals(-1, e.getMessage().chars().filter(c -> c < 0x20).findFirst().orElse(-1),
                    "one printable line: " + e.getMessage());
        }
        assertEquals("recipient: bob has no domain", assertThrows(IllegalArgumentException.class,
                () -> parse("Bob <bob>")).getMessage());
    }

    @Test
    void displayNamesAreKeptForAddressesGivenWithOne() {
        AddressList l = AddressList.parse("--to", "Bob <bob@b.test>, carol@c.test, \"Zoë Z.\" <zoe@z.test>, "
                + "Other <bob@b.test>, Root <root>", name -> List.of(Mailbox.parse("admin@a.test")));
        assertEquals(List.of("bob@b.test", "carol@c.test", "zoe@z.test", "bob@b.test", "admin@a.test"),
                l.mailboxes().stream().map(Mailbox::address).toList());
        assertEquals(Map.of(Mailbox.parse("bob@b.test"), "Bob", Mailbox.parse("zoe@z.test"), "Zoë Z."),
                l.displayNames(), "the first name of a mailbox named twice; none for a local name's addresses");
    }

    @Test
    void localNamesAreReplacedByTheirAddresses() {
        Function<String, List<Mailbox>> aliases = name -> name.equals("root")
                ? List.of(Mailbox.parse("admin@example.test"), Mailbox.parse("ops@example.test"))
                : NO_LOCAL_NAMES.apply(name);
        assertEquals(List.of("admin@example.test", "ops@example.test", "bob@b.test"),
                AddressList.parse("recipient", "root, bob@b.test", aliases).mailboxes().stream()
                        .map(Mailbox::address).toList());
        assertEquals(List.of("admin@example.test", "ops@example.test"),
                AddressList.parse("recipient", "root", aliases).mailboxes().stream().map(Mailbox::address).toList());
        assertEquals("recipient: nobody has no domain", assertThrows(IllegalArgumentException.class,
                () -> AddressList.parse("recipient", "nobody", aliases)).getMessage());
    }

    @Test
    void repeatedValuesJoinInOrderAndAMailboxKeepsItsFirstDisplayName() {
        AddressList l = AddressList.parse("--to", List.of("Bob <bob@b.test>, c@c.test", "", "Robert <bob@b.test>",
                "Dan <d@d.test>"), NO_LOCAL_NAMES);
        assertEquals(List.of("bob@b.test", "c@c.test", "bob@b.test", "d@d.test"),
                l.mailboxes().stream().map(Mailbox::address).toList());
        assertEquals(Map.of(Mailbox.parse("bob@b.test"), "Bob", Mailbox.parse("d@d.test"), "Dan"), l.displayNames());
        AddressList joined = l.and(AddressList.parse("--cc", "Other <c@c.test>", NO_LOCAL_NAMES));
        assertEquals("Other", joined.displayNames().get(Mailbox.parse("c@c.test")));
        assertEquals(5, joined.mailboxes().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AddressList.parse("--to", List.of("a@a.test", "bad"), NO_LOCAL_NAMES));
        assertEquals("--to: bad has no domain", e.getMessage());
    }
}
