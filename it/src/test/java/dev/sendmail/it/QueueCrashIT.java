package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost: the launcher, with a queue, delivers through a server that stalls at random points and is
 * killed with SIGKILL at random moments after it accepted the message into its queue (including mid-DATA and
 * between the server's acceptance and the client reading it). A queue run afterwards must bring every message
 * to the server at least once and at most twice (twice only when the final reply was lost with the process).
 */
class QueueCrashIT {

    private static final long SEED = 0xC0FFEE_2026L;
    private static final int MESSAGES = 16;
    private static final Pattern CRASH_ID = Pattern.compile("(?m)^X-Crash-Id: (\\d+)\r?$");

    @TempDir
    Path work;

    @Test
    void killedDeliveriesArriveAtLeastOnceAndAtMostTwice() throws Exception {
        Random random = new Random(SEED);
        Path queue = work.resolve("queue");
        try (StallingServer server = new StallingServer(new Random(SEED + 1))) {
            server.maxDelayMillis = 400;
            int killedMidway = 0;
            for (int i = 0; i < MESSAGES; i++) {
                byte[] message = ("From: a@x.test\r\nTo: b@y.test\r\nSubject: crash " + i + "\r\nX-Crash-Id: " + i
                        + "\r\n\r\n.leading dot\r\nbody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
                ProcessBuilder pb = new ProcessBuilder(launcher().toString(), "--server",
                        "127.0.0.1:" + server.port(), "--tls", "off", "--queue-dir", queue.toString(), "--verbose",
                        "-f", "a@x.test", "b@y.test").redirectErrorStream(true).directory(work.toFile());
                Process p = pb.start();
                try (OutputStream in = p.getOutputStream()) {
                    in.write(message);
                }
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8));
                boolean accepted = false;
                List<String> seen = new ArrayList<>();
                String line;
                while ((line = out.readLine()) != null) {
                    seen.add(line);
                    if (line.contains("accepted into the queue")) {
                        accepted = true;
                        break;
                    }
                }
                assertTrue(accepted, "message " + i + " was never accepted into the queue: " + seen);
                Thread drain = new Thread(() -> drain(out));
                drain.setDaemon(true);
                drain.start();
                // kill at a random moment of the delivery that follows acceptance (seeded)
                long killAfter = random.nextInt(1200);
                if (!p.waitFor(killAfter, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    killedMidway++;
                }
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "message " + i + ": process did not end");
            }
            assertTrue(killedMidway >= MESSAGES / 4,
                    "the test must kill a fair share of deliveries midway to mean anything; killed " + killedMidway);
            int beforeRun = server.total();

            server.maxDelayMillis = 0;
            for (int run = 0; run < 3 && hasEntries(queue); run++) {
                Process q = new ProcessBuilder(launcher().toString(), "--queue-flush", "--server",
                        "127.0.0.1:" + server.port(), "--tls", "off", "--queue-dir", queue.toString())
                        .redirectErrorStream(true).directory(work.toFile()).start();
                q.getOutputStream().close();
                String output = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(q.waitFor(60, TimeUnit.SECONDS), "queue run did not end");
                assertEquals(0, q.exitValue(), "queue run failed: " + output);
            }
            assertTrue(!hasEntries(queue), "the queue must be empty after the runs");
            assertTrue(server.total() > beforeRun, "the queue run must have delivered what the kills interrupted");
            for (int i = 0; i < MESSAGES; i++) {
                int n = server.received.getOrDefault(i, new AtomicInteger()).get();
                assertTrue(n >= 1 && n <= 2, "message " + i + " arrived " + n + " times (seed " + SEED + ")");
            }
            assertTrue(server.badBodies.isEmpty(), "bodies must arrive intact: " + server.badBodies);
        }
    }

    /**
     * Two queue runs at once as separate processes (cron and a person), both killed with SIGKILL at the same
     * random moment while they deliver through a slow server: the entry locks keep them off each other's
     * messages, so each message is cut off at most once, and a clean run afterwards brings every message to the
     * server once or twice, never zero times and never three. The runs get no option but the queue directory:
     * each message goes through the route it was queued for.
     */
    @Test
    void twoConcurrentQueueRunnersKilledTogetherDeliverEachMessageOnceOrTwice() throws Exception {
        Random random = new Random(SEED + 2);
        int busyWhenKilled = 0;
        try (StallingServer server = new StallingServer(new Random(SEED + 3))) {
            for (int round = 0; round < 4; round++) {
                boolean kill = round < 3; // the last round lets both runs finish: then every message arrives once
                Path queue = work.resolve("concurrent-" + round);
                server.refuse = true;
                server.maxDelayMillis = 0;
                List<Integer> ids = new ArrayList<>();
                StringBuilder queued = new StringBuilder();
                int before = server.total();
                for (int i = 0; i < 6; i++) {
                    int id = 100 * (round + 1) + i;
                    ids.add(id);
                    byte[] message = ("From: a@x.test\r\nTo: b@y.test\r\nSubject: concurrent " + id
                            + "\r\nX-Crash-Id: " + id + "\r\n\r\n.leading dot\r\nbody " + id + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    Process p = new ProcessBuilder(launcher().toString(), "--server", "127.0.0.1:" + server.port(),
                            "--tls", "off", "--queue-dir", queue.toString(), "-f", "a@x.test", "b@y.test")
                            .redirectErrorStream(true).directory(work.toFile()).start();
                    try (OutputStream in = p.getOutputStream()) {
                        in.write(message);
                    }
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "queueing did not end");
                    assertEquals(0, p.exitValue(), "the message must be queued: " + out);
                    queued.append(out);
                }
                assertEquals(before, server.total(), "the server refused everything while the messages were queued: "
                        + queued);

                server.refuse = false;
                server.maxDelayMillis = 400;
                Process a = runner(queue);
                Process b = runner(queue);
                long killAfter = 300 + random.nextInt(2500);
                if (kill) {
                    a.waitFor(killAfter, TimeUnit.MILLISECONDS);
                    busyWhenKilled += a.isAlive() ? 1 : 0;
                    busyWhenKilled += b.isAlive() ? 1 : 0;
                    a.destroyForcibly();
                    b.destroyForcibly();
                }
                assertTrue(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS), "runners did not end");

                server.maxDelayMillis = 0;
                for (int run = 0; run < 3 && hasEntries(queue); run++) {
                    Process q = runner(queue);
                    String output = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(q.waitFor(60, TimeUnit.SECONDS), "queue run did not end");
                    assertEquals(0, q.exitValue(), "queue run failed: " + output);
                }
                assertTrue(!hasEntries(queue), "the queue must be empty after the runs");
                for (int id : ids) {
                    int n = server.received.getOrDefault(id, new AtomicInteger()).get();
                    assertTrue(n >= 1 && n <= (kill ? 2 : 1), "message " + id + " arrived " + n + " times (round "
                            + round + ", seed " + SEED + ")");
                }
            }
            assertTrue(busyWhenKilled >= 2, "the kills must land while runners are busy to mean anything; "
                    + busyWhenKilled + " of 6 were");
            assertTrue(server.badBodies.isEmpty(), "bodies must arrive intact: " + server.badBodies);
        }
    }

    /** A queue run with no option but the queue directory, as a cron line would run it. */
    private Process runner(Path queue) throws IOException {
        Process p = new ProcessBuilder(launcher().toString(), "--queue-dir", queue.toString(), "--queue-flush")
                .redirectErrorStream(true).directory(work.toFile()).start();
        p.getOutputStream().close();
        return p; // a few lines of output at most: the pipe never fills, so a killed run needs no reader
    }

    private static boolean hasEntries(Path queue) throws IOException {
        try (Stream<Path> s = Files.list(queue)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".entry"));
        }
    }

    private static Path launcher() {
        Path launcher = Launcher.root().resolve("cli/target/send-mail-dist/bin/send-mail");
        assertTrue(Files.isExecutable(launcher), "the distribution is not built: " + launcher);
        return launcher;
    }

    private static void drain(BufferedReader r) {
        try {
            while (r.readLine() != null) {
                // discard
            }
        } catch (IOException ignored) {
            // the process was killed
        }
    }

    /** A plain SMTP server that waits a random time before each reply and counts accepted messages. */
    static final class StallingServer implements AutoCloseable {
        final Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
        final List<String> badBodies = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile int maxDelayMillis;
        /** Greet every connection with 421 and close it (the server is down). */
        volatile boolean refuse;
        private final Random random;
        private final ServerSocket listener;
        private final Thread acceptor;

        StallingServer(Random random) throws IOException {
            this.random = random;
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            acceptor = new Thread(this::acceptLoop, "stalling-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        int total() {
            return received.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        private void acceptLoop() {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    Thread t = new Thread(() -> serve(s), "stalling-smtp-session");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pause() throws InterruptedException {
            int max = maxDelayMillis;
            if (max > 0) {
                int d;
                synchronized (random) {
                    d = random.nextInt(max + 1);
                }
                Thread.sleep(d); // the fault being simulated is a slow server, not test synchronisation
            }
        }

        private void serve(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                s.setSoTimeout(60_000);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
                if (refuse) {
                    reply(out, "421 4.3.2 crash.test is not accepting mail now");
                    return;
                }
                pause();
                reply(out, "220 crash.test ESMTP");
                String line;
                while ((line = r.readLine()) != null) {
                    String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                    pause();
                    switch (cmd) {
                        case "EHLO" -> reply(out, "250-crash.test\r\n250 8BITMIME");
                        case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 2.0.0 Ok");
                        case "QUIT" -> {
                            reply(out, "221 2.0.0 Bye");
                            return;
                        }
                        case "DATA" -> {
                            reply(out, "354 End data with <CR><LF>.<CR><LF>");
                            StringBuilder body = new StringBuilder();
                            boolean complete = false;
                            while ((line = r.readLine()) != null) {
                                if (line.equals(".")) {
                                    complete = true;
                                    break;
                                }
                                body.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
                            }
                            if (!complete) {
                                return; // the client died mid-DATA: nothing accepted
                            }
                            Matcher m = CRASH_ID.matcher(body);
                            if (m.find()) {
                                int id = Integer.parseInt(m.group(1));
                                received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                                if (!body.toString().contains("\r\n.leading dot\r\nbody " + id + "\r\n")) {
                                    badBodies.add(body.toString());
                                }
                            }
                            pause();
                            reply(out, "250 2.0.0 Ok: queued");
                        }
                        default -> reply(out, "502 5.5.2 Command not recognized");
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
