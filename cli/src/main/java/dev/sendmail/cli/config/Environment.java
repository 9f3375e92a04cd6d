package dev.sendmail.cli.config;

import dev.sendmail.config.UserEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI takes from the process around it, injected so tests control it: environment variables, the
 * home directory, the temporary directory, whether stderr is a terminal, and the clock.
 *
 * @param variables environment variables
 * @param home the user's home directory ({@code $HOME}; dead.letter, ~ in paths)
 * @param tempDir where messages are spooled
 * @param stderrIsTerminal whether progress may be shown
 * @param clock for Date headers and the mbox From_ line
 * @param systemConfigDir where the system-wide configuration files are looked for ({@code /etc})
 */
public record Environment(Map<String, String> variables, Path home, Path tempDir, boolean stderrIsTerminal,
                          Clock clock, Path systemConfigDir) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    /** An environment whose system-wide configuration files are in {@code /etc}. */
    public Environment(Map<String, String> variables, Path home, Path tempDir, boolean stderrIsTerminal,
                       Clock clock) {
        this(variables, home, tempDir, stderrIsTerminal, clock, Path.of("/etc"));
    }

    /** The real process environment. */
    public static Environment current() {
        String home = System.getenv("HOME");
        return new Environment(System.getenv(), Path.of(home != null && !home.isEmpty() ? home
                : System.getProperty("user.home", "/")),
                Path.of(System.getProperty("java.io.tmpdir", "/tmp")), stderrIsTty(), Clock.systemDefaultZone());
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
    }

    public Environment withVariables(Map<String, String> value) {
        return new Environment(value, home, tempDir, stderrIsTerminal, clock, systemConfigDir);
    }

    /** What the configuration look-ups of the api need of this environment. */
    public UserEnvironment user() {
        return new UserEnvironment(variables, home, systemConfigDir);
    }

    /** send-mail's cache directory: {@code $XDG_CACHE_HOME/send-mail}, default {@code ~/.cache/send-mail}. */
    public Path cacheDirectory() {
        return variable("XDG_CACHE_HOME").map(Path::of).orElse(home.resolve(".cache")).resolve("send-mail");
    }

    /** send-mail's data directory: {@code $XDG_DATA_HOME/send-mail}, default {@code ~/.local/share/send-mail}. */
    public Path dataDirectory() {
        return variable("XDG_DATA_HOME").map(Path::of).orElse(home.resolve(".local").resolve("share"))
                .resolve("send-mail");
    }

    /** Expands a leading {@code ~/} to the home directory. */
    public Path expand(String path) {
        return user().expand(path);
    }

    private static boolean stderrIsTty() {
        // Linux: fd 2 links to /dev/pts/N or /dev/ttyN on a terminal; elsewhere assume no terminal.
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
            String t = target.toString();
            return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }
}
