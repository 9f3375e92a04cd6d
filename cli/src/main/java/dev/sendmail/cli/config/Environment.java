package dev.sendmail.cli.config;

import dev.sendmail.config.UserEnvironment;
import dev.sendmail.local.LocalClock;
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
 * @param stderrIsTerminal whether stderr is a terminal (progress is shown there)
 * @param stdoutIsTerminal whether stdout is a terminal (with stderr: someone is watching, not cron or a pipe)
 * @param clock for Date headers and the mbox From_ line
 * @param systemConfigDir where the system-wide configuration files are looked for ({@code /etc})
 */
public record Environment(Map<String, String> variables, Path home, Path tempDir, boolean stderrIsTerminal,
                          boolean stdoutIsTerminal, Clock clock, Path systemConfigDir) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    /** An environment whose stdout is not a terminal. */
    public Environment(Map<String, String> variables, Path home, Path tempDir, boolean stderrIsTerminal,
                       Clock clock, Path systemConfigDir) {
        this(variables, home, tempDir, stderrIsTerminal, false, clock, systemConfigDir);
    }

    /** An environment whose stdout is not a terminal and whose system-wide configuration files are in /etc. */
    public Environment(Map<String, String> variables, Path home, Path tempDir, boolean stderrIsTerminal,
                       Clock clock) {
        this(variables, home, tempDir, stderrIsTerminal, false, clock, Path.of("/etc"));
    }

    /** The real process environment. */
    public static Environment current() {
        String home = System.getenv("HOME");
        return new Environment(System.getenv(), Path.of(home != null && !home.isEmpty() ? home
                : System.getProperty("user.home", "/")),
                Path.of(System.getProperty("java.io.tmpdir", "/tmp")), isTerminal(2), isTerminal(1),
                LocalClock.systemDefaultZone(), Path.of("/etc"));
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
    }

    public Environment withVariables(Map<String, String> value) {
        return new Environment(value, home, tempDir, stderrIsTerminal, stdoutIsTerminal, clock, systemConfigDir);
    }

    /** What the configuration look-ups of the api need of this environment. */
    public UserEnvironment user() {
        return new UserEnvironment(variables, home, systemConfigDir);
    }

    /** send-mail's cache directory: {@code $XDG_CACHE_HOME/send-mail}, default {@code ~/.cache/send-mail}. */
    public Path cacheDirectory() {
        return user().cacheDirectory();
    }

    /** send-mail's data directory: {@code $XDG_DATA_HOME/send-mail}, default {@code ~/.local/share/send-mail}. */
    public Path dataDirectory() {
        return user().dataDirectory();
    }

    /** Expands a leading {@code ~/} to the home directory. */
    public Path expand(String path) {
        return user().expand(path);
    }

    /**
     * Whether file descriptor {@code fd} (1 stdout, 2 stderr) is a terminal. Linux: it links to /dev/pts/N or
     * /dev/ttyN. Without /proc: the JDK's console, which before JDK 22 exists only when stdin and stdout are
     * terminals; from JDK 22 on it may exist without one, so there {@code Console.isTerminal()} decides.
     */
    private static boolean isTerminal(int fd) {
        try {
            String t = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty");
        } catch (Exception e) {
            return consoleIsTerminal();
        }
    }

    private static boolean consoleIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17 to 21: a console means a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
