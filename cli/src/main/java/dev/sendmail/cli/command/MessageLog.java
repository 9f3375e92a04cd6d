package dev.sendmail.cli.command;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.TlsMode;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.config.LogSettings;
import dev.sendmail.cli.output.MsmtpLog;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Writes msmtp's log line for one message where {@link LogSettings} says: the log file (or standard output for
 * {@code logfile -}) and syslog. Syslog goes through the {@code logger} program found on the PATH (tag
 * {@code msmtp}, the facility given, priority info for a delivered message and err otherwise), as a shell
 * script logging for msmtp would. A log that cannot be written is a warning; it never changes the exit code.
 */
final class MessageLog {

    private static final long LOGGER_SECONDS = 10;

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
            } catch (UncheckedIOException e) {
                inv.warn("cannot write the log file " + log.file().get() + ": " + e.getCause().getMessage());
            }
        }
        if (log.syslogFacility().isPresent()) {
            String facility = log.syslogFacility().get().substring("LOG_".length()).toLowerCase(Locale.ROOT);
            String priority = facility + "." + (report.allDelivered() ? "info" : "err");
            Optional<Path> logger = onPath(inv, "logger");
            if (logger.isEmpty()) {
                inv.warn("syslog: the logger program is not on the PATH; the log line was not sent to syslog");
                return;
            }
            try {
                Process p = new ProcessBuilder(List.of(logger.get().toString(), "-t", "msmtp", "-p", priority, "--",
                        line)).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(LOGGER_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    inv.warn("syslog: logger did not finish in " + LOGGER_SECONDS + " s");
                } else if (p.exitValue() != 0) {
                    inv.warn("syslog: logger exited with " + p.exitValue());
                }
            } catch (IOException e) {
                inv.warn("syslog: cannot run logger: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Optional<Path> onPath(Invocation inv, String program) {
        String path = inv.env().variable("PATH").orElse("/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
