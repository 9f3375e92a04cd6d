package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs for the mailbox parser: it either returns a mailbox whose wire form is safe to put in
 * an SMTP command, or throws IllegalArgumentException with a one-line message. Nothing else.
 */
class MailboxFuzzTest {

    private static final long SEED = 0x5E4D_2026L;
    private static final String ALPHABET = "aZ09.-+_@\"\\[]:<> ()\r\n\t\u0000\u007f\u0085\u010d\u010a\u2028\u00e9\u4e2d";

    @Test
    void randomInputsOnlyProduceSafeMailboxesOrOneLineErrors() {
        Random random = new Random(SEED);
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            String input = randomInput(random);
            try {
                Mailbox m = Mailbox.parse(input);
                accepted++;
                String wire = m.address();
                for (int c = 0; c < wire.length(); c++) {
                    char ch = wire.charAt(c);
                    int low = ch & 0xFF;
                    if (ch < 0x20 || ch == 0x7F || low == '\r' || low == '\n') {
                        fail("seed " + SEED + " case " + i + ": unsafe character in " + wire);
                    }
                }
                assertTrue(wire.length() <= 254 + 2, "seed " + SEED + " case " + i);
                assertEquals(m, Mailbox.parse(wire), "parsing the wire form gives the same mailbox: " + wire);
            } catch (IllegalArgumentException e) {
                String msg = e.getMessage();
                assertTrue(msg != null && !msg.contains("\r") && !msg.contains("\n"),
                        "seed " + SEED + " case " + i + ": message must be one line: " + msg);
            }
        }
        assertTrue(accepted > 100, "the generator must also produce valid addresses, got " + accepted);
    }

    private static String randomInput(Random random) {
        if (random.nextInt(3) == 0) {
            // mostly-valid shape with one mutation
            StringBuilder sb = new StringBuilder("user" + random.nextInt(100) + "@host" + random.nextInt(100) + ".test");
            int pos = random.nextInt(sb.length());
            if (random.nextBoolean()) {
                sb.insert(pos, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            return sb.toString();
        }
        int len = random.nextInt(40);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
