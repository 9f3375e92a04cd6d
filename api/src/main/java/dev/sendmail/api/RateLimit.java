package dev.sendmail.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * At most {@code messages} transactions per {@code per} to each destination host (the smart host, or each MX host
 * for direct delivery), spaced evenly: 5 per second means one transaction every 200 ms, without bursts. The
 * {@link Sender} applies it before each transaction, to every thread using that Sender; with a {@link #stateFile()}
 * also to every other Sender and process that names the same file (concurrent queue runs, cron jobs), which share
 * the times of the last transactions through it under a file lock.
 *
 * <p>Independently of this limit, a host that answers {@code 421}, {@code 451} or {@code 454} with text saying
 * "rate" or "throttl" is slowed down: its rate is halved (repeatedly, down to 1/64) and recovers one halving per
 * minute without such a reply; the message is retried at that host when its next slot comes before the send's
 * deadline.
 *
 * @param messages transactions per period, at least 1
 * @param per the period, at least one millisecond and at most one day
 * @param stateFile where processes share the pace, if they do
 */
public record RateLimit(int messages, Duration per, Optional<Path> stateFile) {

    /**
     * Checks the components.
     *
     * @param messages transactions per period, at least 1
     * @param per the period, at least one millisecond and at most one day
     * @param stateFile where processes share the pace, if they do
     */
    public RateLimit {
        Objects.requireNonNull(per, "per");
        Objects.requireNonNull(stateFile, "stateFile");
        if (messages < 1) {
            throw new IllegalArgumentException("a rate limit needs at least 1 message per period");
        }
        if (per.compareTo(Duration.ofMillis(1)) < 0 || per.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("a rate limit's period must be between 1 ms and 1 day");
        }
    }

    /**
     * A limit kept in this process only.
     *
     * @param messages transactions per period, at least 1
     * @param per the period
     * @return the limit
     */
    public static RateLimit of(int messages, Duration per) {
        return new RateLimit(messages, per, Optional.empty());
    }

    /**
     * Reads {@code N/s}, {@code N/min} or {@code N/h} ({@code --rate}, {@code rate_limit}); also {@code sec},
     * {@code m}, {@code hour}.
     *
     * @param text the limit, for example {@code 5/s}
     * @return the limit, kept in this process only
     * @throws IllegalArgumentException with one line saying what is wrong
     */
    public static RateLimit parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int slash = t.indexOf('/');
        if (slash < 1 || t.length() > 32) {
            throw refused(text, "is not N/s, N/min or N/h");
        }
        int n;
        try {
            n = Integer.parseInt(t.substring(0, slash).strip());
        } catch (NumberFormatException e) {
            throw refused(text, "is not N/s, N/min or N/h");
        }
        Duration per = switch (t.substring(slash + 1).strip()) {
            case "s", "sec", "second" -> Duration.ofSeconds(1);
            case "m", "min", "minute" -> Duration.ofMinutes(1);
            case "h", "hour" -> Duration.ofHours(1);
            default -> throw refused(text, "is not N/s, N/min or N/h");
        };
        if (n < 1) {
            throw refused(text, "must allow at least 1 message");
        }
        return of(n, per);
    }

    private static IllegalArgumentException refused(String text, String why) {
        return new IllegalArgumentException("rate '" + ControlCharacters.escape(text) + "' " + why);
    }

    /**
     * The same limit, shared with every Sender and process that names {@code file}.
     *
     * @param file a small state file (created when missing; at most a few hundred lines)
     * @return the shared limit
     */
    public RateLimit sharedThrough(Path file) {
        return new RateLimit(messages, per, Optional.of(file));
    }

    /**
     * The time between two transaction starts at one host.
     *
     * @return {@code per / messages}, at least 1 microsecond
     */
    public Duration interval() {
        Duration d = per.dividedBy(messages);
        return d.compareTo(Duration.ofNanos(1000)) < 0 ? Duration.ofNanos(1000) : d;
    }

    /**
     * The limit as {@link #parse} reads it.
     *
     * @return for example {@code 5/s}
     */
    @Override
    public String toString() {
        String unit = per.equals(Duration.ofSeconds(1)) ? "s" : per.equals(Duration.ofMinutes(1)) ? "min"
                : per.equals(Duration.ofHours(1)) ? "h" : per.toMillis() + "ms";
        return messages + "/" + unit;
    }
}
