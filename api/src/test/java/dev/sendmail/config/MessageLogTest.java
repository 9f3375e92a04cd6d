package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SmtpReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** msmtp's log line for a message, written where the log settings say; a log that fails is a warning. */
class MessageLogTest {

    @TempDir
    Path dir;

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
}
