package dev.sendmail.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What configuration look-ups take from the process around them: environment variables (for
 * {@code XDG_CONFIG_HOME}, {@code USER}, a password variable), the home directory ({@code ~} in paths) and the
 * directory of system-wide files ({@code /etc}). A value, so tests and embedding applications can supply their own.
 *
 * @param variables environment variables
 * @param home the user's home directory
 * @param systemConfigDir where system-wide files ({@code send-mail.conf}, {@code msmtprc}, {@code mailname}) are
 */
public record UserEnvironment(Map<String, String> variables, Path home, Path systemConfigDir) {

    /**
     * Copies {@code variables}.
     *
     * @param variables environment variables
     * @param home the user's home directory
     * @param systemConfigDir where system-wide files are
     */
    public UserEnvironment {
        variables = Map.copyOf(variables);
    }

    /** @return this process's environment, {@code $HOME} (else {@code user.home}) and {@code /etc} */
    public static UserEnvironment current() {
        String home = System.getenv("HOME");
        return new UserEnvironment(System.getenv(), Path.of(home != null && !home.isEmpty() ? home
                : System.getProperty("user.home", "/")), Path.of("/etc"));
    }

    /**
     * @param name a variable name
     * @return its value, empty when unset or empty
     */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
    }

    /**
     * @param path a path as a user writes it
     * @return the path with a leading {@code ~} or {@code ~/} expanded to the home directory
     */
    public Path expand(String path) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    /**
     * send-mail's cache directory (MTA-STS policies, TLS report data, OAuth 2 access tokens, rate-limit state). As
     * the XDG Base Directory specification says, a relative {@code XDG_CACHE_HOME} is invalid and ignored.
     *
     * @return {@code $XDG_CACHE_HOME/send-mail}, default {@code ~/.cache/send-mail}
     */
    public Path cacheDirectory() {
        return xdg("XDG_CACHE_HOME").orElse(home.resolve(".cache")).resolve("send-mail");
    }

    /**
     * send-mail's data directory (OAuth 2 refresh tokens). A relative {@code XDG_DATA_HOME} is ignored, as for
     * {@link #cacheDirectory()}.
     *
     * @return {@code $XDG_DATA_HOME/send-mail}, default {@code ~/.local/share/send-mail}
     */
    public Path dataDirectory() {
        return xdg("XDG_DATA_HOME").orElse(home.resolve(".local").resolve("share")).resolve("send-mail");
    }

    /** An XDG base directory variable when it holds an absolute path; the specification ignores any other. */
    private Optional<Path> xdg(String name) {
        return variable(name).filter(v -> v.startsWith("/")).map(Path::of);
    }
}
