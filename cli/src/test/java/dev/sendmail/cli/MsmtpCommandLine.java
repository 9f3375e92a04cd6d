package dev.sendmail.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sendmail.cli.config.Environment;
import dev.sendmail.spi.Providers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * msmtp's command line ({@code --msmtp}, what the launcher passes when called through a link named msmtp) run in
 * process, for the tests of msmtp's options and keys against the fake server: a private home directory, an
 * {@code msmtprc} in it, and the socket transport, without which the calling test is skipped.
 */
final class MsmtpCommandLine {

    private final Path home;
    private final Environment env;

    /**
     * @param home the test's home directory (a {@code @TempDir})
     */
    MsmtpCommandLine(Path home) {
        assumeTrue(Providers.transports(MsmtpCommandLine.class.getClassLoader()).names().contains("socket"),
                "transport-socket is not on the class path");
        this.home = home;
        this.env = CliRun.env(home);
    }

    /** The environment the runs see: the home directory and nothing of the real user's. */
    Environment env() {
        return env;
    }

    /** Runs {@code --msmtp} with {@code args}, {@code stdin} as standard input. */
    CliRun run(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--msmtp"));
        all.addAll(List.of(args));
        return CliRun.run(env, stdin, all.toArray(String[]::new));
    }

    /** Writes {@code text} as {@code msmtprc} in the home directory, readable by its owner only, as msmtp wants. */
    Path rc(String text) throws IOException {
        Path rc = home.resolve("msmtprc");
        Files.writeString(rc, text);
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        return rc;
    }
}
