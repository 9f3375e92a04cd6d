package dev.sendmail.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One account of the configuration file (or its defaults): validated values by key, with typed accessors.
 * Immutable.
 *
 * @param name the account name ({@code defaults} for the defaults section)
 * @param values the validated values
 * @param origins where each value was set, for messages: {@code FILE:LINE} for a line of a file (also when the
 *     account inherited it), or the command-line option; a key without an entry has no known origin
 */
public record Account(String name, Map<ConfigKey, String> values, Map<ConfigKey, String> origins) {

    /** No account: no configuration file, or one without defaults and accounts. */
    public static final Account EMPTY = new Account("(none)", Map.of());

    /**
     * Copies {@code values} and {@code origins}.
     *
     * @param name the account name
     * @param values the validated values
     * @param origins where each value was set
     */
    public Account {
        EnumMap<ConfigKey, String> copy = new EnumMap<>(ConfigKey.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
        EnumMap<ConfigKey, String> where = new EnumMap<>(ConfigKey.class);
        where.putAll(origins);
        origins = Collections.unmodifiableMap(where);
    }

    /**
     * An account whose values have no known origin.
     *
     * @param name the account name
     * @param values the validated values
     */
    public Account(String name, Map<ConfigKey, String> values) {
        this(name, values, Map.of());
    }

    /**
     * @param key a key
     * @return where its value was set ({@code FILE:LINE} or a command-line option), when known
     */
    public Optional<String> origin(ConfigKey key) {
        return Optional.ofNullable(origins.get(key));
    }

    /**
     * @param key a key
     * @return its value as validated (stripped; {@code tls}, {@code auth} and on/off keys in lower case)
     */
    public Optional<String> get(ConfigKey key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @param key a numeric key ({@code port}, {@code mx_port})
     * @return its value
     */
    OptionalInt integer(ConfigKey key) {
        String v = values.get(key);
        return v == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v.strip()));
    }

    /**
     * @param key an on/off key
     * @return true for {@code on}, false for any other value, empty when not set
     */
    Optional<Boolean> flag(ConfigKey key) {
        return get(key).map("on"::equals);
    }

    /**
     * @param key a key whose value is a list
     * @return the items, separated by commas or white space in the file; empty when not set
     */
    public List<String> list(ConfigKey key) {
        return get(key).map(v -> List.of(v.strip().split("[,\\s]+"))).orElse(List.of());
    }

    /**
     * This account with {@code key} set over its own value, as msmtp's command-line options override its
     * configuration file.
     *
     * @param key the key
     * @param value the value as given, checked as the file checks the key's value; blank to unset the key
     * @param origin where it was set, as {@link #setting} shows it: the option as given ({@code --tls=off})
     * @return the account with the new value, of the same name
     * @throws IllegalArgumentException with a one-line reason when the key refuses the value
     */
    public Account with(ConfigKey key, String value, String origin) {
        EnumMap<ConfigKey, String> v = new EnumMap<>(ConfigKey.class);
        v.putAll(values);
        EnumMap<ConfigKey, String> o = new EnumMap<>(ConfigKey.class);
        o.putAll(origins);
        if (value.isBlank()) {
            v.remove(key);
            o.remove(key);
        } else {
            v.put(key, key.validate(value));
            o.put(key, origin);
        }
        return new Account(name, v, o);
    }

    /**
     * Where a setting came from, for a warning about it: {@code KEY VALUE in FILE line N} for a line of a file (the
     * value left out for {@code password}), the option as given ({@code --tls=off}) for a command-line option, and
     * {@code KEY VALUE} when the origin is unknown.
     *
     * @param key a key set in this account
     * @return the description; the key's name alone when it is not set
     */
    public String setting(ConfigKey key) {
        String value = values.get(key);
        String origin = origins.get(key);
        if (origin != null && origin.startsWith("-")) {
            return origin;
        }
        String text = value == null ? key.key() : key == ConfigKey.PASSWORD ? key.key() + " (hidden)"
                : value.isEmpty() ? key.key() : key.key() + " " + value;
        int colon = origin == null ? -1 : origin.lastIndexOf(':');
        if (colon > 0 && colon < origin.length() - 1 && origin.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return text + " in " + origin.substring(0, colon) + " line " + origin.substring(colon + 1);
        }
        return text;
    }

    /**
     * One warning per msmtp key set in this account that send-mail reads and ignores, naming the key, its value and
     * where it was set ({@link #setting}), and why it has no effect.
     *
     * @return the warnings, without a {@code warning:} prefix, in key order
     */
    public List<String> ignoredSettings() {
        return values.keySet().stream().filter(ConfigKey.ACCEPTED_ONLY::contains)
                .map(k -> setting(k) + ": no effect in send-mail (" + k.ignoredBecause() + ")").toList();
    }

    /** @return the msmtp keys set in this account that send-mail reads and ignores, by their names in the file */
    List<String> ignoredKeys() {
        return values.keySet().stream().filter(ConfigKey.ACCEPTED_ONLY::contains).map(ConfigKey::key).toList();
    }
}
