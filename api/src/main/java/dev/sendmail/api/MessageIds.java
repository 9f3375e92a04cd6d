package dev.sendmail.api;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Message-ID, Date and MIME boundary values, made locally (no DNS lookup of this host). */
final class MessageIds {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ROOT);

    private MessageIds() {
    }

    /** A new Message-ID with angle brackets in {@code domain}: time, process and 64 random bits. */
    static String messageId(String domain, Clock clock) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "<" + Long.toString(clock.millis(), 36) + "." + Long.toString(ProcessHandle.current().pid(), 36)
                + "." + Long.toUnsignedString(r.nextLong(), 36) + "@" + domain + ">";
    }

    /** The current time as an RFC 5322 date in the clock's zone, such as {@code Tue, 1 Dec 2026 04:00:00 +0000}. */
    static String date(Clock clock) {
        return DATE.format(ZonedDateTime.now(clock));
    }

    /** A MIME boundary prefix that does not occur in any content by chance (RFC 2046 5.1.1 characters). */
    static String boundary() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "=_sm_" + Long.toUnsignedString(r.nextLong(), 36) + Long.toUnsignedString(r.nextLong(), 36);
    }
}
