package dev.sendmail.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeaderFromTest {

    private static Optional<String> from(String message) throws IOException {
        return HeaderFrom.of(MessageContent.of(message)).map(Mailbox::address);
    }

    @Test
    void theSingleFromAddressOfTheHeaderSection() throws IOException {
        assertEquals(Optional.of("alice@a.test"), from("To: b@b.test\r\nFROM: Alice <alice@a.test>\r\n\r\nbody\r\n"));
        assertEquals(Optional.of("alice@a.test"), from("From: \"Alice\n\tA.\"\n <alice@a.test>\nTo: b@b.test\n\n"),
                "folded over lines");
        assertEquals(Optional.of("alice@a.test"), from("From: alice@a.test"), "no line end, no body");
    }

    @Test
    void noneWhenThereIsNoSingleFromAddressInTheHeaderSection() throws IOException {
        assertEquals(Optional.empty(), from("To: b@b.test\n\nFrom: mallory@m.test\n"), "a From line in the body");
        assertEquals(Optional.empty(), from("From: a@a.test\nFrom: c@c.test\n\n"), "two From fields");
        assertEquals(Optional.empty(), from("From: a@a.test, c@c.test\n\n"), "two addresses");
        assertEquals(Optional.empty(), from("not a field\nFrom: a@a.test\n\n"), "the body starts at a non-field");
        assertEquals(Optional.empty(), from(""));
        assertEquals(Optional.empty(), from("X-Big: " + "x".repeat((1 << 20)) + "\nFrom: a@a.test\n"),
                "over the bound");
    }
}
