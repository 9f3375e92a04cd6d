package dev.sendmail.config;

import dev.sendmail.api.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and reads the configuration file: {@code --config FILE}, else the first of
 * {@code $XDG_CONFIG_HOME/send-mail/config} (default {@code ~/.config/send-mail/config}),
 * {@code $XDG_CONFIG_HOME/msmtp/config}, {@code ~/.msmtprc}, {@code /etc/send-mail.conf} and {@code /etc/msmtprc}
 * that exists, else none. A file that holds a password and that others can read is refused, as msmtp does.
 */
public final class ConfigFileLoader {

    private ConfigFileLoader() {
    }

    /** The default locations, in order. */
    static List<Path> defaultLocations(UserEnvironment env) {
        Path xdg = env.variable("XDG_CONFIG_HOME").map(Path::of).orElse(env.home().resolve(".config"));
        return List.of(xdg.resolve("send-mail").resolve("config"), xdg.resolve("msmtp").resolve("config"),
                env.home().resolve(".msmtprc"), env.systemConfigDir().resolve("send-mail.conf"),
                env.systemConfigDir().resolve("msmtprc"));
    }

    /**
     * Finds the configuration file without reading it.
     *
     * @param explicit a file named by the user ({@code ~} expanded), used whether or not it exists
     * @param env where the default locations are
     * @return the file that {@link #load} reads, or empty when there is none
     */
    public static Optional<Path> locate(Optional<String> explicit, UserEnvironment env) {
        if (explicit.isPresent()) {
            return Optional.of(env.expand(explicit.get()));
        }
        return defaultLocations(env).stream().filter(Files::isRegularFile).findFirst();
    }

    /**
     * Finds and reads the configuration file.
     *
     * @param explicit a file named by the user ({@code ~} expanded), which must exist
     * @param env where the default locations are
     * @param warnings receives warnings about the file
     * @return the file, or {@link ConfigFile#NONE} when none is named and none exists
     * @throws ConfigException {@link ConfigException.Reason#MISSING} when the named file does not exist,
     *         {@link ConfigException.Reason#INVALID} when the file cannot be read or parsed, or holds a password
     *         and others can read it
     */
    public static ConfigFile load(Optional<String> explicit, UserEnvironment env,
            java.util.function.Consumer<String> warnings) throws ConfigException {
        if (explicit.isPresent()) {
            Path p = env.expand(explicit.get());
            if (!Files.isRegularFile(p)) {
                throw new ConfigException(ConfigException.Reason.MISSING, "configuration file " + p + " does not exist or is not a file");
            }
            return read(p, env, warnings);
        }
        Optional<Path> found = locate(explicit, env);
        return found.isPresent() ? read(found.get(), env, warnings) : ConfigFile.NONE;
    }

    /** Runs an {@code eval} command; the first line of its output comes back. */
    @FunctionalInterface
    interface Evaluator {
        Secret run(String command) throws ConfigException;
    }

    /**
     * msmtp's {@code eval COMMAND}: the line is replaced by the first line of what the command (run by
     * {@code /bin/sh -c}, bounded in time and output like {@code passwordeval}) prints, so the rest of the file
     * keeps its line numbers. The output is read as a configuration line of its own; an {@code eval} it prints is
     * not run again.
     */
    static String expandEval(String source, String text, Evaluator evaluator) throws ConfigException {
        String[] lines = text.split("\r\n|\n|\r", -1);
        if (lines.length > ConfigFileParser.MAX_LINES) {
            return text; // the parser reports it
        }
        boolean changed = false;
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i].strip();
            if (!s.startsWith("eval") || (s.length() > 4 && s.charAt(4) != ' ' && s.charAt(4) != '\t')) {
                continue;
            }
            String command;
            try {
                command = ConfigFileParser.unquote(s.substring(4).strip());
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid(source + ":" + (i + 1) + ": eval: " + e.getMessage());
            }
            if (command.isBlank()) {
                throw ConfigException.invalid(source + ":" + (i + 1) + ": eval needs a command");
            }
            Secret out;
            try {
                out = evaluator.run(command);
            } catch (ConfigException e) {
                throw ConfigException.invalid(source + ":" + (i + 1) + ": eval: " + e.getMessage());
            }
            lines[i] = out.revealString();
            out.destroy();
            if (lines[i].strip().startsWith("eval")) {
                throw ConfigException.invalid(source + ":" + (i + 1) + ": eval printed another eval line");
            }
            changed = true;
        }
        return changed ? String.join("\n", lines) : text;
    }

    static ConfigFile read(Path p, UserEnvironment env, java.util.function.Consumer<String> warnings)
            throws ConfigException {
        String text;
        try (InputStream in = Files.newInputStream(p)) {
            byte[] bytes = in.readNBytes(ConfigFileParser.MAX_CHARS * 4 + 1);
            if (bytes.length > ConfigFileParser.MAX_CHARS * 4) {
                throw ConfigException.invalid(p + ": file is too large");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ConfigException.invalid(p + ": not valid UTF-8");
        } catch (IOException e) {
            throw ConfigException.invalid("cannot read configuration file " + p + ": " + e.getMessage());
        }
        ConfigFile file = ConfigFileParser.parse(p.toString(), expandEval(p.toString(), text,
                command -> new PasswordSource.FromCommand(command).read(env)));
        boolean hasPassword = file.defaults().get(ConfigKey.PASSWORD).isPresent()
                || file.accounts().values().stream().anyMatch(a -> a.get(ConfigKey.PASSWORD).isPresent());
        if (hasPassword) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                    throw ConfigException.invalid(p + " holds a password and others can read it (chmod 600 it)");
                }
            } catch (IOException | UnsupportedOperationException e) {
                // no POSIX permissions here: nothing to check
            }
        }
        return file;
    }
}
