package dev.sendmail.cli;

import dev.sendmail.api.Mailbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This user and host, found without DNS: the user from {@code $USER}/{@code $LOGNAME}, the host from
 * {@code /etc/mailname}, then the kernel's host name. Also makes Message-IDs and Date values.
 */
final class LocalIdentity {

    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ENGLISH);

    private LocalIdentity() {
    }

    static String userName(Environment env) {
        return env.variable("USER").or(() -> env.variable("LOGNAME"))
                .orElse(System.getProperty("user.name", "nobody"));
    }

    /** The mail name of this host, without a DNS lookup. */
    static String hostName(Environment env) {
        for (String file : new String[] {"/etc/mailname", "/proc/sys/kernel/hostname"}) {
            Optional<String> v = firstLine(Path.of(file));
            if (v.isPresent()) {
                return v.get();
            }
        }
        return env.variable("HOSTNAME").orElse("localhost");
    }

    /** {@code user@host} for a sender that was given nowhere. */
    static Mailbox defaultSender(Environment env) throws CliException {
        String address = userName(env) + "@" + hostName(env);
        try {
            return Mailbox.parse(address);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("no sender given and " + ValueChecks.printable(address)
                    + " is not a valid address; use -f ADDR or 'from' in the configuration file");
        }
    }

    /** A new Message-ID (with angle brackets) in {@code domain}; unique without asking any server. */
    static String messageId(String domain, java.time.Clock clock) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "<" + Long.toString(clock.millis(), 36) + "." + Long.toString(ProcessHandle.current().pid(), 36)
                + "." + Long.toUnsignedString(r.nextLong(), 36) + "@" + domain + ">";
    }

    /** The current time as an RFC 5322 date. */
    static String date(java.time.Clock clock) {
        return RFC_5322.format(ZonedDateTime.now(clock));
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
