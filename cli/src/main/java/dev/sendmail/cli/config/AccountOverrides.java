package dev.sendmail.cli.config;

import dev.sendmail.cli.options.MsmtpFlags;
import dev.sendmail.cli.options.ValueChecks;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.Account;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.ConfigFile;
import dev.sendmail.config.ConfigKey;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration keys set on msmtp's command line ({@link MsmtpFlags#keys()}), put over the selected account as
 * msmtp's options override its configuration file. With {@code --host}, as in msmtp, no account of the file is
 * used: the command line alone says how to send.
 */
public final class AccountOverrides {

    private AccountOverrides() {
    }

    /**
     * The account to use for {@code file} and {@code --account}, with {@code keys} on top.
     *
     * @throws CliException 64 for a bad value or {@code --host} with {@code --account}; 78 for an unknown account
     */
    public static Account select(ConfigFile file, Optional<String> accountName, List<Map.Entry<String, String>> keys)
            throws CliException {
        return select(file, accountName, Optional.empty(), keys);
    }

    /**
     * As {@link #select(ConfigFile, Optional, List)}; without {@code --account}, an envelope sender given with
     * {@code -f} picks the first account whose {@code from} matches it (a pattern such as {@code *@example.org},
     * or the same address), as in msmtp; the default account otherwise.
     *
     * @throws CliException 64 for a bad value or {@code --host} with {@code --account}; 78 for an unknown account
     */
    public static Account select(ConfigFile file, Optional<String> accountName, Optional<String> sender,
            List<Map.Entry<String, String>> keys) throws CliException {
        boolean host = keys.stream().anyMatch(k -> k.getKey().equals("host") && !k.getValue().isBlank());
        if (host && accountName.isPresent()) {
            throw CliException.usage("--host and --account exclude each other (--host sends with the settings on the "
                    + "command line only)");
        }
        Account base;
        try {
            Optional<Account> bySender = host || accountName.isPresent() || sender.isEmpty() ? Optional.empty()
                    : file.forSender(sender.get().strip());
            base = host ? Account.EMPTY : bySender.isPresent() ? bySender.get() : file.select(accountName);
        } catch (ConfigException e) {
            throw CliException.of(e);
        }
        if (keys.isEmpty()) {
            return base;
        }
        EnumMap<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        values.putAll(base.values());
        EnumMap<ConfigKey, String> origins = new EnumMap<>(ConfigKey.class);
        origins.putAll(base.origins());
        for (Map.Entry<String, String> e : keys) {
            String option = MsmtpFlags.optionFor(e.getKey());
            ConfigKey key = ConfigKey.of(e.getKey()).orElseThrow(() -> CliException.usage("unknown option " + option));
            if (e.getValue().isBlank()) {
                values.remove(key);
                origins.remove(key);
                continue;
            }
            try {
                values.put(key, key.validate(e.getValue()));
                origins.put(key, option + "=" + ValueChecks.printable(e.getValue()));
            } catch (IllegalArgumentException bad) {
                throw CliException.usage(option + "=" + ValueChecks.printable(e.getValue()) + ": " + bad.getMessage());
            }
        }
        return new Account(host ? "(command line)" : base.name(), values, origins);
    }
}
