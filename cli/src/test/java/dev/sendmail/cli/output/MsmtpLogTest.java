package dev.sendmail.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SmtpReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
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
}
