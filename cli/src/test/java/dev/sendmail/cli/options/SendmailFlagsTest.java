package dev.sendmail.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.cli.output.CliException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendmailFlagsTest {

    private static SendmailFlags n(String... args) throws CliException {
        return SendmailFlags.normalize(args, CliOptions.build());
    }

    @Test
    void historicFlagsAreMappedOrIgnored() throws CliException {
        SendmailFlags f = n("-oi", "-oem", "-B8BITMIME", "-bm", "-U", "-L", "tag", "-r", "a@a.test", "bob@b.test");
        assertEquals(List.of("-i", "-f", "a@a.test", "bob@b.test"), f.args());
        assertEquals(List.of("-oem", "-B8BITMIME", "-bm", "-U", "-L tag"), f.ignored());
    }

    @Test
    void queueAndVerifyModesBecomeSendMailOptions() throws CliException {
        SendmailFlags f = n("-q", "-q30m", "-bp", "-bv", "-G", "-n", "-m", "-X", "/tmp/x", "-Xfile", "bob@b.test");
        assertEquals(List.of("--queue-run", "--queue-run", "--queue-list", "--verify", "bob@b.test"), f.args());
        assertEquals(List.of("-q30m (the interval; run send-mail -q from cron instead)", "-G", "-n", "-m", "-X /tmp/x",
                "-Xfile"), f.ignored());
    }

    @Test
    void optionValuesAreNeverRewritten() throws CliException {
        SendmailFlags f = n("--subject", "-oi", "-s", "-B8", "--header=X: -oi", "-F", "-oem", "-raddr@a.test");
        assertEquals(List.of("--subject", "-oi", "-s", "-B8", "--header=X: -oi", "-F", "-oem", "-faddr@a.test"),
                f.args());
        assertEquals(List.of(), f.ignored());
    }

    @Test
    void everythingAfterDoubleDashIsARecipient() throws CliException {
        assertEquals(List.of("-v", "--", "-oi", "--password"), n("-v", "--", "-oi", "--password").args());
    }

    @Test
    void passwordsOnTheCommandLineAreRefused() {
        for (String a : new String[] {"--password", "--password=secret", "-p"}) {
            CliException e = assertThrows(CliException.class, () -> n(a, "x"));
            assertEquals(64, e.exitCode());
            assertTrue(e.getMessage().contains("--password-file"), e.getMessage());
        }
    }

    @Test
    void unsupportedModesAreUsageErrors() {
        assertEquals(64, assertThrows(CliException.class, () -> n("-bs")).exitCode());
        assertEquals(64, assertThrows(CliException.class, () -> n("-o")).exitCode());
        assertEquals(64, assertThrows(CliException.class, () -> n("-b")).exitCode());
    }
}
