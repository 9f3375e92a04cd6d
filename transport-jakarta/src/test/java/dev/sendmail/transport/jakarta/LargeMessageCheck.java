package dev.sendmail.transport.jakarta;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Manual check that a large message streams through the jakarta transport: run with a small heap, e.g.
 * {@code java -Xmx64m -cp ... dev.sendmail.transport.jakarta.LargeMessageCheck 100} (megabytes). A sink server
 * on loopback counts the DATA octets without keeping them. Prints the size, the time and the peak heap.
 */
public final class LargeMessageCheck {

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path file = Files.createTempFile("large", ".eml");
        try {
            write(file, megabytes);
            AtomicLong received = new AtomicLong();
            try (ServerSocket ss = new ServerSocket()) {
                ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Thread sink = new Thread(() -> sink(ss, received), "sink");
                sink.setDaemon(true);
                sink.start();
                MailHost host = new MailHost("localhost", OptionalInt.of(ss.getLocalPort()),
                        List.of(InetAddress.getLoopbackAddress()), -1);
                TransportSettings s = TransportSettings.builder().tlsMode(TlsMode.OFF).heloName("check.test").build();
                AtomicLong peakUsed = new AtomicLong();
                Thread sampler = new Thread(() -> {
                    Runtime rt = Runtime.getRuntime();
                    while (!Thread.currentThread().isInterrupted()) {
                        peakUsed.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "heap-sampler");
                sampler.setDaemon(true);
                sampler.start();
                long t0 = System.nanoTime();
                DeliveryReport r;
                try (Transport t = new JakartaTransportProvider().create(s)) {
                    r = t.send(new SendRequest(host, Envelope.of("a@example.org", "b@example.net"),
                            MessageContent.of(file), DeliveryOptions.DEFAULT, Instant.now().plusSeconds(600)));
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                sampler.interrupt();
                long peak = peakUsed.get();
                System.out.printf("file %d octets, DATA received %d octets, %d ms, delivered=%s, max heap %d MiB,"
                                + " peak heap used (sampled every 5 ms) %d MiB%n", Files.size(file), received.get(), ms,
                        r.allDelivered(), Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void write(Path file, int megabytes) throws IOException {
        byte[] line = (".line of text that starts with a dot and is seventy-six octets long.........\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write("From: a@example.org\nTo: b@example.net\nSubject: large\n\n".getBytes(StandardCharsets.US_ASCII));
            long target = (long) megabytes << 20;
            for (long n = 0; n < target; n += line.length) {
                out.write(line);
            }
        }
    }

    /** Answers 250 to everything, 354 to DATA, and counts the data octets up to the final dot. */
    private static void sink(ServerSocket ss, AtomicLong received) {
        try (Socket s = ss.accept()) {
            InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
            OutputStream out = s.getOutputStream();
            out.write("220 sink ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder cmd = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c != '\n') {
                    cmd.append((char) c);
                    continue;
                }
                String line = cmd.toString().strip();
                cmd.setLength(0);
                if (line.toUpperCase().startsWith("EHLO")) {
                    out.write("250-sink\r\n250 8BITMIME\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (line.equalsIgnoreCase("DATA")) {
                    out.write("354 go\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    int state = 0; // matches CR LF . CR LF
                    byte[] end = {'\r', '\n', '.', '\r', '\n'};
                    long count = 0;
                    byte[] buf = new byte[1 << 16];
                    int n;
                    read:
                    while ((n = in.read(buf)) > 0) {
                        for (int i = 0; i < n; i++) {
                            int b = buf[i];
                            state = b == end[state] ? state + 1 : (b == '\r' ? 1 : 0);
                            if (state == end.length) {
                                count += i + 1;
                                break read;
                            }
                        }
                        count += n;
                    }
                    received.set(count);
                    out.write("250 2.0.0 queued\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (line.equalsIgnoreCase("QUIT")) {
                    out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                } else {
                    out.write("250 ok\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            }
        } catch (IOException e) {
            e.printStackTrace();
        }
    }
}
