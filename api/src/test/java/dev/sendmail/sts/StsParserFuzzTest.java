package dev.sendmail.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs for the MTA-STS policy and TXT record parsers: each either returns a value that satisfies
 * the RFC's rules (patterns are host names, max_age in range, id alphanumeric) or throws
 * IllegalArgumentException with a one-line message. Nothing else escapes.
 */
class StsParserFuzzTest {

    private static final long SEED = 0x5757_2026L;
    private static final String[] POLICY_PIECES = {"version", "mode", "mx", "max_age", "x-ext", ":", ": ", "STSv1",
        "enforce", "testing", "none", "*.", "mail.example.org", "example.net", "86400", "31557601", "\n", "\r\n",
        "\r", " ", "\t", "\u0000", "\u00e9", "-", ".", "..", "9999999999", "\u2028"};
    private static final String[] RECORD_PIECES = {"v=STSv1", ";", "; ", "id=", "abc123", "=", " ", "\t", "x=y",
        "\u0000", "\u00e9", "id", "v=STSv2", "0123456789abcdef0123456789abcdef0"};

    @Test
    void policiesParseIntoValidValuesOrOneLineErrors() {
        Random random = new Random(SEED);
        int accepted = 0;
        for (int i = 0; i < 40_000; i++) {
            String text = i % 2 == 0 ? mutatedPolicy(random) : join(random, POLICY_PIECES, 30);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(10) == 0 && bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            try {
                StsPolicy p = StsPolicy.parse(bytes);
                accepted++;
                assertTrue(p.maxAge().getSeconds() >= 0 && p.maxAge().getSeconds() <= StsPolicy.MAX_AGE_SECONDS);
                assertTrue(p.mode() == StsMode.NONE || !p.mx().isEmpty());
                for (String pattern : p.mx()) {
                    String d = pattern.startsWith("*.") ? pattern.substring(2) : pattern;
                    assertTrue(StsPolicy.isDomain(d) && d.equals(d.toLowerCase(java.util.Locale.ROOT)), pattern);
                    if (!pattern.startsWith("*.")) {
                        assertTrue(p.allows(pattern), pattern);
                    }
                }
            } catch (IllegalArgumentException e) {
                oneLine(e, i);
            }
        }
        assertTrue(accepted > 200, "the generator must also produce valid policies, got " + accepted);
    }

    @Test
    void recordsParseIntoValidIdsOrOneLineErrors() {
        Random random = new Random(SEED + 1);
        int accepted = 0;
        for (int i = 0; i < 40_000; i++) {
            String text = i % 2 == 0 ? "v=STSv1; id=" + join(random, RECORD_PIECES, 4)
                    : join(random, RECORD_PIECES, 12);
            try {
                StsRecord r = StsRecord.select(List.of(text));
                accepted++;
                assertTrue(r.id().matches("[A-Za-z0-9]{1,32}"), r.id());
                assertEquals(r, StsRecord.parse("v=STSv1; id=" + r.id()));
            } catch (IllegalArgumentException e) {
                oneLine(e, i);
            }
        }
        assertTrue(accepted > 200, "the generator must also produce valid records, got " + accepted);
    }

    private static void oneLine(IllegalArgumentException e, int i) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0 || m.indexOf('\u0000') >= 0
                || m.indexOf('\u2028') >= 0 || m.length() > 300) {
            fail("seed " + SEED + " case " + i + ": not a one-line message: " + m);
        }
    }

    private static String mutatedPolicy(Random random) {
        StringBuilder sb = new StringBuilder("version: STSv1\nmode: " + (random.nextBoolean() ? "enforce" : "testing")
                + "\nmx: mx" + random.nextInt(9) + ".example.org\nmx: *.example.net\nmax_age: "
                + random.nextInt(100_000) + "\n");
        for (int k = random.nextInt(3); k > 0; k--) {
            int pos = random.nextInt(sb.length() + 1);
            sb.insert(pos, POLICY_PIECES[random.nextInt(POLICY_PIECES.length)]);
        }
        return sb.toString();
    }

    private static String join(Random random, String[] pieces, int max) {
        StringBuilder sb = new StringBuilder();
        for (int k = random.nextInt(max + 1); k > 0; k--) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }
}
