package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.local.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message piped in is kept in dead.letter whatever stops it, with the exit code the failure has anyway. */
class NothingLostTest {

    @TempDir
    Path home;

    Environment env;

    private static final String MESSAGE = "From: alice@a.test\nSubject: keep me\n\nthe body\n";

    @BeforeEach
    void setUp() {
        env = CliRun.env(home);
    }

    private String deadLetter() throws Exception {
        return Files.readString(home.resolve("dead.letter"));
    }

    @Test
    void aConfigurationErrorKeepsTheMessage() throws Exception {
        CliRun r = CliRun.run(env, MESSAGE, "-C", home.resolve("missing.conf").toString(), "bob@b.test");
        assertEquals(ExitCodes.NO_INPUT, r.code(), r.toString());
        String kept = deadLetter();
        assertTrue(kept.contains("the body") && kept.contains("X-Undelivered-To: bob@b.test\n")
                && kept.contains("X-Send-Mail-Error: configuration file"), kept);
        assertTrue(r.err().contains("message saved in"), r.toString());
    }

    @Test
    void aLocalRecipientWithoutAnAliasKeepsTheMessage() throws Exception {
        CliRun r = CliRun.run(env, MESSAGE, "--transport", "memory", "bob");
        assertEquals(ExitCodes.DATA_ERROR, r.code(), r.toString());
        assertTrue(deadLetter().contains("the body"), r.toString());
    }

    @Test
    void noRecipientFoundAfterReadingKeepsTheMessage() throws Exception {
        CliRun r = CliRun.run(env, MESSAGE, "--transport", "memory", "-t");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(deadLetter().contains("the body"), r.toString());
    }

    /** TMPDIR pointing nowhere: the message cannot be spooled, nothing of it was read, and it is kept. */
    @Test
    void aSpoolFileThatCannotBeCreatedKeepsTheMessageAsGiven() throws Exception {
        Path tempDir = home.resolve("no-such-directory");
        CliRun r = CliRun.run(new Environment(env.user(), tempDir, false, false, env.clock()), MESSAGE,
                "--transport", "memory", "bob@b.test");
        assertEquals(ExitCodes.IO_ERROR, r.code(), r.toString());
        assertTrue(r.err().matches("send-mail: cannot read or spool the message: \\Q" + tempDir
                + "\\E/send-mail-[^ ]+\\.body; message saved in \\Q" + home.resolve("dead.letter") + "\\E\n"), r.err());
        String kept = deadLetter();
        assertTrue(kept.startsWith("From MAILER-DAEMON Sat Nov 28 12:00:00 2026\nX-Undelivered-To: bob@b.test\n"
                + "X-Send-Mail-Error: cannot read or spool the message: " + tempDir), kept);
        assertTrue(kept.endsWith(".body\n" + MESSAGE + "\n"), kept);
    }

    @Test
    void commandsThatReadNoMessageWriteNoDeadLetter() throws Exception {
        CliRun r = CliRun.run(env, "", "-C", home.resolve("missing.conf").toString(), "--queue-dir",
                home.resolve("q").toString(), "-q");
        assertEquals(ExitCodes.NO_INPUT, r.code(), r.toString());
        assertFalse(Files.exists(home.resolve("dead.letter")));
    }

    /** Each mode that sends no message leaves piped input alone when the configuration is bad. */
    @Test
    void modesThatSendNoMessageKeepNoPipedInput() throws Exception {
        String[][] modes = {{"--verify"}, {"--etrn", "b.test"}, {"--dkim-record", "key.pem"},
            {"--tls-report", "b.test"}, {"--plan"}, {"--check-sender", "alice@a.test"}};
        for (String[] mode : modes) {
            List<String> args = new ArrayList<>(List.of("-C", home.resolve("missing.conf").toString()));
            args.addAll(List.of(mode));
            args.add("bob@b.test");
            CliRun r = CliRun.run(env, MESSAGE, args.toArray(String[]::new));
            assertEquals(ExitCodes.NO_INPUT, r.code(), r.toString());
            assertFalse(Files.exists(home.resolve("dead.letter")), mode[0] + " kept its input: " + r);
        }
    }
}
