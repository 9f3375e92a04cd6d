package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sendmail.api.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** msmtp's {@code eval} key, expanded when a file is read. */
class ConfigFileLoaderEvalTest {

    @TempDir
    Path dir;

    @Test
    void anEvalLineIsReplacedByTheFirstLineOfItsOutputKeepingLineNumbers() throws Exception {
        List<String> ran = new ArrayList<>();
        String text = "defaults\n  eval \"printf 'host %s' smtp.a.test\"\nport 0\n";
        String expanded = ConfigFileLoader.expandEval("rc", text, c -> {
            ran.add(c);
            return Secret.of("host smtp.a.test");
        });
        assertEquals(List.of("printf 'host %s' smtp.a.test"), ran);
        assertEquals("defaults\nhost smtp.a.test\nport 0\n", expanded);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.parse("rc", expanded));
        assertEquals("rc:3: port: port out of range (1-65535): 0", e.getMessage(), "line numbers are kept");
    }

    @Test
    void aFailingOrEmptyOrRecursiveEvalIsAnErrorWithItsLine() {
        assertEquals("rc:2: eval needs a command", assertThrows(ConfigException.class,
                () -> ConfigFileLoader.expandEval("rc", "defaults\neval\n", c -> Secret.of("x"))).getMessage());
        assertEquals("rc:1: eval: it failed", assertThrows(ConfigException.class,
                () -> ConfigFileLoader.expandEval("rc", "eval false\n", c -> {
                    throw ConfigException.invalid("it failed");
                })).getMessage());
        assertEquals("rc:1: eval printed another eval line", assertThrows(ConfigException.class,
                () -> ConfigFileLoader.expandEval("rc", "eval x\n", c -> Secret.of("eval y"))).getMessage());
    }

    @Test
    void evaluatorIsNotAKeyPrefix() throws Exception {
        String text = "evaluate x\n";
        assertEquals(text, ConfigFileLoader.expandEval("rc", text, c -> Secret.of("host h.test")));
    }

    @Test
    void aRealFileRunsTheCommand() throws Exception {
        Path rc = dir.resolve("msmtprc");
        Files.writeString(rc, "account default\neval echo host smtp.eval.test\nfrom a@a.test\n");
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        UserEnvironment env = new UserEnvironment(Map.of("HOME", dir.toString()), dir, dir.resolve("etc"));
        ConfigFile f = ConfigFileLoader.load(Optional.of(rc.toString()), env, w -> { });
        assertEquals(Optional.of("smtp.eval.test"), f.select(Optional.empty()).get(ConfigKey.HOST));
    }
}
