package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Message.Builder#signer}: signed once, when first opened; the same octets every time after. */
class MessageSignerTest {

    @Test
    void contentIsSignedOnceOnFirstOpenAndStaysTheSame() throws IOException {
        int[] calls = {0};
        MessageSigner signer = c -> {
            calls[0]++;
            return MessageContent.of("X-Signed: " + calls[0] + "\r\n"
                    + new String(c.open().readAllBytes(), StandardCharsets.UTF_8));
        };
        Message m = Message.builder().from("a@example.org").to("b@example.org").subject("hi").text("body")
                .signer(signer).build();
        assertEquals(0, calls[0], "build() reads nothing");
        String first = new String(m.content().open().readAllBytes(), StandardCharsets.UTF_8);
        String second = new String(m.content().open().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, calls[0]);
        assertEquals(first, second);
        assertTrue(first.startsWith("X-Signed: 1\r\nFrom: a@example.org\r\n") || first.startsWith("X-Signed: 1\r\n"),
                first);
        assertTrue(first.contains("\r\nSubject: hi\r\n"), first);
        assertEquals(first.length(), m.content().size().getAsLong());
    }

    @Test
    void aSignerFailureSurfacesWhenTheContentIsOpened() {
        Message m = Message.builder().from("a@example.org").to("b@example.org").text("body")
                .signer(c -> {
                    throw new IOException("no key");
                }).build();
        assertEquals("no key", assertThrows(IOException.class, () -> m.content().open()).getMessage());
    }
}
