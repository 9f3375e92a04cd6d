package dev.sendmail.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * When a deferred message is tried again: exponential back-off from {@code initial}, capped at {@code max},
 * and given up (marked failed) once older than {@code maxAge}.
 */
public record RetryPolicy(Duration initial, Duration max, Duration maxAge) {

    /** 5 minutes, doubling up to 4 hours, for at most 5 days (what MTAs commonly do). */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMinutes(5), Duration.ofHours(4),
            Duration.ofDays(5));

    /**
     * @param initial the first delay
     * @param max the longest delay
     * @param maxAge the time after which a message fails
     */
    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("invalid retry policy");
        }
    }

    /**
     * @param now when the last attempt ended
     * @param attempts failed attempts so far
     * @return the next attempt after {@code attempts} failed attempts
     */
    public Instant next(Instant now, int attempts) {
        Duration d = initial;
        for (int i = 1; i < attempts && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return now.plus(d.compareTo(max) > 0 ? max : d);
    }

    /**
     * @param created when the message was queued
     * @param now the time now
     * @return true when the message is too old to try again
     */
    public boolean expired(Instant created, Instant now) {
        return Duration.between(created, now).compareTo(maxAge) > 0;
    }
}
