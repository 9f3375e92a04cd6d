package dev.sendmail.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SmtpReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MsmtpLogTest {

    @TempDir
    Path dir;

    private static final ZonedDateTime T = ZonedDateTime.parse("2026-03-07T09:05:03Z");

    private static RecipientOutcome ok(String rcpt) {
        return RecipientOutcome.delivered(Mailbox.parse(rcpt), SmtpReply.of(250, "2.0.0 Ok: queued as 4F"),
                "smtp.a.test");
    }

    @Test
    void aDeliveredMessageIsOneLineInMsmtpsFormat() {
        String line = MsmtpLog.line("smtp.a.test", true, Optional.of("alice"), "alice@a.test", 1234,
                new DeliveryReport(List.of(ok("b@b.test"), ok("c@c.test"))), 0);
        assertEquals("host=smtp.a.test tls=on auth=on user=alice from=alice@a.test recipients=b@b.test,c@c.test "
                + "mailsize=1234 smtpstatus=250 smtpmsg='250 2.0.0 Ok: queued as 4F' exitcode=EX_OK", line);
    }

    @Test
    void aFailureNamesTheReplyTheErrorAndTheExitCodeWithoutUser() {
        RecipientOutcome bad = new RecipientOutcome(Mailbox.parse("x@b.test"), dev.sendmail.api.DeliveryStatus.FAILED,
                Optional.of(SmtpReply.of(550, List.of("5.1.1 it's unknown", "5.1.1 really"))), Optional.of("mx.b.test"),
                Optional.empty(), "RCPT 550 5.1.1 it's unknown (mx.b.test)", Optional.empty(), Optional.empty());
        String line = MsmtpLog.line("mx.b.test", false, Optional.empty(), "<>", 10,
                new DeliveryReport(List.of(ok("b@b.test"), bad)), 67);
        assertTrue(line.startsWith("host=mx.b.test tls=off auth=off from=<> recipients=b@b.test,x@b.test "), line);
        assertTrue(line.contains(" smtpstatus=550 smtpmsg='550 5.1.1 it\\'s unknown really' "), line);
        assertTrue(line.endsWith(" errormsg='RCPT 550 5.1.1 it\\'s unknown (mx.b.test)' exitcode=EX_NOUSER"), line);
        assertEquals(1, line.lines().count());
    }

    @Test
    void strftimeCoversTheUsualFormats() {
        assertEquals("Mar 07 09:05:03", MsmtpLog.strftime("%b %d %H:%M:%S", T));
        assertEquals("2026-03-07 09:05:03 +0000 %x 066", MsmtpLog.strftime("%F %T %z %%x %j", T));
        assertEquals("Sat  7 AM", MsmtpLog.strftime("%a %e %p", T));
    }

    @Test
    void appendCreatesAnOwnerOnlyFileAndAppends() throws Exception {
        Path log = dir.resolve("msmtp.log");
        MsmtpLog.append(log, "%F", T, "one");
        MsmtpLog.append(log, "%F", T, "two");
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
        MsmtpLog.syslog(logger(args, 0), "LOG_LOCAL3", false, "host=h it's", Duration.ofSeconds(30));
        assertEquals(List.of("-t", "msmtp", "-p", "local3.err", "--", "host=h it's"), Files.readAllLines(args));
        MsmtpLog.syslog(logger(args, 0), "LOG_MAIL", true, "x", Duration.ofSeconds(30));
        assertEquals(List.of("-t", "msmtp", "-p", "mail.info", "--", "x"), Files.readAllLines(args));
        assertEquals(0, Files.size(dir.resolve("args.stdin")), "logger reads nothing: its input is /dev/null");
    }

    @Test
    void aLoggerThatDoesNotFinishIsEnded() throws Exception {
        Path logger = script("exec sleep 600\n");
        Set<ProcessHandle> before = ProcessHandle.current().children().collect(Collectors.toSet());
        IOException e = assertThrows(IOException.class,
                () -> MsmtpLog.syslog(logger, "LOG_MAIL", true, "x", Duration.ZERO));
        assertEquals("logger did not finish in 0 s", e.getMessage());
        for (ProcessHandle child : ProcessHandle.current().children().filter(c -> !before.contains(c)).toList()) {
            child.onExit().get(30, TimeUnit.SECONDS); // ended by syslog, not by sleep
        }
    }

    @Test
    void aLoggerThatFailsOrCannotRunIsOneLine() throws Exception {
        IOException e = assertThrows(IOException.class, () -> MsmtpLog.syslog(logger(dir.resolve("args"), 3),
                "LOG_MAIL", true, "x", Duration.ofSeconds(30)));
        assertEquals("logger exited with 3", e.getMessage());
        e = assertThrows(IOException.class, () -> MsmtpLog.syslog(dir.resolve("no-such-logger"), "LOG_MAIL", true,
                "x", Duration.ofSeconds(30)));
        assertTrue(e.getMessage().startsWith("cannot run logger: "), e.getMessage());
    }

    @Test
    void exitCodesAreLoggedByTheirSysexitsName() {
        assertEquals("EX_TEMPFAIL", MsmtpLog.exitName(75));
        assertEquals("EX_CONFIG", MsmtpLog.exitName(78));
        assertEquals("3", MsmtpLog.exitName(3));
    }

    @Test
    void aReplysC1AndLineSeparatorsNeverReachTheLogLine() {
        RecipientOutcome odd = RecipientOutcome.delivered(Mailbox.parse("b@b.test"),
                SmtpReply.of(250, "2.0.0 Ok\u009b31m\u2028X: y\u0085z"), "smtp.a.test");
        String line = MsmtpLog.line("smtp.a.test", true, Optional.empty(), "a@a.test", 1,
                new DeliveryReport(List.of(odd)), 0);
        assertTrue(line.contains(" smtpmsg='250 2.0.0 Ok 31m X: y z' "), line);
    }
}
