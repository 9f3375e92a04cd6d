package dev.sendmail.cli.config;

import dev.sendmail.config.UserEnvironment;
import dev.sendmail.local.LocalClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the CLI takes from the process around it, injected so tests control it: what the api's configuration
 * look-ups take, the temporary directory, whether stdout and stderr are terminals, and the clock.
 *
 * @param user environment variables, the home directory ({@code ~} in paths, dead.letter) and where the system-wide
 *        configuration files are ({@code /etc})
 * @param tempDir where messages are spooled
 * @param stderrIsTerminal whether stderr is a terminal (progress is shown there)
 * @param stdoutIsTerminal whether stdout is a terminal (with stderr: someone is watching, not cron or a pipe)
 * @param clock for Date headers and the mbox From_ line
 */
public record Environment(UserEnvironment user, Path tempDir, boolean stderrIsTerminal, boolean stdoutIsTerminal,
                          Clock clock) {

    /** The real process environment. */
    public static Environment current() {
        return new Environment(UserEnvironment.current(), Path.of(System.getProperty("java.io.tmpdir", "/tmp")),
                isTerminal(2), isTerminal(1), LocalClock.systemDefaultZone());
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
