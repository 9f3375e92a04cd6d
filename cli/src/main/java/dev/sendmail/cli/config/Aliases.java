package dev.sendmail.cli.config;

import dev.sendmail.api.Mailbox;
import dev.sendmail.cli.options.ValueChecks;
import dev.sendmail.cli.output.CliException;
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

    public static final Aliases NONE = new Aliases(Map.of(), List.of());
    static final int MAX_CHARS = 1 << 20;
    static final int MAX_LINES = 20_000;

    public Aliases {
        entries = Map.copyOf(entries);
        fallback = List.copyOf(fallback);
    }

    /** The addresses for local name {@code name}, if it has any (or a default exists). */
    public Optional<List<Mailbox>> expand(String name) {
        List<Mailbox> list = entries.get(name.toLowerCase(Locale.ROOT));
        if (list != null) {
            return Optional.of(list);
        }
        return fallback.isEmpty() ? Optional.empty() : Optional.of(fallback);
    }

    static Aliases load(Path file) throws CliException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(MAX_CHARS * 4 + 1);
            if (b.length > MAX_CHARS * 4) {
                throw CliException.config(file + ": aliases file is too large");
            }
            return parse(file.toString(), new String(b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CliException.config("cannot read aliases file " + file + ": " + e.getMessage());
        }
    }

    /** @throws CliException (78) with {@code source:line: reason} */
    static Aliases parse(String source, String text) throws CliException {
        if (text.length() > MAX_CHARS) {
            throw CliException.config(source + ": aliases file is larger than " + MAX_CHARS + " characters");
        }
        String[] lines = text.split("\r\n|\n|\r", -1);
        if (lines.length > MAX_LINES) {
            throw CliException.config(source + ": more than " + MAX_LINES + " lines");
        }
        Map<String, List<Mailbox>> map = new LinkedHashMap<>();
        List<Mailbox> fallback = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (n + 1) + ": ";
            if (ValueChecks.firstControlButTab(line) >= 0) {
                throw CliException.config(where + "control character");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw CliException.config(where + "expected 'name: address[, address...]'");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z0-9._+-]{1,64}")) {
                throw CliException.config(where + "invalid alias name '" + ValueChecks.printable(name) + "'");
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
                    throw CliException.config(where + e.getMessage());
                }
            }
            if (targets.isEmpty()) {
                throw CliException.config(where + "alias '" + name + "' has no address");
            }
            if (name.equals("default")) {
                if (!fallback.isEmpty()) {
                    throw CliException.config(where + "'default' is defined twice");
                }
                fallback.addAll(targets);
            } else if (map.putIfAbsent(name, targets) != null) {
                throw CliException.config(where + "alias '" + name + "' is defined twice");
            }
        }
        return new Aliases(map, fallback);
    }
}
