package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeaderBlockTest {

    private static HeaderBlock.Field field(String name, String raw) {
        return new HeaderBlock.Field(name, raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void valuesAreUnfoldedPerFieldInOrderWhateverTheCaseOfTheName() {
        HeaderBlock h = new HeaderBlock(List.of(
                field("to", "To: a@a.test,\r\n\tb@b.test\r\n"),
                field("subject", "Subject: time: 12:00 \r\n"),
                field("to", "TO:c@c.test\n"),
                field("from", "From : Jörg <j@example.test>\r\n"),
                field("cc", "Cc:\r\n d@d.test\r\n")), "\r\n");
        assertEquals(List.of("a@a.test,\tb@b.test", "c@c.test"), h.values("To"));
        assertEquals(List.of("time: 12:00"), h.values("subject"));
        assertEquals(List.of("Jörg <j@example.test>"), h.values("FROM"));
        assertEquals(List.of("d@d.test"), h.values("cc"));
        assertEquals(List.of(), h.values("bcc"));
    }

    private static Optional<String> from(String message) throws IOException {
        return HeaderBlock.readSingleFrom(MessageContent.of(message)).map(Mailbox::address);
    }

    @Test
    void theSingleFromAddressOfTheHeaderSection() throws IOException {
        assertEquals(Optional.of("alice@a.test"), from("To: b@b.test\r\nFROM: Alice <alice@a.test>\r\n\r\nbody\r\n"));
        assertEquals(Optional.of("alice@a.test"), from("From: \"Alice\n\tA.\"\n <alice@a.test>\nTo: b@b.test\n\n"),
                "folded over lines");
        assertEquals(Optional.of("alice@a.test"), from("From: alice@a.test"), "no line end, no body");
        assertEquals(Optional.of("b@b.test"), from("From: Team: b@b.test;\n\n"), "a group of one");
    }

    @Test
    void noSingleFromWhenThereIsNoSingleFromAddressInTheHeaderSection() throws IOException {
        assertEquals(Optional.empty(), from("To: b@b.test\n\nFrom: mallory@m.test\n"), "a From line in the body");
        assertEquals(Optional.empty(), from("From: a@a.test\nFrom: c@c.test\n\n"), "two From fields");
        assertEquals(Optional.empty(), from("From: a@a.test, c@c.test\n\n"), "two addresses");
        assertEquals(Optional.empty(), from("From: root\n\n"), "a local name");
        assertEquals(Optional.empty(), from("From: Root <root>\n\n"), "a local name in brackets");
        assertEquals(Optional.empty(), from("From: <a@@a.test>\n\n"), "no valid address");
        assertEquals(Optional.empty(), from("not a field\nFrom: a@a.test\n\n"), "the body starts at a non-field");
        assertEquals(Optional.empty(), from(""));
        assertEquals(Optional.empty(), from("X-Big: " + "x".repeat((1 << 20)) + "\nFrom: a@a.test\n"),
                "over the bound");
    }

    @Test
    void aPeekAtTheFromFieldLeavesTheWholeMessageToRead() throws IOException {
        String message = "From: Alice <alice@a.test>\nTo: b@b.test\n\n" + "body line\n".repeat(100_000);
        BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(
                message.getBytes(StandardCharsets.UTF_8)), 64 * 1024);
        assertEquals(Optional.of("alice@a.test"), HeaderBlock.peekSingleFrom(in).map(Mailbox::address));
        assertEquals(message, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        BufferedInputStream big = new BufferedInputStream(new ByteArrayInputStream(
                ("X-Big: " + "x".repeat(1 << 20) + "\nFrom: a@a.test\n\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), HeaderBlock.peekSingleFrom(big), "over the bound");
        assertTrue(new String(big.readAllBytes(), StandardCharsets.UTF_8).startsWith("X-Big: xxx"));
    }

    @Test
    void addressPartsSkipDisplayNamesQuotesAndComments() {
        assertEquals(List.of("a@a.test", "b@b.test", "c@c.test", "d@d.test"), HeaderParser.addressParts(
                "\"Ünal, A.\" <a@a.test>, Bö (für) <b@b.test>, c@c.test (Çomment), Team: d@d.test;"));
    }

    private static HeaderBlock header(String text) throws IOException {
        return HeaderBlock.read(MessageContent.of(text));
    }

    @Test
    void aUtf8AddressInAnAddressFieldIsFoundAndAUtf8NameIsNot() throws IOException {
        assertFalse(header("From: Jürgen <j@a.test>\nSubject: Grüße\nTo: bob@b.test\n\nb\n").namesUtf8Address());
        assertFalse(header("From: j@a.test\nX-Note: jürgen@b.test\n\nb\n").namesUtf8Address(), "not an address field");
        assertTrue(header("From: j@a.test\nCc: Jürgen <jürgen@b.test>\n\nb\n").namesUtf8Address());
        assertTrue(header("From: j@a.test\nReply-To: info@bücher.test\n\nb\n").namesUtf8Address());
        assertTrue(header("From: j@a.test\nResent-Bcc: (x) ü@b.test\n\nb\n").namesUtf8Address());
    }

    @Test
    void theFirstSenderIsTheSenderFieldsFirstAddressElseTheFromFields() throws IOException {
        assertEquals(Optional.of("s@s.test"), header("From: a@a.test\nSender: S <s@s.test>, t@t.test\n\n")
                .firstSender().map(Mailbox::address));
        assertEquals(Optional.of("a@a.test"), header("Sender: root\nFrom: A <a@a.test>\n\n").firstSender()
                .map(Mailbox::address), "a local name is passed over");
        assertEquals(Optional.of("c@c.test"), header("From: bad@@x, b@b.test\nFrom: Team: c@c.test;\n\n")
                .firstSender().map(Mailbox::address), "a value with a bad address is passed over as a whole");
        assertEquals(Optional.empty(), header("From:\nTo: a@a.test\n\n").firstSender());
    }

    @Test
    void theAddressesOfAFieldAreEveryMailboxOfEveryValueOrAnErrorNamingTheField() throws IOException {
        HeaderBlock h = header("X-Rcpt: a@a.test, B <b@b.test>\nx-rcpt: Team: c@c.test;\nTo: d@d.test\n\n");
        assertEquals(List.of("a@a.test", "b@b.test", "c@c.test"),
                h.addresses("X-Rcpt").stream().map(Mailbox::address).toList());
        assertEquals(List.of(), h.addresses("Cc"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> header("X-Rcpt: a@a.test, root\n\n").addresses("X-Rcpt"));
        assertEquals("X-Rcpt field: root has no domain", e.getMessage());
    }
}
