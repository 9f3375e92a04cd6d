package dev.sendmail.local;

import dev.sendmail.api.Mailbox;
import dev.sendmail.config.UserEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This user and host, found without DNS: the user from {@code $USER}/{@code $LOGNAME}, the host from
 * {@code /etc/mailname}, then the kernel's host name. Also makes Message-IDs and Date values.
 */
public final class LocalIdentity {

    private LocalIdentity() {
    }

    /**
     * @param env the environment variables
     * @return this user's login name: {@code $USER}, {@code $LOGNAME}, else the JVM's {@code user.name}
     */
    public static String userName(UserEnvironment env) {
        return env.variable("USER").or(() -> env.variable("LOGNAME"))
                .orElse(System.getProperty("user.name", "nobody"));
    }

    /**
     * The mail name of this host, without a DNS lookup: {@code /etc/mailname}, the kernel's host name,
     * {@code $HOSTNAME}, else {@code localhost}.
     *
     * @param env the environment variables
     * @return the name
     */
    public static String hostName(UserEnvironment env) {
        for (String file : new String[] {"/etc/mailname", "/proc/sys/kernel/hostname"}) {
            Optional<String> v = firstLine(Path.of(file));
            if (v.isPresent()) {
                return v.get();
            }
        }
        return env.variable("HOSTNAME").orElse("localhost");
    }

    /**
     * {@code user@host} for a sender that was given nowhere.
     *
     * @param env the environment variables
     * @return the address
     * @throws IllegalArgumentException when {@code user@host} is not a valid address
     */
    public static Mailbox defaultSender(UserEnvironment env) {
        return Mailbox.parse(userName(env) + "@" + hostName(env));
    }

    /**
     * @param domain the domain part
     * @param clock the time part
     * @return a new Message-ID (with angle brackets) in {@code domain}; unique without asking any server
     */
    public static String messageId(String domain, java.time.Clock clock) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "<" + Long.toString(clock.millis(), 36) + "." + Long.toString(ProcessHandle.current().pid(), 36)
                + "." + Long.toUnsignedString(r.nextLong(), 36) + "@" + domain + ">";
    }

    /**
     * The current time as an RFC 5322 date, {@code Sat, 28 Nov 2026 12:00:00 +0000}, in the clock's zone. Computed
     * by hand from the epoch day (proleptic Gregorian calendar): a DateTimeFormatter loads the locale machinery,
     * and on JDK 25 even {@code ZonedDateTime} pulls in {@code java.time.format} (through {@code Year}), a
     * noticeable part of a one-message start-up.
     *
     * @param clock the time and zone
     * @return the date
     */
    public static String date(java.time.Clock clock) {
        long millis = clock.millis();
        int offset = clock.getZone().getRules().getOffset(java.time.Instant.ofEpochMilli(millis)).getTotalSeconds();
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

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private static Optional<String> firstLine(Path p) {
        try {
            if (!Files.isReadable(p)) {
                return Optional.empty();
            }
            byte[] b;
            try (var in = Files.newInputStream(p)) {
                b = in.readNBytes(256);
            }
            String s = new String(b, StandardCharsets.US_ASCII).lines().findFirst().orElse("").strip();
            return s.isEmpty() || !s.matches("[A-Za-z0-9.-]{1,253}") ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
