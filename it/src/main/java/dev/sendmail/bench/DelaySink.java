package dev.sendmail.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * An SMTP sink whose every reply leaves {@code --delay-ms} after the command it answers arrived, like a server
 * one network round trip away: pipelined commands that arrive together are answered together one delay later.
 * Offers PIPELINING, 8BITMIME and ENHANCEDSTATUSCODES (no STARTTLS, no CHUNKING), accepts everything and keeps
 * nothing. Listens on one port on every {@code --listen} address (for MX hosts on 127.0.0.x). Each time the
 * number of messages received reaches a multiple of {@code --expect}, prints {@code received COUNT at
 * EPOCH_MILLIS} (the moment the last one's final reply is due) on stdout. One thread, NIO.
 *
 * <pre>DelaySink --listen 127.0.0.1 [--listen 127.0.0.2 ...] [--port P] --port-file FILE --delay-ms 10 --expect N</pre>
 */
public final class DelaySink {

    private static final byte[] EHLO = ("250-sink.bench.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n"
            + "250-ENHANCEDSTATUSCODES\r\n250 SIZE 209715200\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "250 2.0.0 Ok\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "354 End data with <CR><LF>.<CR><LF>\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUEUED = "250 2.0.0 Ok: queued\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BYE = "221 2.0.0 Bye\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNKNOWN = "502 5.5.2 Error: command not recognized\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GREETING = "220 sink.bench.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII);

    /** A reply due at a moment. */
    private record Due(long at, long seq, Session session, byte[] reply, boolean close, boolean message) {
    }

    /** One connection. */
    private static final class Session {
        final SocketChannel channel;
        final byte[] line = new byte[4096];
        int lineLength;
        boolean data;
        int dotState = 2; // in DATA: 0 mid-line, 1 after CR, 2 at a line start, 3 after "." at a line start, 4 after ".\r"
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        boolean closeAfterWrite;

        Session(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final long delayNanos;
    private final long expect;
    private final PrintStream report;
    private final PriorityQueue<Due> due = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
            : Long.compare(a.seq, b.seq));
    private long seq;
    private long received;
    private Selector selector;

    private DelaySink(long delayNanos, long expect, PrintStream report) {
        this.delayNanos = delayNanos;
        this.expect = expect;
        this.report = report;
    }

    public static void main(String[] args) throws IOException {
        List<String> listen = new ArrayList<>();
        int port = 0;
        Path portFile = null;
        long delayMs = 10;
        long expect = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--listen" -> listen.add(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--port-file" -> portFile = Path.of(args[++i]);
                case "--delay-ms" -> delayMs = Long.parseLong(args[++i]);
                case "--expect" -> expect = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: DelaySink --listen ADDR... [--port P] [--port-file F] [--delay-ms MS] "
                            + "[--expect N]");
                    System.exit(64);
                }
            }
        }
        if (listen.isEmpty()) {
            listen.add("127.0.0.1");
        }
        Selector selector = Selector.open();
        for (String addr : listen) {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(InetAddress.getByName(addr), port), 1024);
            port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        }
        if (portFile != null) {
            Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(tmp, port + "\n");
            Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        System.err.println("DelaySink on port " + port + " of " + listen.size() + " address(es), delay " + delayMs
                + " ms");
        new DelaySink(delayMs * 1_000_000L, expect, System.out).loop(selector);
    }

    private void loop(Selector sel) throws IOException {
        this.selector = sel;
        ByteBuffer in = ByteBuffer.allocateDirect(256 * 1024);
        byte[] chunk = new byte[in.capacity()];
        while (true) {
            long now = System.nanoTime();
            Due next = due.peek();
            if (next == null) {
                selector.select();
            } else if (next.at > now) {
                selector.select(Math.max(1, (next.at - now + 999_999) / 1_000_000));
            } else {
                selector.selectNow();
            }
            for (SelectionKey key : selector.selectedKeys()) {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    SocketChannel ch = ((ServerSocketChannel) key.channel()).accept();
                    if (ch == null) {
                        continue;
                    }
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    Session s = new Session(ch);
                    ch.register(selector, SelectionKey.OP_READ, s);
                    schedule(s, GREETING, false, false);
                    continue;
                }
                Session s = (Session) key.attachment();
                if (key.isReadable()) {
                    in.clear();
                    int n;
                    try {
                        n = s.channel.read(in);
                    } catch (IOException e) {
                        n = -1;
                    }
                    if (n < 0) {
                        close(s);
                        continue;
                    }
                    in.flip();
                    in.get(chunk, 0, n);
                    consume(s, chunk, n);
                }
                if (key.isValid() && key.isWritable()) {
                    flush(s);
                }
            }
            selector.selectedKeys().clear();
            now = System.nanoTime();
            while (!due.isEmpty() && due.peek().at <= now) {
                Due d = due.poll();
                if (!d.session.channel.isOpen()) {
                    continue;
                }
                d.session.out.add(ByteBuffer.wrap(d.reply));
                d.session.closeAfterWrite |= d.close;
                if (d.message) {
                    received++;
                    if (expect > 0 && received % expect == 0) {
                        report.println("received " + received + " at " + System.currentTimeMillis());
                        report.flush();
                    }
                }
                flush(d.session);
            }
        }
    }

    private void schedule(Session s, byte[] reply, boolean close, boolean message) {
        due.add(new Due(System.nanoTime() + delayNanos, seq++, s, reply, close, message));
    }

    private void consume(Session s, byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            byte c = b[i];
            if (s.data) {
                // the end of data is CRLF . CRLF: states follow the octets after a line start
                switch (s.dotState) {
                    case 2 -> s.dotState = c == '.' ? 3 : c == '\r' ? 1 : 0;
                    case 3 -> s.dotState = c == '\r' ? 4 : 0;
                    case 4 -> {
                        if (c == '\n') {
                            s.data = false;
                            s.lineLength = 0;
                            schedule(s, QUEUED, false, true);
                        } else {
                            s.dotState = c == '\r' ? 1 : 0;
                        }
                    }
                    case 1 -> s.dotState = c == '\n' ? 2 : c == '\r' ? 1 : 0;
                    default -> s.dotState = c == '\r' ? 1 : 0;
                }
                continue;
            }
            if (c == '\n') {
                command(s);
                s.lineLength = 0;
            } else if (s.lineLength < s.line.length) {
                s.line[s.lineLength++] = c;
            }
        }
    }

    private void command(Session s) {
        int len = s.lineLength;
        if (len > 0 && s.line[len - 1] == '\r') {
            len--;
        }
        String verb = new String(s.line, 0, Math.min(len, 4), StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
        switch (verb) {
            case "EHLO" -> schedule(s, EHLO, false, false);
            case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> schedule(s, OK, false, false);
            case "DATA" -> {
                s.data = true;
                s.dotState = 2;
                schedule(s, DATA, false, false);
            }
            case "QUIT" -> schedule(s, BYE, true, false);
            default -> schedule(s, UNKNOWN, false, false);
        }
    }

    private void flush(Session s) {
        try {
            while (!s.out.isEmpty()) {
                ByteBuffer b = s.out.peek();
                s.channel.write(b);
                if (b.hasRemaining()) {
                    s.channel.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
                s.out.poll();
            }
            SelectionKey key = s.channel.keyFor(selector);
            if (key != null && key.isValid()) {
                key.interestOps(SelectionKey.OP_READ);
            }
            if (s.closeAfterWrite) {
                close(s);
            }
        } catch (IOException e) {
            close(s);
        }
    }

    private static void close(Session s) {
        try {
            s.channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
