package dev.sendmail.internal;

import dev.sendmail.local.LocalClock;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** Message-ID, Date and MIME boundary values, made locally (no DNS lookup of this host). Not exported. */
public final class MessageIds {

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private MessageIds() {
    }

    /** A new Message-ID with angle brackets in {@code domain}: time, process and 64 random bits. */
    public static String messageId(String domain, Clock clock) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "<" + Long.toString(clock.millis(), 36) + "." + Long.toString(ProcessHandle.current().pid(), 36)
                + "." + Long.toUnsignedString(r.nextLong(), 36) + "@" + domain + ">";
    }

    /**
     * The current time as an RFC 5322 date in the clock's zone, such as {@code Tue, 1 Dec 2026 04:00:00 +0000}.
     * Written by hand from the epoch day: a DateTimeFormatter with day and month names loads the locale machinery,
     * and ZonedDateTime loads java.time.format on newer JDKs, a noticeable part of a command-line program's start-up.
     */
    public static String date(Clock clock) {
        long millis = clock.millis();
        // the system clock's offset without java.time's zone rules, whose provider scans every jar on the class path
        int offset = clock instanceof LocalClock local ? local.offsetSeconds(millis)
                : clock.getZone().getRules().getOffset(Instant.ofEpochMilli(millis)).getTotalSeconds();
        long local = Math.floorDiv(millis, 1000) + offset;
        long days = Math.floorDiv(local, 86_400);
        int secondOfDay = Math.floorMod(local, 86_400);
        // civil date from days since 1970-01-01, in 400-year eras of 146,097 days starting on March 1
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        int dayOfWeek = Math.floorMod(days + 3, 7); // 1970-01-01 was a Thursday: 0 is Monday
        int minutes = Math.abs(offset) / 60;
        StringBuilder sb = new StringBuilder(32).append(DAYS[dayOfWeek]).append(", ").append(day).append(' ')
                .append(MONTHS[month - 1]).append(' ').append(year).append(' ');
        two(sb, secondOfDay / 3600).append(':');
        two(sb, secondOfDay / 60 % 60).append(':');
        two(sb, secondOfDay % 60).append(' ').append(offset < 0 ? '-' : '+');
        two(sb, minutes / 60);
        return two(sb, minutes % 60).toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** A MIME boundary prefix that does not occur in any content by chance (RFC 2046 5.1.1 characters). */
    public static String boundary() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "=_sm_" + Long.toUnsignedString(r.nextLong(), 36) + Long.toUnsignedString(r.nextLong(), 36);
    }
}
