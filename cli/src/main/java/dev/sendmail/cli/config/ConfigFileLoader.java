package dev.sendmail.cli.config;

import dev.sendmail.cli.output.CliException;
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
 * Finds and reads the configuration file: {@code --config FILE}, else {@code $XDG_CONFIG_HOME/send-mail/config}
 * (default {@code ~/.config/send-mail/config}), else {@code /etc/send-mail.conf}, else none.
 */
public final class ConfigFileLoader {

    private ConfigFileLoader() {
    }

    /** The default locations, in order. */
    static List<Path> defaultLocations(Environment env) {
        Path xdg = env.variable("XDG_CONFIG_HOME").map(Path::of).orElse(env.home().resolve(".config"));
        return List.of(xdg.resolve("send-mail").resolve("config"), Path.of("/etc/send-mail.conf"));
    }

    /**
     * @param explicit {@code --config FILE}, which must exist
     * @param warnings receives a warning when a file holding a password is readable by others
     */
    public static ConfigFile load(Optional<String> explicit, Environment env,
            java.util.function.Consumer<String> warnings) throws CliException {
        if (explicit.isPresent()) {
            Path p = env.expand(explicit.get());
            if (!Files.isRegularFile(p)) {
                throw CliException.config("configuration file " + p + " does not exist or is not a file");
            }
            return read(p, warnings);
        }
        for (Path p : defaultLocations(env)) {
            if (Files.isRegularFile(p)) {
                return read(p, warnings);
            }
        }
        return ConfigFile.NONE;
    }

    static ConfigFile read(Path p, java.util.function.Consumer<String> warnings) throws CliException {
        String text;
        try (InputStream in = Files.newInputStream(p)) {
            byte[] bytes = in.readNBytes(ConfigFileParser.MAX_CHARS * 4 + 1);
            if (bytes.length > ConfigFileParser.MAX_CHARS * 4) {
                throw CliException.config(p + ": file is too large");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw CliException.config(p + ": not valid UTF-8");
        } catch (IOException e) {
            throw CliException.config("cannot read configuration file " + p + ": " + e.getMessage());
        }
        ConfigFile file = ConfigFileParser.parse(p.toString(), text);
        boolean hasPassword = file.defaults().get(ConfigKey.PASSWORD).isPresent()
                || file.accounts().values().stream().anyMatch(a -> a.get(ConfigKey.PASSWORD).isPresent());
        if (hasPassword) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                    warnings.accept(p + " holds a password and is readable by others (chmod 600 it)");
                }
            } catch (IOException | UnsupportedOperationException e) {
                // no POSIX permissions here: nothing to check
            }
        }
        return file;
    }
}
