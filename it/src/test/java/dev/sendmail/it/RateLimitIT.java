package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rate of 5 messages per second to one smart host holds within 10% over 200 messages, sent by 8 threads of
 * one process, and by two processes at once sharing the limit through a state file; and 100 queued messages sent
 * by two concurrent command-line queue runs with {@code --rate 5/s} (sharing {@code rate-limits} in the queue
 * directory). Measured at the server:
 * the time Postfix's cleanup daemon logged each message's Message-ID (one-second resolution, so the rate is
 * taken over the whole run and over 10-second windows).
 */
class RateLimitIT {

    private static final int MESSAGES = 200;
    private static final double RATE = 5.0;

    @TempDir
    Path dir;

    @Test
    void eightThreadsOfOneProcessKeepFivePerSecond() throws Exception {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("rate-threads");
        int delivered = RateLimitedSender.send(pf.host(), pf.smtpPort(), "5/s", Optional.empty(), token, 0, MESSAGES,
                8);
        assertEquals(MESSAGES, delivered);
        assertRate(pf, token, MESSAGES);
    }

    @Test
    void twoProcessesAtOnceShareFivePerSecond() throws Exception {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("rate-processes");
        Path state = dir.resolve("queue/rate-limits");
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    RateLimitedSender.class.getName(), pf.host(), Integer.toString(pf.smtpPort()), "5/s",
                    state.toString(), token, Integer.toString(p * MESSAGES / 2), Integer.toString(MESSAGES / 2), "4")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("process-" + p + ".log").toFile());
            processes.add(pb.start());
        }
        for (int p = 0; p < 2; p++) {
            assertTrue(processes.get(p).waitFor(5, TimeUnit.MINUTES), "process " + p + " did not finish");
            assertEquals(0, processes.get(p).exitValue(), log(p));
        }
        assertRate(pf, token, MESSAGES);
    }

    @Test
    void twoConcurrentQueueRunsOfTheCommandLineShareFivePerSecond() throws Exception {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("rate-queue");
        Path queue = dir.resolve("queue");
        int count = 100;
        try (java.net.Socket down = new java.net.Socket()) {
            down.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            for (int i = 0; i < count; i++) {
                CliResult q = Cli.run(TestMessages.simple(token + "-" + i, "bob@example.test", "queued " + i + "\r\n"),
                        List.of("--queue-dir", queue.toString(), "--server", "127.0.0.1:" + down.getLocalPort(),
                                "--tls", "off", "-f", TestMessages.FROM, "bob@example.test"));
                assertEquals(0, q.exit(), q.describe());
            }
        }
        Path launcher = Launcher.root().resolve("cli/target/send-mail-dist/bin/send-mail");
        assertTrue(Files.isExecutable(launcher), "the distribution is not built: " + launcher);
        List<Process> runs = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            runs.add(new ProcessBuilder(launcher.toString(), "--queue-dir", queue.toString(), "--queue-flush",
                    "--queue-reroute", "--server", pf.host() + ":" + pf.smtpPort(), "--tls", "off", "--rate", "5/s")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("process-" + p + ".log").toFile()).start());
        }
        for (int p = 0; p < 2; p++) {
            assertTrue(runs.get(p).waitFor(5, TimeUnit.MINUTES), "queue run " + p + " did not finish");
            assertEquals(0, runs.get(p).exitValue(), log(p));
        }
        assertRate(pf, token, count);
        assertTrue(Files.exists(queue.resolve("rate-limits")));
    }

    private String log(int p) throws IOException {
        return Files.readString(dir.resolve("process-" + p + ".log"));
    }

    /** Reads the seconds at which Postfix received each message of {@code token} and checks the rate. */
    private static void assertRate(MailServer pf, String token, int messages) {
        Pattern line = Pattern.compile("^\\w{3} +\\d+ (\\d\\d):(\\d\\d):(\\d\\d) .*postfix/cleanup\\[\\d+\\]: \\w+: "
                + "message-id=<" + Pattern.quote(token) + "-\\d+@example\\.test>", Pattern.MULTILINE);
        pf.awaitMail(token, messages);
        List<Integer> seconds = new ArrayList<>();
        Matcher m = line.matcher(pf.log());
        while (m.find()) {
            seconds.add(Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60
                    + Integer.parseInt(m.group(3)));
        }
        assertEquals(messages, seconds.size(), "messages logged by Postfix\n" + pf.recentLog());
        seconds.sort(null);
        int first = seconds.get(0);
        int last = seconds.get(seconds.size() - 1);
        if (last < first) {
            throw new AssertionError("the run crossed midnight; run it again");
        }
        // (n - 1) intervals over the span; the span is known to +-1 s
        double expectedSpan = (messages - 1) / RATE;
        double span = last - first;
        assertTrue(Math.abs(span - expectedSpan) <= expectedSpan * 0.10, messages + " messages at 5/s should span "
                + expectedSpan + " s (+-10%); the server saw " + span + " s");
        int[] perSecond = new int[last - first + 1];
        for (int s : seconds) {
            perSecond[s - first]++;
        }
        // every 10-second window of whole seconds (not the first or last, which are partial) holds 50 messages +-10% (a second's boundary may move one message)
        for (int start = 1; start + 10 <= perSecond.length - 1; start++) {
            int n = 0;
            for (int i = start; i < start + 10; i++) {
                n += perSecond[i];
            }
            assertTrue(n >= 45 && n <= 55, "the server saw " + n + " messages in the 10 s from second " + start
                    + " of the run: " + java.util.Arrays.toString(perSecond));
        }
    }
}
