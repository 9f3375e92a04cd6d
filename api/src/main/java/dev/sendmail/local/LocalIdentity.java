package dev.sendmail.local;

import dev.sendmail.api.Mailbox;
import dev.sendmail.config.UserEnvironment;
import dev.sendmail.internal.MessageIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * This user and host, found without DNS: the user from {@code $USER}/{@code $LOGNAME}, the host name from the
 * kernel, the mail name from {@code /etc/mailname} (else the host name). The one source of the names msmtp's
 * {@code from} substitutes ({@code %U %H %C %M}). Also makes Message-IDs and Date values.
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
     * This host's name, without a DNS lookup: the kernel's host name, {@code $HOSTNAME}, else {@code localhost}.
     * msmtp's {@code %H} (and {@code %C}: no lookup is made for the canonical name).
     *
     * @param env the environment variables
     * @return the name
     */
    public static String hostName(UserEnvironment env) {
        return firstLine(Path.of("/proc/sys/kernel/hostname")).or(() -> env.variable("HOSTNAME"))
                .orElse("localhost");
    }

    /**
     * The name this host's mail carries: the first line of {@code mailname} in the environment's system
     * configuration directory ({@code /etc/mailname}), else {@link #hostName}. The domain of {@link #defaultSender}
     * and of a Message-ID without a sender; msmtp's {@code %M}.
     *
     * @param env the environment variables and the system configuration directory
     * @return the name
     */
    public static String mailName(UserEnvironment env) {
        return firstLine(env.systemConfigDir().resolve("mailname")).orElseGet(() -> hostName(env));
    }

    /**
     * {@code user@mailname} ({@link #userName}, {@link #mailName}) for a sender that was given nowhere.
     *
     * @param env the environment variables
     * @return the address
     * @throws IllegalArgumentException when {@code user@host} is not a valid address
     */
    public static Mailbox defaultSender(UserEnvironment env) {
        return Mailbox.parse(userName(env) + "@" + mailName(env));
    }

    /**
     * @param domain the domain part
     * @param clock the time part
     * @return a new Message-ID (with angle brackets) in {@code domain}; unique without asking any server
     */
    public static String messageId(String domain, java.time.Clock clock) {
        return MessageIds.messageId(domain, clock);
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
        return MessageIds.date(clock);
    }

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
