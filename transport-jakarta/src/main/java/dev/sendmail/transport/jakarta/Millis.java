package dev.sendmail.transport.jakarta;

import java.time.Duration;
import java.time.Instant;

/** Durations as the int milliseconds sockets take, saturated instead of overflowing: 1 ms to about 24 days. */
final class Millis {

    private Millis() {
    }

    static int of(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return 1;
        }
        if (d.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) >= 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(1, d.toMillis());
    }

    /**
     * The smaller of {@code limit} and the time left until {@code deadline}.
     *
     * @return 0 when the deadline has passed
     */
    static int within(Duration limit, Instant deadline, Instant now) {
        if (!deadline.isAfter(now)) {
            return 0;
        }
        int byLimit = of(limit);
        if (deadline.isAfter(now.plusMillis(byLimit))) {
            return byLimit;
        }
        return of(Duration.between(now, deadline));
    }
}
