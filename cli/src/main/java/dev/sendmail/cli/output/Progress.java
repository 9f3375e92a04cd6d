package dev.sendmail.cli.output;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.spi.TranscriptListener;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-line progress display on stderr, rewritten in place with a carriage return and cleared before other output
 * and at the end, so nothing of it remains in the scroll-back. A single send shows its connections as they are made
 * (it listens to the transcript); {@code --batch} shows messages done of all, failures, rate and time left, at most
 * four times a second. When nobody watches, a display that shows nothing is made.
 */
public final class Progress implements TranscriptListener {

    private static final long INTERVAL_NANOS = 250_000_000L;
    /** Where a display that nobody watches writes. */
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private final PrintStream err;
    private final int total;
    private final long start = System.nanoTime();
    private final AtomicInteger connections = new AtomicInteger();
    private int done;
    private int failed;
    private long shownAt;
    private boolean shown;

    private Progress(PrintStream err, int total) {
        this.err = err;
        this.total = total;
    }

    /**
     * The display of a single send: shown only when stderr is a terminal and the work is long (many recipients or
     * domains, a large message).
     */
    public static Progress forMessage(PrintStream err, boolean terminal, boolean quiet, int recipients, long octets) {
        boolean longWork = recipients >= 10 || octets >= 5L * 1024 * 1024;
        return new Progress(terminal && !quiet && longWork ? err : NOWHERE, 0);
    }

    /**
     * The line of {@code --batch}: shown only when both stdout and stderr are terminals, so that a run from cron, a
     * pipe or with either stream redirected (such as {@code --json > log}) gets no control sequences anywhere; never
     * when {@code quiet} ({@code -q}, or {@code --trace}, whose lines it would overwrite).
     *
     * @param total how many messages the batch has
     */
    public static Progress forBatch(PrintStream err, boolean stdoutTerminal, boolean stderrTerminal, boolean quiet,
                                    int total) {
        return new Progress(stdoutTerminal && stderrTerminal && !quiet ? err : NOWHERE, total);
    }

    /** One more message of the batch is done; {@code ok} when it was delivered or queued. */
    public void done(boolean ok) {
        synchronized (err) {
            done++;
            if (!ok) {
                failed++;
            }
            long now = System.nanoTime();
            if (now - shownAt >= INTERVAL_NANOS || done == total) {
                shownAt = now;
                show(line(done, failed, total, (now - start) / 1e9));
            }
        }
    }

    /** The text of the batch's line. */
    static String line(int done, int failed, int total, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder sb = new StringBuilder("send-mail: ").append(done).append('/').append(total);
        sb.append(", ").append(failed).append(" not delivered, ").append(Math.round(rate)).append("/s");
        if (rate > 0 && done < total) {
            long left = Math.round((total - done) / rate);
            sb.append(", ").append(left / 60).append(left % 60 < 10 ? ":0" : ":").append(left % 60).append(" left");
        }
        return sb.toString();
    }

    @Override
    public void connected(String host, InetSocketAddress address) {
        status("send-mail: sending via " + host + " (connection " + connections.incrementAndGet() + ")");
    }

    @Override
    public void tlsEstablished(String host, String protocol, String cipherSuite) {
        status("send-mail: " + host + ": " + protocol);
    }

    /** Shows a status text of the dialogue, on one line and cut to 70 characters. */
    private void status(String text) {
        show(ControlCharacters.oneLine(text.length() > 70 ? text.substring(0, 70) : text));
    }

    private void show(String text) {
        synchronized (err) {
            err.print("\r\033[K" + text);
            err.flush();
            shown = true;
        }
    }

    /** Clears the line, if one is shown, before other output or at the end. */
    public void clear() {
        synchronized (err) {
            if (shown) {
                err.print("\r\033[K");
                err.flush();
                shown = false;
            }
        }
    }
}
