package dev.sendmail.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake server itself, driven by hand over a socket, so transport tests can trust what it records. */
class FakeSmtpServerTest {

    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(FakeSmtpServer server) throws IOException {
            socket = new Socket(server.address(), server.port());
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out = socket.getOutputStream();
        }

        /** Sends raw text and reads one complete reply (all its lines). */
        String send(String raw) throws IOException {
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return reply();
        }

        String reply() throws IOException {
            StringBuilder sb = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    return sb.append("EOF").toString();
                }
                sb.append(line).append('\n');
            } while (line.length() > 3 && line.charAt(3) == '-');
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void recordsCommandsWireOctetsAndUnstuffedContent() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().offer("DSN"));
             Client c = new Client(server)) {
            assertTrue(c.reply().startsWith("220 "));
            String ehlo = c.send("EHLO me\r\n");
            assertTrue(ehlo.contains("250-PIPELINING") && ehlo.endsWith("250 DSN\n"), ehlo);
            assertTrue(c.send("MAIL FROM:<a@x>\r\n").startsWith("250"));
            assertTrue(c.send("RCPT TO:<b@y>\r\n").startsWith("250"));
            assertTrue(c.send("DATA\r\n").startsWith("354"));
            assertTrue(c.send("..dot\r\nline\r\n.\r\n").startsWith("250 2.0.0"));
            ReceivedMessage m = server.messages().get(0);
            assertEquals("MAIL FROM:<a@x>", m.mailFrom());
            assertEquals(List.of("RCPT TO:<b@y>"), m.rcptTo());
            assertEquals("..dot\r\nline\r\n.\r\n", m.wireText());
            assertEquals(".dot\r\nline\r\n", m.contentText());
            assertTrue(c.send("QUIT\r\n").startsWith("221"));
            assertTrue(server.awaitIdle(Duration.ofSeconds(5)));
            assertEquals(List.of("EHLO me", "MAIL FROM:<a@x>", "RCPT TO:<b@y>", "DATA", "QUIT"),
                    server.session(0).lines());
        }
    }

    @Test
    void onceRulesFallThroughAndA421Closes() throws Exception {
        SmtpScript script = SmtpScript.accepting().once("MAIL", "451 4.3.0 later").on("RCPT TO:<x@", "421 4.3.2 bye");
        try (FakeSmtpServer server = FakeSmtpServer.start(script); Client c = new Client(server)) {
            c.reply();
            assertTrue(c.send("MAIL FROM:<a@x>\r\n").startsWith("451"));
            assertTrue(c.send("MAIL FROM:<a@x>\r\n").startsWith("250"));
            assertTrue(c.send("RCPT TO:<x@y>\r\n").startsWith("421"));
            assertEquals("EOF", c.reply());
            assertTrue(server.messages().isEmpty());
        }
    }

    @Test
    void pipelinedCommandsAreMarked() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting()); Client c = new Client(server)) {
            c.reply();
            c.out.write("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII));
            c.out.flush();
            c.reply();
            c.reply();
            assertTrue(c.reply().startsWith("354"));
            List<ReceivedSession.Command> cmds = server.session(0).commands();
            assertTrue(cmds.get(0).pipelined());
            assertFalse(cmds.get(2).pipelined());
        }
    }

    @Test
    void bdatIsCountedNotStuffed() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().offer("CHUNKING"));
             Client c = new Client(server)) {
            c.reply();
            c.send("MAIL FROM:<a@x>\r\n");
            c.send("RCPT TO:<b@y>\r\n");
            assertTrue(c.send("BDAT 4\r\n.a\r\n").startsWith("250"));
            assertTrue(c.send("BDAT 3 LAST\r\nb\r\n").startsWith("250"));
            ReceivedMessage m = server.messages().get(0);
            assertTrue(m.bdat());
            assertEquals(".a\r\nb\r\n", m.wireText());
        }
    }
}
