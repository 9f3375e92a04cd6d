package dev.sendmail.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded random input for the spool, which reads untrusted text: it gives back exactly what it read. */
class MessageSpoolFuzzTest {

    /**
     * An independent model of the spool for LF-only input without a leading From_ line: header fields and their
     * continuation lines pass unchanged; the first line that is neither (or longer than 1024 octets) ends the
     * header section, and an empty line is inserted before it unless it is the empty line itself. A field cut off
     * by the end of input gets its line ending, and a header section that reaches the end of input gets its empty line.
     */
    private static String model(String in) {
        StringBuilder out = new StringBuilder();
        boolean header = true;
        boolean fields = false;
        int i = 0;
        while (i < in.length()) {
            int nl = in.indexOf('\n', i);
            String line = nl < 0 ? in.substring(i) : in.substring(i, nl + 1);
            i += line.length();
            String text = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            if (header) {
                if (text.isEmpty()) {
                    header = false;
                } else if (text.length() <= 1024 && (text.matches("(?s)[!-9;-~]+[ \t]*:.*")
                        || (fields && (text.startsWith(" ") || text.startsWith("\t"))))) {
                    fields = true;
                } else {
                    header = false;
                    if (fields) {
                        out.append('\n');
                    }
                }
            }
            out.append(line);
            if (header && nl < 0) {
                out.append('\n'); // a field cut off by the end of input is terminated
            }
        }
        if (header && fields) {
            out.append('\n'); // a header section without body still ends with an empty line
        }
        return out.toString();
    }

    @Test
    void spoolMatchesAnIndependentModel(@TempDir Path dir) throws Exception {
        Random r = new Random(42);
        String alphabet = "ab: \t\n.>F\u0000\u00ff";
        int changed = 0;
        for (int i = 0; i < 800; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(3000);
            while (sb.length() < n) {
                int kind = r.nextInt(10);
                if (kind == 0) {
                    sb.append("X-H").append(r.nextInt(9)).append(r.nextBoolean() ? ": v" : " : v");
                } else if (kind == 1) {
                    sb.append("a".repeat(r.nextInt(1500)));
                } else {
                    sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
            }
            String input = sb.toString();
            if (input.startsWith("From ")) {
                continue;
            }
            byte[] in = input.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            try (SpooledMessage m = MessageSpool.spool(new ByteArrayInputStream(in), false, dir);
                 InputStream back = m.content().open()) {
                String output = new String(back.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                String expected = model(input);
                if (!expected.equals(output)) {
                    int d = 0;
                    while (d < expected.length() && d < output.length() && expected.charAt(d) == output.charAt(d)) {
                        d++;
                    }
                    String around = input.substring(0, Math.min(input.length(), d + 10)).replaceAll("a{5,}", "<a*>")
                            + " | output " + output.substring(Math.max(0, d - 10), Math.min(output.length(), d + 10))
                            .replaceAll("a{5,}", "<a*>");
                    assertEquals(expected, output, "input " + i + " differs at " + d + " near "
                            + around.replace("\n", "\\n").replace("\t", "\\t").replace("\u0000", "\\0"));
                }
                changed += output.equals(input) ? 0 : 1;
            }
        }
        assertTrue(changed > 10, "the generator reaches the separator insertion: " + changed);
    }
}
