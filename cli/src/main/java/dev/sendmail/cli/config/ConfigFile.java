package dev.sendmail.cli.config;

import dev.sendmail.cli.options.ValueChecks;
import dev.sendmail.cli.output.CliException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed configuration file.
 *
 * @param source where it came from, for messages
 * @param defaults the values of the {@code defaults} section
 * @param accounts the accounts by name, in file order ({@code default} included when defined)
 */
public record ConfigFile(String source, Account defaults, Map<String, Account> accounts) {

    public static final ConfigFile NONE = new ConfigFile("(no configuration file)", Account.EMPTY, Map.of());

    public ConfigFile {
        accounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
    }

    /**
     * The account to use: {@code name} when given, else {@code default} when defined, else the defaults.
     *
     * @throws CliException (78) when the named account does not exist
     */
    public Account select(Optional<String> name) throws CliException {
        if (name.isPresent()) {
            Account a = accounts.get(name.get());
            if (a == null) {
                throw CliException.config("account '" + ValueChecks.printable(name.get()) + "' not found in "
                        + source + (accounts.isEmpty() ? "" : "; accounts: " + String.join(", ", accounts.keySet())));
            }
            return a;
        }
        Account d = accounts.get("default");
        return d != null ? d : defaults;
    }
}
