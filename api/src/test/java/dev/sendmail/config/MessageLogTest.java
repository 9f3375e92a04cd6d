package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SmtpReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * msmtp's log line for a message, its time, file and logger, and the line written where the log settings say; a
 * log that fails is a warning.
 */
class MessageLogTest {

    @TempDir
    Path dir;

    private static final ZonedDateTime T = ZonedDateTime.parse("2026-03-07T09:05:03Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-07T09:05:03Z"), ZoneOffset.UTC);
    private static final DeliveryReport DELIVERED = new DeliveryReport(List.of(RecipientOutcome.delivered(
            Mailbox.parse("b@b.test"), SmtpReply.of(250, "2.0.0 Ok"), "mx.b.test")));

    private final List<String> out = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private MessageLog log(LogSettings settings, ServerSettings server, String path) {
        UserEnvironment env = new UserEnvironment(Map.of("PATH", path), dir, dir);
        return new MessageLog(settings, server, env, CLOCK, out::add, warnings::add);
    }

    private static ServerSettings smartHost() throws ConfigException {
        return ServerSettings.builder().smartHosts(List.of(MailHost.of("smtp.a.test", 587))).build();
    }

    @Test
    void noLogSettingsWriteNothing() throws Exception {
        log(LogSettings.NONE, smartHost(), dir.toString()).write("a@a.test", 10, DELIVERED, 0);
        assertEquals(List.of(), out);
        assertEquals(List.of(), warnings);
    }

    @Test
    void theLineNamesTheSmartHostInTheFileAndOnStandardOutputWithTheTime() throws Exception {
        Path file = dir.resolve("msmtp.log");
        LogSettings both = new LogSettings(Optional.of(file), false, LogSettings.DEFAULT_TIME_FORMAT,
                Optional.empty());
        log(both, smartHost(), dir.toString()).write("a@a.test", 10, DELIVERED, 0);
        String written = Files.readString(file);
        assertTrue(written.startsWith("Mar 07 09:05:03 host=smtp.a.test tls=on auth=off from=a@a.test "), written);
        LogSettings stdout = new LogSettings(Optional.empty(), true, "%H:%M", Optional.empty());
        log(stdout, smartHost(), dir.toString()).write("a@a.test", 10, DELIVERED, 0);
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("09:05 host=smtp.a.test "), out.get(0));
        assertEquals(List.of(), warnings);
    }

    @Test
    void directDeliveryNamesTheHostThatAnswered() throws Exception {
        LogSettings stdout = new LogSettings(Optional.empty(), true, "%H", Optional.empty());
        log(stdout, ServerSettings.builder().build(), dir.toString()).write("a@a.test", 10, DELIVERED, 0);
        assertTrue(out.get(0).startsWith("09 host=mx.b.test "), out.get(0));
    }

    @Test
    void aLogThatCannotBeWrittenIsAWarningNamingTheSetting() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        LogSettings file = new LogSettings(Optional.of(notADirectory.resolve("msmtp.log")), false, "%H",
                Optional.empty(), "logfile in rc line 3", "syslog");
        log(file, smartHost(), dir.toString()).write("a@a.test", 10, DELIVERED, 0);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("logfile in rc line 3: cannot write the log file "), warnings.get(0));
    }

    @Test
    void syslogRunsTheLoggerOnThePathOrWarnsWithoutOne() throws Exception {
        LogSettings syslog = new LogSettings(Optional.empty(), false, "%H", Optional.of("LOG_MAIL"), "logfile",
                "syslog in rc line 4");
        log(syslog, smartHost(), dir.toString()).write("a@a.test", 10, DELIVERED, 0);
        assertEquals(List.of("syslog in rc line 4: the logger program is not on the PATH; the log line was not sent "
                + "to syslog"), warnings);
        warnings.clear();
        Path args = dir.resolve("args");
        Path logger = Files.writeString(dir.resolve("logger"), "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' "
                + "\"$a\"; done > " + args + "\n");
        assertTrue(logger.toFile().setExecutable(true));
        log(syslog, smartHost(), "/nonexistent:" + dir).write("a@a.test", 10, DELIVERED, 0);
        assertEquals(List.of(), warnings);
        String called = Files.readString(args);
        assertTrue(called.contains("mail.info") && called.contains("host=smtp.a.test"), called);
    }

    private static RecipientOutcome ok(String rcpt) {
        return RecipientOutcome.delivered(Mailbox.parse(rcpt), SmtpReply.of(250, "2.0.0 Ok: queued as 4F"),
                "smtp.a.test");
    }

    @Test
    void aDeliveredMessageIsOneLineInMsmtpsFormat() {
        String line = MessageLog.line("smtp.a.test", true, Optional.of("alice"), "alice@a.test", 1234,
                new DeliveryReport(List.of(ok("b@b.test"), ok("c@c.test"))), 0);
        assertEquals("host=smtp.a.test tls=on auth=on user=alice from=alice@a.test recipients=b@b.test,c@c.test "
                + "mailsize=1234 smtpstatus=250 smtpmsg='250 2.0.0 Ok: queued as 4F' exitcode=EX_OK", line);
    }

    @Test
    void aFailureNamesTheReplyTheErrorAndTheExitCodeWithoutUser() {
        RecipientOutcome bad = new RecipientOutcome(Mailbox.parse("x@b.test"), dev.sendmail.api.DeliveryStatus.FAILED,
                Optional.of(SmtpReply.of(550, List.of("5.1.1 it's unknown", "5.1.1 really"))), Optional.of("mx.b.test"),
                Optional.empty(), "RCPT 550 5.1.1 it's unknown (mx.b.test)", Optional.empty(), Optional.empty());
        String line = MessageLog.line("mx.b.test", false, Optional.empty(), "<>", 10,
                new DeliveryReport(List.of(ok("b@b.test"), bad)), 67);
        assertTrue(line.startsWith("host=mx.b.test tls=off auth=off from=<> recipients=b@b.test,x@b.test "), line);
        assertTrue(line.contains(" smtpstatus=550 smtpmsg='550 5.1.1 it\\'s unknown really' "), line);
        assertTrue(line.endsWith(" errormsg='RCPT 550 5.1.1 it\\'s unknown (mx.b.test)' exitcode=EX_NOUSER"), line);
        assertEquals(1, line.lines().count());
    }

    @Test
    void strftimeCoversTheUsualFormats() {
        assertEquals("Mar 07 09:05:03", MessageLog.strftime("%b %d %H:%M:%S", T));
        assertEquals("2026-03-07 09:05:03 +0000 %x 066", MessageLog.strftime("%F %T %z %%x %j", T));
        assertEquals("Sat  7 AM", MessageLog.strftime("%a %e %p", T));
    }

    @Test
    void appendCreatesAnOwnerOnlyFileAndAppends() throws Exception {
        Path log = dir.resolve("msmtp.log");
        MessageLog.append(log, "%F", T, "one");
        MessageLog.append(log, "%F", T, "two");
        assertEquals("2026-03-07 one\n2026-03-07 two\n", Files.readString(log));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    }

    /**
     * A logger that writes its arguments, one a line, to {@code args} and what it reads from standard input to
     * {@code args.stdin}, prints more than a pipe holds on standard output and error, and exits with {@code status}.
     */
    private Path logger(Path args, int status) throws Exception {
        return script("for a in \"$@\"; do printf '%s\\n' \"$a\"; done > " + args + "\ncat > " + args
                + ".stdin\nhead -c 300000 /dev/zero\nhead -c 300000 /dev/zero >&2\nexit " + status + "\n");
    }

    private Path script(String body) throws Exception {
        Path logger = dir.resolve("logger");
        Files.writeString(logger, "#!/bin/sh\n" + body);
        assertTrue(logger.toFile().setExecutable(true));
        return logger;
    }

    @Test
    void syslogRunsLoggerWithTheFacilityAndErrForAFailure() throws Exception {
        Path args = dir.resolve("args");
        MessageLog.runLogger(logger(args, 0), "LOG_LOCAL3", false, "host=h it's", Duration.ofSeconds(30));
        assertEquals(List.of("-t", "msmtp", "-p", "local3.err", "--", "host=h it's"), Files.readAllLines(args));
        MessageLog.runLogger(logger(args, 0), "LOG_MAIL", true, "x", Duration.ofSeconds(30));
        assertEquals(List.of("-t", "msmtp", "-p", "mail.info", "--", "x"), Files.readAllLines(args));
        assertEquals(0, Files.size(dir.resolve("args.stdin")), "logger reads nothing: its input is /dev/null");
    }

    @Test
    void aLoggerThatDoesNotFinishIsEnded() throws Exception {
        Path logger = script("exec sleep 600\n");
        Set<ProcessHandle> before = ProcessHandle.current().children().collect(Collectors.toSet());
        IOException e = assertThrows(IOException.class,
                () -> MessageLog.runLogger(logger, "LOG_MAIL", true, "x", Duration.ZERO));
        assertEquals("logger did not finish in 0 s", e.getMessage());
        for (ProcessHandle child : ProcessHandle.current().children().filter(c -> !before.contains(c)).toList()) {
            child.onExit().get(30, TimeUnit.SECONDS); // ended by syslog, not by sleep
        }
    }

    @Test
    void aLoggerThatFailsOrCannotRunIsOneLine() throws Exception {
        IOException e = assertThrows(IOException.class, () -> MessageLog.runLogger(logger(dir.resolve("args"), 3),
                "LOG_MAIL", true, "x", Duration.ofSeconds(30)));
        assertEquals("logger exited with 3", e.getMessage());
        e = assertThrows(IOException.class, () -> MessageLog.runLogger(dir.resolve("no-such-logger"), "LOG_MAIL", true,
                "x", Duration.ofSeconds(30)));
        assertTrue(e.getMessage().startsWith("cannot run logger: "), e.getMessage());
    }

    @Test
    void aReplysC1AndLineSeparatorsNeverReachTheLogLine() {
        RecipientOutcome odd = RecipientOutcome.delivered(Mailbox.parse("b@b.test"),
                SmtpReply.of(250, "2.0.0 Ok\u009b31m\u2028X: y\u0085z"), "smtp.a.test");
        String line = MessageLog.line("smtp.a.test", true, Optional.empty(), "a@a.test", 1,
                new DeliveryReport(List.of(odd)), 0);
        assertTrue(line.contains(" smtpmsg='250 2.0.0 Ok 31m X: y z' "), line);
    }
}
