package dev.sendmail.local;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.TimeZone;

/**
 * The system clock in the system's default time zone, as {@link Clock#systemDefaultZone()}, except that the
 * {@link ZoneId} is made only when {@link #getZone()} is first called. Making one initializes java.time's zone
 * rules provider, which scans every jar on the class path for another provider: a noticeable part of a
 * one-message process's start-up. {@link #offsetSeconds(long)} answers the zone's UTC offset from
 * {@link TimeZone}, which reads the same time-zone data without that scan; a Date header needs no more.
 *
 * <p>The zone is the default one when the clock is made, as with {@code Clock.systemDefaultZone()}. Thread-safe.
 */
public final class LocalClock extends Clock {

    /** 1900-01-01T00:00Z and 2037-01-01T00:00Z: where TimeZone's table of transitions agrees with java.time. */
    private static final long TABLE_START = -2_208_988_800_000L;
    private static final long TABLE_END = 2_114_380_800_000L;

    private final TimeZone timeZone;
    private volatile ZoneId zone;

    private LocalClock(TimeZone timeZone) {
        this.timeZone = timeZone;
    }

    /**
     * The system clock in the JVM's default time zone (the {@code TZ} variable or the system's setting).
     *
     * @return a new clock
     */
    public static LocalClock systemDefaultZone() {
        return new LocalClock(TimeZone.getDefault());
    }

    /** A clock in {@code timeZone}, for tests. */
    static LocalClock of(TimeZone timeZone) {
        return new LocalClock(timeZone);
    }

    /**
     * The default time zone's offset from UTC at an instant, as
     * {@code getZone().getRules().getOffset(instant).getTotalSeconds()} gives it, without java.time's zone rules.
     *
     * @param epochMillis the instant, in milliseconds since 1970-01-01T00:00Z
     * @return the offset in seconds, positive east of Greenwich
     */
    public int offsetSeconds(long epochMillis) {
        if (epochMillis >= TABLE_END || epochMillis < TABLE_START) {
            // TimeZone keeps every transition only from 1900 to 2037 and follows a simpler rule outside, which
            // differs from java.time's in a few zones (Africa/Windhoek in 2051)
            return getZone().getRules().getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds();
        }
        return timeZone.getOffset(epochMillis) / 1000;
    }

    @Override
    public ZoneId getZone() {
        ZoneId z = zone;
        if (z == null) {
            z = timeZone.toZoneId();
            zone = z;
        }
        return z;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.system(zone);
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public String toString() {
        return "LocalClock[" + timeZone.getID() + "]";
    }
}
