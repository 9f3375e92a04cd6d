package dev.sendmail.cli.command;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.TlsMode;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.config.LogSettings;
import dev.sendmail.local.MsmtpLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Writes msmtp's log line for one message where {@link LogSettings} says: the log file (or standard output for
 * {@code logfile -}) and syslog. Syslog goes through the {@code logger} program found on the PATH (tag
 * {@code msmtp}, the facility given, priority info for a delivered message and err otherwise), as a shell
 * script logging for msmtp would. A log that cannot be written is a warning naming the setting (silenced by
 * {@code --quiet}); it never changes the exit code.
 */
final class MessageLog {

    private static final Duration LOGGER_TIMEOUT = Duration.ofSeconds(10);

    private MessageLog() {
    }

    static void write(Invocation inv, String from, long size, DeliveryReport report, int exitCode) {
        CliConfig c = inv.config();
        LogSettings log = c.log();
        if (!log.enabled()) {
            return;
        }
        String host = c.routing().smartHost().map(h -> h.name()).orElseGet(() -> report.outcomes().stream()
                .map(o -> o.host()).flatMap(Optional::stream).findFirst().orElse("MX"));
        String line = MsmtpLog.line(host, c.security().tlsMode() != TlsMode.OFF, c.auth().user(), from, size, report,
                exitCode);
        ZonedDateTime now = ZonedDateTime.now(inv.env().clock());
        if (log.toStdout()) {
            inv.out().println(MsmtpLog.strftime(log.timeFormat(), now) + " " + line);
        }
        if (log.file().isPresent()) {
            try {
                MsmtpLog.append(log.file().get(), log.timeFormat(), now, line);
            } catch (IOException e) {
                inv.info("warning: " + log.fileSetting() + ": cannot write the log file " + log.file().get() + ": "
                        + e.getMessage());
            }
        }
        if (log.syslogFacility().isPresent()) {
            Optional<Path> logger = onPath(inv, "logger");
            if (logger.isEmpty()) {
                inv.info("warning: " + log.syslogSetting() + ": the logger program is not on the PATH; the log line "
                        + "was not sent to syslog");
                return;
            }
            try {
                MsmtpLog.syslog(logger.get(), log.syslogFacility().get(), report.allDelivered(), line, LOGGER_TIMEOUT);
            } catch (IOException e) {
                inv.info("warning: " + log.syslogSetting() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Optional<Path> onPath(Invocation inv, String program) {
        String path = inv.env().user().variable("PATH").orElse("/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
