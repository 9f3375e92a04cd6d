package dev.sendmail.config;

import dev.sendmail.api.ControlCharacters;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parses msmtp's configuration format: {@code defaults}, {@code account NAME [: PARENT[,PARENT...]]},
 * {@code account default : NAME}, then one {@code key value} per line. Values may be double-quoted with
 * {@code \"} and {@code \\} escapes; lines starting with {@code #} are comments. An account starts from the
 * defaults seen so far, then its parents, then its own lines. Unknown keys, bad values, over-long lines and
 * oversized files are errors with the line number. Pure: no I/O.
 */
final class ConfigFileParser {

    static final int MAX_CHARS = 1 << 20;
    static final int MAX_LINE = 4096;
    static final int MAX_LINES = 20_000;
    static final int MAX_ACCOUNTS = 1000;

    private ConfigFileParser() {
    }

    /**
     * @param source the file name, for messages
     * @param text the file's content
     * @throws ConfigException (78) with {@code source:line: reason}
     */
    static ConfigFile parse(String source, String text) throws ConfigException {
        if (text.length() > MAX_CHARS) {
            throw ConfigException.invalid(source + ": file is larger than " + MAX_CHARS + " characters");
        }
        EnumMap<ConfigKey, String> defaults = new EnumMap<>(ConfigKey.class);
        Map<String, EnumMap<ConfigKey, String>> accounts = new LinkedHashMap<>();
        EnumMap<ConfigKey, String> current = defaults;
        // where each value was set (FILE:LINE), kept beside the values and inherited with them
        Map<EnumMap<ConfigKey, String>, EnumMap<ConfigKey, String>> where = new java.util.IdentityHashMap<>();
        where.put(defaults, new EnumMap<>(ConfigKey.class));
        boolean fallbackSetHere = false;
        String[] lines = text.split("\r\n|\n|\r", -1);
        if (lines.length > MAX_LINES) {
            throw ConfigException.invalid(source + ": more than " + MAX_LINES + " lines");
        }
        for (int n = 0; n < lines.length; n++) {
            int lineNo = n + 1;
            String line = lines[n];
            if (line.length() > MAX_LINE) {
                throw error(source, lineNo, "line is longer than " + MAX_LINE + " characters");
            }
            int bad = ControlCharacters.indexOfExceptTab(line);
            if (bad >= 0) {
                throw error(source, lineNo, "control character U+" + String.format("%04X", (int) line.charAt(bad)));
            }
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            int sp = indexOfSpace(s);
            String cmd = sp < 0 ? s : s.substring(0, sp);
            String rest = sp < 0 ? "" : s.substring(sp + 1).strip();
            if (cmd.equals("defaults")) {
                if (!rest.isEmpty()) {
                    throw error(source, lineNo, "'defaults' takes no value");
                }
                current = defaults;
                fallbackSetHere = false;
                continue;
            }
            if (cmd.equals("account")) {
                String name;
                String[] parents = new String[0];
                int colon = rest.indexOf(':');
                if (colon >= 0) {
                    name = rest.substring(0, colon).strip();
                    parents = rest.substring(colon + 1).strip().split("\\s*,\\s*");
                } else {
                    name = rest;
                }
                if (!name.matches("[A-Za-z0-9_.@+-]{1,64}")) {
                    throw error(source, lineNo, "invalid account name '" + ControlCharacters.escape(name) + "'");
                }
                if (accounts.containsKey(name)) {
                    throw error(source, lineNo, "account '" + name + "' is defined twice");
                }
                if (accounts.size() >= MAX_ACCOUNTS) {
                    throw error(source, lineNo, "more than " + MAX_ACCOUNTS + " accounts");
                }
                if (name.equals("default") && colon < 0) {
                    // msmtp allows a plain 'account default' with its own lines
                    parents = new String[0];
                }
                EnumMap<ConfigKey, String> acc = new EnumMap<>(defaults);
                EnumMap<ConfigKey, String> accWhere = new EnumMap<>(where.get(defaults));
                for (String p : parents) {
                    if (p.isEmpty()) {
                        throw error(source, lineNo, "empty parent account name");
                    }
                    EnumMap<ConfigKey, String> parent = accounts.get(p);
                    if (parent == null) {
                        throw error(source, lineNo, "account '" + ControlCharacters.escape(p) + "' is not defined (yet)");
                    }
                    acc.putAll(parent);
                    accWhere.putAll(where.get(parent));
                }
                where.put(acc, accWhere);
                accounts.put(name, acc);
                current = acc;
                fallbackSetHere = false;
                continue;
            }
            Optional<ConfigKey> key = ConfigKey.of(cmd);
            if (key.isEmpty()) {
                throw error(source, lineNo, "unknown key '" + ControlCharacters.escape(cmd) + "'");
            }
            String value;
            try {
                value = key.get().validate(unquote(rest));
            } catch (IllegalArgumentException e) {
                throw error(source, lineNo, cmd + ": " + e.getMessage());
            }
            if (key.get() == ConfigKey.FALLBACK_HOST && !fallbackSetHere && current.containsKey(key.get())) {
                current.remove(key.get()); // an account's own fallback hosts replace the inherited ones
            }
            where.get(current).put(key.get(), source + ":" + lineNo);
            if (key.get() == ConfigKey.FALLBACK_HOST) {
                // repeatable: each line adds a host, tried in the order of the lines
                current.merge(key.get(), value, (a, b) -> a + " " + b);
                fallbackSetHere = true;
            } else {
                current.put(key.get(), value);
            }
        }
        Map<String, Account> result = new LinkedHashMap<>();
        accounts.forEach((name, values) -> result.put(name, new Account(name, values, where.get(values))));
        return new ConfigFile(source, new Account("defaults", defaults, where.get(defaults)), result);
    }

    /** Removes double quotes and their escapes; a value without quotes is returned as is. */
    static String unquote(String v) {
        if (!v.startsWith("\"")) {
            return v;
        }
        StringBuilder sb = new StringBuilder();
        int i = 1;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == '\\') {
                if (i + 1 >= v.length()) {
                    throw new IllegalArgumentException("dangling backslash in quoted value");
                }
                sb.append(v.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '"') {
                if (i != v.length() - 1) {
                    throw new IllegalArgumentException("text after the closing quote");
                }
                return sb.toString();
            }
            sb.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated quoted value");
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static ConfigException error(String source, int line, String message) {
        return ConfigException.invalid(source + ":" + line + ": " + message);
    }
}
