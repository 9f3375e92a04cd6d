package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandWriterTest {

    @Test
    void aSecretLineIsWrittenAsOctetsAndTheBufferIsWipedAfterwards() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandWriter w = new CommandWriter(CommandWriter.of(out));
        w.secretCommand("AUTH PLAIN ", "AHVAAHB3".getBytes(StandardCharsets.US_ASCII));
        w.flush();
        assertEquals("AUTH PLAIN AHVAAHB3\r\n", out.toString(StandardCharsets.US_ASCII));
        w.wipe();
        Field f = CommandWriter.class.getDeclaredField("buf");
        f.setAccessible(true);
        byte[] buf = (byte[]) f.get(w);
        for (byte b : buf) {
            assertEquals(0, b, "nothing of the secret stays in the buffer");
        }
    }

    @Test
    void aSecretWithALineBreakIsRefused() {
        CommandWriter w = new CommandWriter(CommandWriter.of(new ByteArrayOutputStream()));
        assertThrows(CommandWriter.UnsafeCommandException.class,
                () -> w.secretCommand("", "abc\r\nMAIL FROM:<x>".getBytes(StandardCharsets.US_ASCII)));
    }
}
