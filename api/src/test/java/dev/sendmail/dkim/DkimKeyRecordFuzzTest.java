package dev.sendmail.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random records for the DKIM key record parser: it returns a record whose {@code p=} decodes, or throws
 * DkimException with one line. Nothing else escapes, and a record it accepts reads the same when written back.
 */
class DkimKeyRecordFuzzTest {

    private static final long SEED = 0xD1C1_4E75L;
    private static final String[] PIECES = {"v=DKIM1", "k=rsa", "k=ed25519", "p=", "p=YWJj", "p=YW Jj", "h=sha256",
        "h=sha1:sha256", "s=email", "s=*", "t=y", "t=y:s", "n=note", "x=1", ";", "; ", " ", "\t", "\r\n ", "=", ":",
        "v=DKIM2", "p=@@", "k", "\u0000", "\u00ff", "v=DKIM1;p=", "==", "p=YWJjZA=="};

    @Test
    void randomRecordsParseOrFailInOneLine() {
        Random random = new Random(SEED);
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(8);
            for (int j = 0; j < n; j++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
                if (random.nextInt(3) > 0) {
                    sb.append("; ");
                }
            }
            if (random.nextInt(10) == 0) {
                sb.insert(random.nextInt(sb.length() + 1), (char) random.nextInt(0x100));
            }
            String text = sb.toString();
            try {
                DkimKeyRecord r = DkimKeyRecord.parse(text);
                accepted++;
                Base64.getDecoder().decode(r.publicKey());
                String again = "k=" + r.keyType() + "; p=" + r.publicKey()
                        + (r.flags().isEmpty() ? "" : "; t=" + String.join(":", r.flags()))
                        + (r.hashAlgorithms().isEmpty() ? "" : "; h=" + String.join(":", r.hashAlgorithms()))
                        + "; s=" + String.join(":", r.serviceTypes());
                assertEquals(r, DkimKeyRecord.parse(again), "seed " + SEED + " case " + i + ": " + text);
            } catch (DkimException e) {
                String m = e.getMessage();
                assertTrue(m != null && !m.contains("\r") && !m.contains("\n") && m.length() < 200,
                        "seed " + SEED + " case " + i + ": one short line: " + m);
            } catch (RuntimeException e) {
                fail("seed " + SEED + " case " + i + ": " + e + " for " + text);
            }
        }
        assertTrue(accepted > 500, "the generator must also produce valid records, got " + accepted);
    }
}
