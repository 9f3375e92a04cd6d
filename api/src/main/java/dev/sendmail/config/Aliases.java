package dev.sendmail.config;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.ControlCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * msmtp's aliases file: local names (recipients without a domain, as cron's {@code root}) mapped to addresses,
 * {@code name: addr[, addr...]} per line, {@code default:} for any other local name, {@code #} comments.
 * Expanded once (an alias names addresses, never other aliases). Pure parser with bounds; errors carry the line.
 *
 * @param entries the addresses of each local name, lower case
 * @param fallback the {@code default} addresses, empty when there is none
 */
public record Aliases(Map<String, List<Mailbox>> entries, List<Mailbox> fallback) {

    /** No aliases: every local name is an error. */
    public static final Aliases NONE = new Aliases(Map.of(), List.of());
    static final int MAX_CHARS = 1 << 20;
    static final int MAX_LINES = 20_000;

    /**
     * Copies both.
     *
     * @param entries the addresses of each local name, lower case
     * @param fallback the {@code default} addresses, empty when there is none
     */
    public Aliases {
        entries = Map.copyOf(entries);
        fallback = List.copyOf(fallback);
    }

    /**
     * @param name a local name (no domain), any case
     * @return its addresses, else the {@code default} ones, else empty
     */
    public Optional<List<Mailbox>> expand(String name) {
        List<Mailbox> list = entries.get(name.toLowerCase(Locale.ROOT));
        if (list != null) {
            return Optional.of(list);
        }
        return fallback.isEmpty() ? Optional.empty() : Optional.of(fallback);
    }

    /**
     * The addresses of a local name as recipients take them, for {@link dev.sendmail.api.AddressList#parse} and
     * {@link dev.sendmail.api.Message#parse(dev.sendmail.api.MessageContent, java.util.function.Function)}.
     *
     * @param name a local name (no domain), any case
     * @return its addresses, else the {@code default} ones
     * @throws IllegalArgumentException when there are none: the name has no domain and no entry (without an
     *         aliases file, the message says how to add one)
     */
    public List<Mailbox> addresses(String name) {
        return expand(name).orElseThrow(() -> new IllegalArgumentException(ControlCharacters.escape(name) + " has no domain"
                + (this == NONE ? " (map local names to addresses with 'aliases FILE' in the configuration file)"
                : " and no entry in the aliases file")));
    }

    /**
     * Reads an aliases file.
     *
     * @param file the file
     * @return its aliases
     * @throws ConfigException ({@link ConfigException.Reason#INVALID}) when it cannot be read or parsed, with
     *         {@code file:line: reason}
     */
    public static Aliases load(Path file) throws ConfigException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(MAX_CHARS * 4 + 1);
            if (b.length > MAX_CHARS * 4) {
                throw ConfigException.invalid(file + ": aliases file is too large");
            }
            return parse(file.toString(), new String(b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ConfigException.invalid("cannot read aliases file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Parses aliases text; no I/O.
     *
     * @param source the file name, for messages
     * @param text the file's content
     * @return the aliases
     * @throws ConfigException ({@link ConfigException.Reason#INVALID}) with {@code source:line: reason}
     */
    public static Aliases parse(String source, String text) throws ConfigException {
        if (text.length() > MAX_CHARS) {
            throw ConfigException.invalid(source + ": aliases file is larger than " + MAX_CHARS + " characters");
        }
        String[] lines = text.split("\r\n|\n|\r", -1);
        if (lines.length > MAX_LINES) {
            throw ConfigException.invalid(source + ": more than " + MAX_LINES + " lines");
        }
        Map<String, List<Mailbox>> map = new LinkedHashMap<>();
        List<Mailbox> fallback = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (n + 1) + ": ";
            if (ControlCharacters.indexOfExceptTab(line) >= 0) {
                throw ConfigException.invalid(where + "control character");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw ConfigException.invalid(where + "expected 'name: address[, address...]'");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z0-9._+-]{1,64}")) {
                throw ConfigException.invalid(where + "invalid alias name '" + ControlCharacters.escape(name) + "'");
            }
            List<Mailbox> targets = new ArrayList<>();
            for (String part : line.substring(colon + 1).split(",")) {
                String a = part.strip();
                if (a.isEmpty()) {
                    continue;
                }
                try {
                    targets.add(Mailbox.parse(a));
                } catch (IllegalArgumentException e) {
                    throw ConfigException.invalid(where + e.getMessage());
                }
            }
            if (targets.isEmpty()) {
                throw ConfigException.invalid(where + "alias '" + name + "' has no address");
            }
            if (name.equals("default")) {
                if (!fallback.isEmpty()) {
                    throw ConfigException.invalid(where + "'default' is defined twice");
                }
                fallback.addAll(targets);
            } else if (map.putIfAbsent(name, targets) != null) {
                throw ConfigException.invalid(where + "alias '" + name + "' is defined twice");
            }
        }
        return new Aliases(map, fallback);
    }
}
