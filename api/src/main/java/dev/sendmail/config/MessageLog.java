package dev.sendmail.config;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.TlsMode;
import dev.sendmail.local.MsmtpLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * msmtp's log for an account: one line per message ({@link MsmtpLog#line}) where its {@link LogSettings} say, the
 * log file with the time in front (or standard output for {@code logfile -}) and syslog. Syslog goes through the
 * {@code logger} program found on the environment's {@code PATH} (tag {@code msmtp}, the facility given, priority
 * info for a delivered message and err otherwise), as a shell script logging for msmtp would. A log that cannot be
 * written is a warning naming the setting, never an exception: what became of the message does not depend on its
 * log.
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
        String line = MsmtpLog.line(host, server.security().tlsMode() != TlsMode.OFF, server.auth().user(), from,
                size, report, exitCode);
        ZonedDateTime now = ZonedDateTime.now(clock);
        if (settings.toStdout()) {
            standardOutput.accept(MsmtpLog.strftime(settings.timeFormat(), now) + " " + line);
        }
        if (settings.file().isPresent()) {
            try {
                MsmtpLog.append(settings.file().get(), settings.timeFormat(), now, line);
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
            MsmtpLog.syslog(logger.get(), facility, delivered, line, LOGGER_TIMEOUT);
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
}
