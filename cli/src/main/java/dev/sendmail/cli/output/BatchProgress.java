package dev.sendmail.cli.output;

import java.io.PrintStream;

/**
 * The progress line of {@code --batch} on stderr when someone watches (see {@link #shows}): messages done of all,
 * failures, rate and time left, rewritten in place at most four times a second and cleared at the end.
 */
public final class BatchProgress {

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintStream err;
    private final int total;
    private final long start = System.nanoTime();
    private int done;
    private int failed;
    private long shownAt;
    private boolean shown;

    private BatchProgress(PrintStream err, int total) {
        this.err = err;
        this.total = total;
    }

    /**
     * Whether to show the line: only when both stdout and stderr are terminals, so that a run from cron, a pipe or
     * with either stream redirected (such as {@code --json > log}) gets no control sequences anywhere; never with
     * {@code -q} or {@code --trace}, whose lines it would overwrite.
     */
    public static boolean shows(boolean stdoutTerminal, boolean stderrTerminal, boolean quiet, boolean trace) {
        return stdoutTerminal && stderrTerminal && !quiet && !trace;
    }

    /**
     * @param show whether to show anything ({@link #shows})
     * @param total how many messages there are
     * @return a progress line, or one that shows nothing
     */
    public static BatchProgress create(PrintStream err, boolean show, int total) {
        return show ? new BatchProgress(err, total) : new BatchProgress(null, total);
    }

    /** One more message is done; {@code ok} when it was delivered or queued. */
    public void done(boolean ok) {
        if (err == null) {
            return;
        }
        synchronized (err) {
            done++;
            if (!ok) {
                failed++;
            }
            long now = System.nanoTime();
            if (now - shownAt >= INTERVAL_NANOS || done == total) {
                shownAt = now;
                err.print("\r\033[K" + line(done, failed, total, (now - start) / 1e9));
                err.flush();
                shown = true;
            }
        }
    }

    /** The text of the line. */
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

    /** Clears the line, if one is shown, before other output or at the end. */
    public void clear() {
        if (err == null) {
            return;
        }
        synchronized (err) {
            if (shown) {
                err.print("\r\033[K");
                err.flush();
                shown = false;
            }
        }
    }
}
