package dev.sendmail.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.MessageContent;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A 100 MB message signs in a JVM with a 64 MB heap: the body is streamed through the hash, never held. */
class HugeMessageSigningTest {

    static final long BODY = 100L * 1024 * 1024;

    @Test
    void hundredMegabytesSignWithA64MegabyteHeap() throws Exception {
        List<String> cp = new ArrayList<>();
        for (String p : new String[] {"java.class.path", "jdk.module.path"}) {
            String v = System.getProperty(p);
            if (v != null && !v.isEmpty()) {
                cp.add(v);
            }
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", String.join(File.pathSeparator, cp), Main.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.startsWith("signed, then read " + (BODY + Main.HEADERS.length()) + " octets after the field"),
                out);
    }

    /** Runs in the 64 MB JVM: signs a generated message of {@link #BODY} octets and reads the result back. */
    public static final class Main {
        static final String HEADERS = "From: a@example.org\r\nTo: b@example.org\r\nSubject: big\r\n\r\n";

        public static void main(String[] args) throws Exception {
            MessageContent big = new MessageContent() {
                @Override
                public InputStream open() {
                    return new Generated();
                }

                @Override
                public OptionalLong size() {
                    return OptionalLong.of(HEADERS.length() + BODY);
                }
            };
            DkimKey key = DkimKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
            MessageContent signed = DkimSigner.builder(key, "s", "example.org").build().sign(big);
            long total = 0;
            byte[] buf = new byte[65536];
            try (InputStream in = signed.open()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                }
            }
            long field = signed.size().getAsLong() - big.size().getAsLong();
            System.out.println("signed, then read " + (total - field) + " octets after the field");
        }
    }

    /** The headers, then lines of 76 letters and CRLF up to {@link #BODY} octets of body, made as read. */
    static final class Generated extends InputStream {
        private final byte[] head = Main.HEADERS.getBytes(StandardCharsets.US_ASCII);
        private long pos;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long end = head.length + BODY;
            if (pos >= end) {
                return -1;
            }
            int n = (int) Math.min(len, end - pos);
            for (int i = 0; i < n; i++, pos++) {
                if (pos < head.length) {
                    b[off + i] = head[(int) pos];
                } else {
                    long col = (pos - head.length) % 78;
                    b[off + i] = col == 76 ? (byte) '\r' : col == 77 ? (byte) '\n' : (byte) ('a' + col % 26);
                }
            }
            return n;
        }
    }
}
