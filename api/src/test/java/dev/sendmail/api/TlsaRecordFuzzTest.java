package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The TLSA presentation-form parser: hostile cases by hand, then seeded random inputs that must either parse into a
 * record whose printed form parses back to the same record, or fail with IllegalArgumentException and one line.
 */
class TlsaRecordFuzzTest {

    private static final long SEED = 0x7157_A2026L;
    private static final String ALPHABET = "0123 4 56789abcdefABCDEF\t\r\n\u0000-+xg.;\u00e9";

    @Test
    void parsesAndPrintsTheZoneFileForm() {
        TlsaRecord r = TlsaRecord.parse(" 3 1 1 AB" + "cd".repeat(31) + " ");
        assertEquals(3, r.usage());
        assertEquals(1, r.selector());
        assertEquals(1, r.matchingType());
        assertEquals("3 1 1 ab" + "cd".repeat(31), r.toString());
        assertTrue(r.isUsableForSmtp());
        assertEquals(r, TlsaRecord.parse("3 1 1 ab" + "cd".repeat(15) + " " + "cd".repeat(16)));
    }

    @Test
    void hostileCasesFailWithOneLine() {
        for (String bad : List.of("", "3 1 1", "3 1 1 abc", "256 1 1 ab", "3 -1 1 ab", "3 1 1 zz", "x 1 1 ab",
                "3 1 1 ab\ncd", "0003 1 1 ab", "3 1 1 " + "ab".repeat(TlsaRecord.MAX_DATA + 1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsaRecord.parse(bad),
                    bad);
            assertTrue(!e.getMessage().contains("\n") && !e.getMessage().contains("\r"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> TlsaRecord.parse(null));
    }

    @Test
    void digestsOfTheWrongLengthAndUnknownTypesAreUnusable() {
        assertTrue(!TlsaRecord.parse("3 1 1 " + "ab".repeat(31)).isUsableForSmtp());
        assertTrue(!TlsaRecord.parse("3 1 2 " + "ab".repeat(32)).isUsableForSmtp());
        assertTrue(!TlsaRecord.parse("3 2 0 ab").isUsableForSmtp());
        assertTrue(!TlsaRecord.parse("3 1 3 ab").isUsableForSmtp());
        assertTrue(!TlsaRecord.parse("4 1 0 ab").isUsableForSmtp());
        assertTrue(TlsaRecord.parse("2 0 0 ab").isUsableForSmtp());
    }

    @Test
    void randomInputsParseToRoundTrippingRecordsOrFailWithOneLine() {
        Random random = new Random(SEED);
        int accepted = 0;
        for (int i = 0; i < 30_000; i++) {
            String input = randomInput(random);
            try {
                TlsaRecord r = TlsaRecord.parse(input);
                accepted++;
                assertEquals(r, TlsaRecord.parse(r.toString()), "seed " + SEED + " case " + i + ": " + input);
                assertTrue(r.usage() <= 255 && r.selector() <= 255 && r.matchingType() <= 255);
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                assertTrue(m != null && !m.contains("\n") && !m.contains("\r"),
                        "seed " + SEED + " case " + i + ": one line: " + m);
            }
        }
        assertTrue(accepted > 100, "the generator must also produce valid records, got " + accepted);
    }

    private static String randomInput(Random random) {
        if (random.nextInt(3) > 0) {
            StringBuilder sb = new StringBuilder();
            sb.append(random.nextInt(5)).append(' ').append(random.nextInt(3)).append(' ').append(random.nextInt(4))
                    .append(' ');
            int len = random.nextInt(70);
            for (int j = 0; j < len; j++) {
                sb.append("0123456789abcdef".charAt(random.nextInt(16)));
            }
            if (random.nextInt(4) == 0) {
                sb.insert(random.nextInt(sb.length()), ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            return sb.toString();
        }
        int len = random.nextInt(40);
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < len; j++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
