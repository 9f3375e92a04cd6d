package dev.sendmail.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.SmtpReply;
import dev.sendmail.cli.CliRun;
import dev.sendmail.cli.config.CliConfigMapper;
import dev.sendmail.config.Account;
import dev.sendmail.config.ConfigFile;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.cli.options.CliOptions;
import dev.sendmail.spi.TranscriptListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Invocation invocation(String... args) throws Exception {
        Environment env = CliRun.env(home);
        var cl = DefaultParser.builder().setAllowPartialMatching(false).get().parse(CliOptions.build(), args);
        return new Invocation(CliConfigMapper.map(cl, List.of(), Account.EMPTY, env), env,
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), ConfigFile.NONE,
                ConfigFile.NONE.choose(Optional.empty(), Optional.empty()));
    }

    private String traced(TranscriptListener l) {
        l.note("mx.b.test", "trying mx.b.test");
        l.command("mx.b.test", "MAIL FROM:<a@a.test>");
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noTraceWithoutTraceOrVerbose() throws Exception {
        assertSame(TranscriptListener.NONE, invocation("bob@b.test").trace());
    }

    @Test
    void verboseTracesNotesButNotTheDialogue() throws Exception {
        String out = traced(invocation("--verbose", "bob@b.test").trace());
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.contains("trying mx.b.test") && !out.contains("MAIL FROM"), out);
    }

    @Test
    void traceShowsTheDialogue() throws Exception {
        String out = traced(invocation("--trace", "bob@b.test").trace());
        assertEquals(2, out.lines().count(), out);
        assertTrue(out.contains("-> MAIL FROM:<a@a.test>"), out);
    }

    @Test
    void theTraceIsTheApisLinesAfterTheProgramName() throws Exception {
        TranscriptListener t = invocation("--trace", "bob@b.test").trace();
        t.command("mx.b.test", "AUTH PLAIN AGFsaWNlAHNlY3JldA==");
        t.reply("mx.b.test", SmtpReply.of(250, List.of("mx.b.test", "PIPELINING")));
        assertEquals("""
                send-mail: [mx.b.test] -> AUTH PLAIN ****
                send-mail: [mx.b.test] <- 250-mx.b.test
                send-mail: [mx.b.test] <- 250 PIPELINING
                """, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verboseShowsTheNoteAfterTheProgramName() throws Exception {
        traced(invocation("--verbose", "bob@b.test").trace());
        assertEquals("send-mail: [mx.b.test] trying mx.b.test\n", err.toString(StandardCharsets.UTF_8));
    }
}
