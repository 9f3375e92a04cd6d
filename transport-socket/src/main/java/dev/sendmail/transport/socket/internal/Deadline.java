package dev.sendmail.transport.socket.internal;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;

/** The instant a request must be done by, on the monotonic clock; each blocking step gets the lesser of its own timeout and what is left. */
record Deadline(long endNanos) {

    /** Ten years: far enough to mean "no deadline", near enough not to overflow the nanosecond clock. */
    private static final long MAX_NANOS = Duration.ofDays(3650).toNanos();

    static Deadline at(Instant instant) {
        Duration d = Duration.between(Instant.now(), instant);
        long left = d.isNegative() ? 0 : d.compareTo(Duration.ofNanos(MAX_NANOS)) > 0 ? MAX_NANOS : d.toNanos();
        return new Deadline(System.nanoTime() + left);
    }

    static Deadline after(Duration d) {
        return new Deadline(System.nanoTime() + d.toNanos());
    }

    /** A budget for one step that may take {@code step} at most. */
    ReplyReader.Budget budget(Duration step) {
        long start = System.nanoTime();
        long stepEnd = start + step.toNanos();
        boolean stepFirst = stepEnd - endNanos < 0;
        long end = stepFirst ? stepEnd : endNanos;
        return () -> {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException(stepFirst ? "timed out after " + seconds(step)
                        : "delivery deadline passed");
            }
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
        };
    }

    /** Milliseconds for {@code step} bounded by the deadline; throws when the deadline passed. */
    int millis(Duration step) throws java.io.IOException {
        return budget(step).nextTimeoutMillis();
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
