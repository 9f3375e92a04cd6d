package dev.sendmail.cli;

import dev.sendmail.cli.config.Environment;
import dev.sendmail.config.UserEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs {@link Main} in-process with captured streams and a controlled environment. */
public record CliRun(int code, String out, String err) {

    public static Environment env(Path home) {
        return new Environment(new UserEnvironment(Map.of("USER", "tester", "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("xdg").toString()), home, home.resolve("etc")), home,
                false, false, Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC));
    }

    /** {@code env} with other environment variables. */
    public static Environment withVariables(Environment env, Map<String, String> variables) {
        UserEnvironment u = env.user();
        return new Environment(new UserEnvironment(variables, u.home(), u.systemConfigDir()), env.tempDir(),
                env.stderrIsTerminal(), env.stdoutIsTerminal(), env.clock());
    }

    static CliRun run(Environment env, String stdin, String... args) {
        return run(env, stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static CliRun run(Environment env, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
