package dev.sendmail.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process SMTP server for the JMH benchmarks that accepts everything and throws it away, as fast as it
 * can: smtp-sink parses the DATA stream line by line and becomes the bottleneck above ~100 MB/s, which would
 * hide the client's own speed. It offers PIPELINING, 8BITMIME and SIZE (no CHUNKING, so the client takes its
 * DATA path with dot-stuffing), answers pipelined commands in order, and counts the messages it accepted so a
 * benchmark can check that nothing was lost. Loopback only, port chosen by the system, daemon threads.
 */
final class DiscardSmtpServer implements Closeable {

    private static final int MAX_LINE = 4096;
    private static final byte[] EHLO = ("250-discard\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SIZE 0\r\n"
            + "250 ENHANCEDSTATUSCODES\r\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final AtomicLong messages = new AtomicLong();

    private DiscardSmtpServer(ServerSocket server) {
        this.server = server;
    }

    static DiscardSmtpServer start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        DiscardSmtpServer d = new DiscardSmtpServer(s);
        Thread t = new Thread(d::acceptLoop, "discard-smtp-accept");
        t.setDaemon(true);
        t.start();
        return d;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Messages accepted (final dot answered with 250) so far. */
    long messages() {
        return messages.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "discard-smtp-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            new Session(socket.getInputStream(), socket.getOutputStream()).run();
        } catch (IOException e) {
            // the client went away: nothing to report in a benchmark sink
        }
    }

    /** One connection: a read buffer with its own line reader, so the bytes after the final dot are kept. */
    private final class Session {
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;

        Session(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        void run() throws IOException {
            reply("220 discard ESMTP\r\n");
            while (true) {
                String line = readLine();
                if (line == null) {
                    return;
                }
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO" -> write(EHLO);
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply("250 2.0.0 Ok\r\n");
                    case "DATA" -> {
                        reply("354 End data with <CR><LF>.<CR><LF>\r\n");
                        if (!discardData()) {
                            return;
                        }
                        messages.incrementAndGet();
                        reply("250 2.0.0 Ok: discarded\r\n");
                    }
                    case "QUIT" -> {
                        reply("221 2.0.0 Bye\r\n");
                        return;
                    }
                    default -> reply("502 5.5.2 Command not recognized\r\n");
                }
            }
        }

        private void reply(String text) throws IOException {
            write(text.getBytes(StandardCharsets.US_ASCII));
        }

        private void write(byte[] b) throws IOException {
            out.write(b);
            out.flush();
        }

        /** A command line without its line ending, or null at end of stream. */
        private String readLine() throws IOException {
            while (true) {
                for (int i = pos; i < limit; i++) {
                    if (buf[i] == '\n') {
                        int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                        String s = new String(buf, pos, end - pos, StandardCharsets.US_ASCII);
                        pos = i + 1;
                        return s;
                    }
                }
                if (limit - pos > MAX_LINE) {
                    throw new IOException("command line too long");
                }
                if (!fill()) {
                    return null;
                }
            }
        }

        /**
         * Skips the message up to and including CRLF.CRLF, with a Horspool search for that pattern (most octets
         * of a body are letters, so it looks at about one octet in five). The CRLF that ended the DATA command
         * counts as the start of the pattern, so an empty message ({@code .CRLF} at once) is found too. Returns
         * false at end of stream.
         */
        private boolean discardData() throws IOException {
            int from = pos >= 2 && buf[pos - 2] == '\r' && buf[pos - 1] == '\n' ? pos - 2 : pos;
            while (true) {
                byte[] b = buf;
                int i = from;
                int last = limit - 5;
                while (i <= last) {
                    byte c = b[i + 4];
                    if (c == '\n' && b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '.' && b[i + 3] == '\r') {
                        pos = i + 5;
                        return true;
                    }
                    i += c == '\r' ? 1 : c == '.' ? 2 : c == '\n' ? 3 : 5;
                }
                // keep the last four octets: the pattern may straddle two reads
                pos = Math.max(from, limit - 4);
                if (!fill()) {
                    return false;
                }
                from = 0;
            }
        }

        private boolean fill() throws IOException {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                return false;
            }
            limit += n;
            return true;
        }
    }
}
