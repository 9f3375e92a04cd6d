package dev.sendmail.cli.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One account of the configuration file (or its defaults): validated values by key, with typed accessors.
 *
 * @param name the account name ({@code defaults} for the defaults section)
 * @param values the validated values
 */
public record Account(String name, Map<ConfigKey, String> values) {

    static final Account EMPTY = new Account("(none)", Map.of());

    public Account {
        EnumMap<ConfigKey, String> copy = new EnumMap<>(ConfigKey.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    Optional<String> get(ConfigKey key) {
        return Optional.ofNullable(values.get(key));
    }

    OptionalInt integer(ConfigKey key) {
        String v = values.get(key);
        return v == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v.strip()));
    }

    /** An on/off value. */
    Optional<Boolean> flag(ConfigKey key) {
        return get(key).map("on"::equals);
    }

    List<String> list(ConfigKey key) {
        return get(key).map(v -> List.of(v.strip().split("[,\\s]+"))).orElse(List.of());
    }

    /** The msmtp keys set in this account that send-mail reads and ignores, by their names in the file. */
    public List<String> ignoredKeys() {
        return values.keySet().stream().filter(ConfigKey.ACCEPTED_ONLY::contains).map(ConfigKey::key).toList();
    }

    /** This account's values with {@code other}'s on top. */
    Account overlay(String newName, Account other) {
        EnumMap<ConfigKey, String> merged = new EnumMap<>(ConfigKey.class);
        merged.putAll(values);
        merged.putAll(other.values);
        return new Account(newName, merged);
    }
}
