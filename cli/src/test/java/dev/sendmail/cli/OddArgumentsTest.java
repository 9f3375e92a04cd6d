package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ControlCharacters;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Odd command lines end with one line on stderr and a usage or data exit code, never a stack trace. */
class OddArgumentsTest {

    @TempDir
    Path home;

    @Test
    void oneLineAndASysexitsCode() {
        String[][] cases = {
            {}, {"--"}, {""}, {"-"}, {"--", "-x@y.test", "--transport", "nosuch"}, {"-f"}, {"--tls"},
            {"--tls", "maybe", "b@b.test"}, {"--timeout", "abc", "b@b.test"}, {"--deadline", "0", "b@b.test"},
            {"--server", "[::1", "b@b.test"}, {"--server", "h:99999", "b@b.test"}, {"--dns", "x:y", "b@b.test"},
            {"-N", "never,success", "b@b.test"}, {"-V", "has space", "b@b.test"}, {"--route", "=x", "b@b.test"},
            {"--header", "X: y", "b@b.test"}, {"-b"}, {"-bx"}, {"-o"}, {"--tls-key", "k", "b@b.test"},
            {"--to", "bad address", "b@b.test"}, {"-f", "a@a.test", "\u0000@b.test"}, {"--subject", "\u001b[31m"},
            {"--attach", "/nonexistent/x", "--subject", "s", "b@b.test"}, {"-a", "nope", "b@b.test"},
            {"--config", "/nonexistent/config", "b@b.test"}, {"--password=x"}, {"--set", "a b=c", "b@b.test"},
        };
        Set<Integer> allowed = Set.of(64, 65, 66, 78);
        for (String[] args : cases) {
            CliRun r = CliRun.run(CliRun.env(home), "", args);
            String what = String.join(" ", args) + " -> " + r;
            assertTrue(allowed.contains(r.code()), what);
            assertEquals(1, r.err().lines().count(), what);
            assertTrue(r.err().startsWith("send-mail: "), what);
            assertEquals(-1, ControlCharacters.indexOfExceptTab(r.err().strip()), what);
            assertEquals("", r.out(), what);
        }
    }
}
