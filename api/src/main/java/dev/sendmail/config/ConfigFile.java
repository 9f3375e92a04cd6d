package dev.sendmail.config;

import dev.sendmail.internal.Text;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed configuration file in msmtp's format: the {@code defaults} section and the accounts. Immutable; read
 * one with {@link ConfigFileLoader}.
 *
 * @param source where it came from, for messages
 * @param defaults the values of the {@code defaults} section
 * @param accounts the accounts by name, in file order ({@code default} included when defined)
 */
public record ConfigFile(String source, Account defaults, Map<String, Account> accounts) {

    /** No configuration file: no accounts, empty defaults. */
    public static final ConfigFile NONE = new ConfigFile("(no configuration file)", Account.EMPTY, Map.of());

    /**
     * Copies {@code accounts}, keeping their order.
     *
     * @param source where it came from, for messages
     * @param defaults the values of the {@code defaults} section
     * @param accounts the accounts by name
     */
    public ConfigFile {
        accounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
    }

    /**
     * Parses configuration text; no I/O (see {@link ConfigFileLoader} to find and read the user's file).
     *
     * @param source the file name, for messages
     * @param text the file's content
     * @return the file
     * @throws ConfigException ({@link ConfigException.Reason#INVALID}) with {@code source:line: reason}
     */
    public static ConfigFile parse(String source, String text) throws ConfigException {
        return ConfigFileParser.parse(source, text);
    }

    /**
     * The account to use: {@code name} when given, else {@code default} when defined, else the defaults.
     *
     * @param name the account asked for, if any
     * @return the account
     * @throws ConfigException ({@link ConfigException.Reason#INVALID}) when the named account does not exist
     */
    public Account select(Optional<String> name) throws ConfigException {
        if (name.isPresent()) {
            Account a = accounts.get(name.get());
            if (a == null) {
                throw ConfigException.invalid("account '" + Text.printable(name.get()) + "' not found in "
                        + source + (accounts.isEmpty() ? "" : "; accounts: " + String.join(", ", accounts.keySet())));
            }
            return a;
        }
        Account d = accounts.get("default");
        return d != null ? d : defaults;
    }
}
