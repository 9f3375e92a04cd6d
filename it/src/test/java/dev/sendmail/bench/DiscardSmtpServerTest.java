package dev.sendmail.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiscardSmtpServerTest {

    /** Reads reply lines until {@code finals} complete replies (a line with a space after the code) arrived. */
    private static List<String> replies(InputStream in, int finals) throws IOException {
        List<String> out = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int done = 0;
        while (done < finals) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("EOF after " + out);
            }
            if (c == '\n') {
                String s = line.toString(StandardCharsets.US_ASCII).stripTrailing();
                out.add(s);
                if (s.length() >= 4 && s.charAt(3) == ' ') {
                    done++;
                }
                line.reset();
            } else {
                line.write(c);
            }
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code data} in pieces of random length (1 to 7 octets), flushing each. */
    private static void dribble(OutputStream out, byte[] data, Random r) throws IOException {
        for (int i = 0; i < data.length; ) {
            int n = Math.min(data.length - i, 1 + r.nextInt(7));
            out.write(data, i, n);
            out.flush();
            i += n;
        }
    }

    @Test
    void findsTheEndOfDataWhereverTheReadsSplitIt() throws Exception {
        long seed = 20261128L;
        Random r = new Random(seed);
        try (DiscardSmtpServer server = DiscardSmtpServer.start();
             Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true); // dribbled writes would otherwise wait for delayed ACKs
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            assertTrue(replies(in, 1).get(0).startsWith("220"));
            out.write(ascii("EHLO test\r\n"));
            assertTrue(replies(in, 1).contains("250-PIPELINING"));
            // bodies with near-misses of the terminator; each is dot-stuffed as a client would send it
            String[] bodies = {"", "x\r\n", "..\r\n", ".x\r\n", "a\r\n.\rb\r\n", "a\r\n..\r\n\r\n", "\r\n\r\n",
                "line\r\n.\r.\r\n"};
            int sent = 0;
            for (int round = 0; round < 40; round++) {
                String body = bodies[round % bodies.length];
                if (round >= bodies.length) {
                    StringBuilder b = new StringBuilder();
                    for (int i = r.nextInt(200); i > 0; i--) {
                        b.append("ab.\r\n".charAt(r.nextInt(5)));
                    }
                    body = b.toString().replace("\r\n.", "\r\n..");
                    if (body.startsWith(".")) {
                        body = "." + body;
                    }
                    if (!body.isEmpty() && !body.endsWith("\r\n")) {
                        body += "\r\n";
                    }
                    if (body.contains("\r\n.\r\n") || body.startsWith(".\r\n")) {
                        continue; // stuffing makes these impossible; the generator above is crude
                    }
                }
                dribble(out, ascii("MAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n"), r);
                List<String> pipelined = replies(in, 3);
                assertTrue(pipelined.get(2).startsWith("354"), "seed " + seed + ": " + pipelined);
                dribble(out, ascii(body + ".\r\n"), r);
                List<String> last = replies(in, 1);
                assertTrue(last.get(0).startsWith("250"), "seed " + seed + " round " + round + ": " + last);
                sent++;
            }
            // the next command in the same write as the final dot is kept, not swallowed
            out.write(ascii("MAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n"));
            out.flush();
            replies(in, 3);
            out.write(ascii("hello\r\n.\r\nQUIT\r\n"));
            out.flush();
            List<String> end = replies(in, 2);
            assertTrue(end.get(0).startsWith("250") && end.get(1).startsWith("221"), end.toString());
            sent++;
            assertEquals(sent, server.messages(), "seed " + seed);
        }
    }
}
