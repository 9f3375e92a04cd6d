package dev.sendmail.config;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TlsMode;
import dev.sendmail.local.ExitCodes;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * msmtp's log for an account: one line per message in msmtp's format ({@code host=... tls=on|off auth=on|off
 * [user=...] from=... recipients=a,b mailsize=N smtpstatus=CODE smtpmsg='reply' [errormsg='why'] exitcode=EX_...})
 * where its {@link LogSettings} say: the log file with the time in front (a strftime format; a new file is readable
 * by its owner only), standard output for {@code logfile -}, and syslog. Syslog goes through the {@code logger}
 * program found on the environment's {@code PATH} (tag {@code msmtp}, the facility given, priority info for a
 * delivered message and err otherwise), as a shell script logging for msmtp would. Values stay on one line: control
 * characters ({@link ControlCharacters}) become spaces, spaces in an unquoted value become {@code _}, and a single
 * quote inside a quoted value is written as {@code \'}. A log that cannot be written is a warning naming the
 * setting, never an exception: what became of the message does not depend on its log.
 *
 * <p>Immutable; {@link #write} may be called from several threads, but their lines may then interleave in the
 * file.
 */
public final class MessageLog {
    /** How long the {@code logger} program may take before the line is given up. */
    public static final Duration LOGGER_TIMEOUT = Duration.ofSeconds(10);

    private final LogSettings settings;
    private final ServerSettings server;
    private final UserEnvironment env;
    private final Clock clock;
    private final Consumer<String> standardOutput;
    private final Consumer<String> warnings;

    /**
     * @param settings where the line goes
     * @param server the settings the messages are sent with: the smart host, TLS and user the line names
     * @param env the {@code PATH} the {@code logger} program is looked for on
     * @param clock the time in front of a line
     * @param standardOutput receives the line for {@code logfile -}, time in front, without a line break
     * @param warnings receives one line naming the setting for each log that cannot be written
     */
    public MessageLog(LogSettings settings, ServerSettings server, UserEnvironment env, Clock clock,
                      Consumer<String> standardOutput, Consumer<String> warnings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.server = Objects.requireNonNull(server, "server");
        this.env = Objects.requireNonNull(env, "env");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.standardOutput = Objects.requireNonNull(standardOutput, "standardOutput");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * Logs one message, where the settings say; nothing when they name no log. The host is the smart host, else
     * the first host that answered, else {@code MX}.
     *
     * @param from the envelope sender ({@code <>} for the null sender)
     * @param size the message size in octets
     * @param report what happened to each recipient
     * @param exitCode the sysexits code the program ends with
     */
    public void write(String from, long size, DeliveryReport report, int exitCode) {
        if (!settings.enabled()) {
            return;
        }
        String host = server.routing().smartHost().map(MailHost::name).orElseGet(() -> report.outcomes().stream()
                .map(RecipientOutcome::host).flatMap(Optional::stream).findFirst().orElse("MX"));
        String line = line(host, server.security().tlsMode() != TlsMode.OFF, server.auth().user(), from,
                size, report, exitCode);
        ZonedDateTime now = ZonedDateTime.now(clock);
        if (settings.toStdout()) {
            standardOutput.accept(strftime(settings.timeFormat(), now) + " " + line);
        }
        if (settings.file().isPresent()) {
            try {
                append(settings.file().get(), settings.timeFormat(), now, line);
            } catch (IOException e) {
                warnings.accept(settings.fileSetting() + ": cannot write the log file " + settings.file().get() + ": "
                        + e.getMessage());
            }
        }
        if (settings.syslogFacility().isPresent()) {
            syslog(settings.syslogFacility().get(), report.allDelivered(), line);
        }
    }

    private void syslog(String facility, boolean delivered, String line) {
        Optional<Path> logger = onPath("logger");
        if (logger.isEmpty()) {
            warnings.accept(settings.syslogSetting() + ": the logger program is not on the PATH; the log line was not "
                    + "sent to syslog");
            return;
        }
        try {
            runLogger(logger.get(), facility, delivered, line, LOGGER_TIMEOUT);
        } catch (IOException e) {
            warnings.accept(settings.syslogSetting() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Path> onPath(String program) {
        for (String dir : env.variable("PATH").orElse("/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The log line of one message, without the time. The SMTP status is the last reply when every recipient was
     * delivered, else the first failed recipient's reply, whose detail is also given as {@code errormsg}.
     *
     * @param host the smart host, or the host that answered (direct delivery)
     * @param tls whether TLS was asked for
     * @param user the user name authenticated as, if any
     * @param from the envelope sender ({@code <>} for the null sender)
     * @param size the message size in octets
     * @param report what happened to each recipient
     * @param exitCode the sysexits code the program ends with, logged by name ({@link ExitCodes#name})
     * @return the line, without a line break
     */
    static String line(String host, boolean tls, Optional<String> user, String from, long size,
            DeliveryReport report, int exitCode) {
        StringBuilder sb = new StringBuilder();
        sb.append("host=").append(word(host)).append(" tls=").append(tls ? "on" : "off").append(" auth=")
                .append(user.isPresent() ? "on" : "off");
        user.ifPresent(u -> sb.append(" user=").append(word(u)));
        sb.append(" from=").append(word(from)).append(" recipients=")
                .append(report.outcomes().stream().map(o -> o.recipient().address()).collect(Collectors.joining(",")))
                .append(" mailsize=").append(size);
        List<RecipientOutcome> failed = report.outcomes().stream().filter(o -> !o.isDelivered()).toList();
        Optional<SmtpReply> reply = (failed.isEmpty() ? report.outcomes() : failed).stream()
                .map(RecipientOutcome::reply).flatMap(Optional::stream).reduce((a, b) -> failed.isEmpty() ? b : a);
        reply.ifPresent(r -> sb.append(" smtpstatus=").append(r.code()).append(" smtpmsg=")
                .append(quoted(r.toString())));
        if (!failed.isEmpty()) {
            sb.append(" errormsg=").append(quoted(failed.get(0).detail()));
        }
        sb.append(" exitcode=").append(ExitCodes.name(exitCode));
        return sb.toString();
    }

    /**
     * Appends {@code time + " " + line} and a line break to the log file, creating it readable and writable by its
     * owner only when it does not exist yet.
     *
     * @param file the log file
     * @param timeFormat the time's format ({@link #strftime})
     * @param now the time to write
     * @param line the line ({@link #line})
     * @throws IOException when the file cannot be created or written
     */
    static void append(Path file, String timeFormat, ZonedDateTime now, String line) throws IOException {
        String text = strftime(timeFormat, now) + " " + line + "\n";
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                // not a POSIX file system, or created meanwhile: append below
            }
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Sends the line to syslog by running {@code logger -t msmtp -p FACILITY.PRIORITY -- LINE}, priority
     * {@code info} for a delivered message and {@code err} otherwise, with standard input from {@code /dev/null}
     * and its output discarded. Waits for it at most {@code timeout}, then ends it.
     *
     * @param logger the {@code logger} program
     * @param facility the facility as msmtp names it: {@code LOG_MAIL}, {@code LOG_USER}, {@code LOG_LOCAL0}...
     * @param delivered whether every recipient was delivered
     * @param line the line ({@link #line})
     * @param timeout how long logger may take
     * @throws IOException one line saying why: logger cannot be run, did not finish in time, or exited with a
     *         non-zero status
     * @throws InterruptedException when interrupted while waiting (logger is left to finish)
     */
    static void runLogger(Path logger, String facility, boolean delivered, String line, Duration timeout)
            throws IOException, InterruptedException {
        String name = facility.startsWith("LOG_") ? facility.substring("LOG_".length()) : facility;
        String priority = name.toLowerCase(Locale.ROOT) + "." + (delivered ? "info" : "err");
        Process p;
        try {
            p = new ProcessBuilder(List.of(logger.toString(), "-t", "msmtp", "-p", priority, "--", line))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("cannot run logger: " + e.getMessage(), e);
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException("logger did not finish in " + timeout.toSeconds() + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("logger exited with " + p.exitValue());
        }
    }

    /**
     * Formats a time with the strftime conversions a log time uses: {@code %a %A %b %B %h %d %e %H %I %M %S %p %y
     * %Y %m %j %Z %z %F %T %D %R %%}, in English; any other conversion is kept as written.
     *
     * @param format the format
     * @param t the time
     * @return the formatted time
     */
    static String strftime(String format, ZonedDateTime t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                sb.append(c);
                continue;
            }
            char n = format.charAt(++i);
            switch (n) {
                case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'A' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT));
                case 'b', 'h' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'B' -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT));
                case 'd' -> sb.append(String.format("%02d", t.getDayOfMonth()));
                case 'e' -> sb.append(String.format("%2d", t.getDayOfMonth()));
                case 'H' -> sb.append(String.format("%02d", t.getHour()));
                case 'I' -> sb.append(String.format("%02d", (t.getHour() + 11) % 12 + 1));
                case 'M' -> sb.append(String.format("%02d", t.getMinute()));
                case 'S' -> sb.append(String.format("%02d", t.getSecond()));
                case 'p' -> sb.append(t.getHour() < 12 ? "AM" : "PM");
                case 'y' -> sb.append(String.format("%02d", t.getYear() % 100));
                case 'Y' -> sb.append(t.getYear());
                case 'm' -> sb.append(String.format("%02d", t.getMonthValue()));
                case 'j' -> sb.append(String.format("%03d", t.getDayOfYear()));
                case 'Z' -> sb.append(t.getZone().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'z' -> sb.append(DateTimeFormatter.ofPattern("xx", Locale.ROOT).format(t));
                case 'F' -> sb.append(strftime("%Y-%m-%d", t));
                case 'T' -> sb.append(strftime("%H:%M:%S", t));
                case 'D' -> sb.append(strftime("%m/%d/%y", t));
                case 'R' -> sb.append(strftime("%H:%M", t));
                case '%' -> sb.append('%');
                default -> sb.append('%').append(n);
            }
        }
        return sb.toString();
    }

    private static String word(String s) {
        return ControlCharacters.oneLine(s).replace(' ', '_');
    }

    private static String quoted(String s) {
        return "'" + ControlCharacters.oneLine(s).replace("'", "\\'") + "'";
    }
}
