package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
}
