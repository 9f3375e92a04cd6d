package dev.sendmail.config;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.HeaderBlock;
import dev.sendmail.api.Mailbox;
import java.io.BufferedInputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
     * Reads a configuration file as msmtp does: {@code eval} lines are run ({@code /bin/sh -c}), a file holding a
     * {@code password} must not be readable by others.
     *
     * @param file the file
     * @param env runs {@code eval} with these variables
     * @return the file
     * @throws ConfigException {@link ConfigException.Reason#MISSING} when it does not exist,
     *         {@link ConfigException.Reason#INVALID} with {@code FILE:LINE: reason} when it cannot be read or parsed
     */
    public static ConfigFile load(Path file, UserEnvironment env) throws ConfigException {
        return ConfigFileLoader.load(Optional.of(file.toString()), env, w -> { });
    }

    /**
     * @param name an account's name
     * @return the account, with the values it inherits
     * @throws ConfigException ({@link ConfigException.Reason#INVALID}) when there is no account of that name
     */
    public Account account(String name) throws ConfigException {
        return select(Optional.of(name));
    }

    /**
     * The first account, in file order, whose {@code from} matches an envelope sender: a pattern
     * ({@code *@example.org}) by {@link MsmtpFrom#matches}, a plain address when it is the same address. This is
     * how msmtp picks an account for {@code -f} when none is named.
     *
     * @param sender the envelope sender's address
     * @return the account, empty when none matches
     */
    public Optional<Account> forSender(String sender) {
        for (Account a : accounts.values()) {
            Optional<String> from = a.get(ConfigKey.FROM);
            if (from.isPresent() && !from.get().contains("%") && MsmtpFrom.matches(from.get().strip(), sender)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
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
                throw ConfigException.invalid("account '" + ControlCharacters.escape(name.get()) + "' not found in "
                        + source + (accounts.isEmpty() ? "" : "; accounts: " + String.join(", ", accounts.keySet())));
            }
            return a;
        }
        Account d = accounts.get("default");
        return d != null ? d : defaults;
    }

    /**
     * The account msmtp uses: {@code name} when given; else, for an envelope sender, the first account whose
     * {@code from} matches it ({@link #forSender}); else {@code default} when defined, else the defaults.
     *
     * @param name the account asked for, if any
     * @param sender the envelope sender's address ({@code -f}), if any
     * @return the account
     * @throws ConfigException ({@link ConfigException.Reason#INVALID}) when the named account does not exist
     */
    public Account select(Optional<String> name, Optional<String> sender) throws ConfigException {
        return choose(name, sender).account();
    }

    /**
     * The account msmtp uses, as {@link #select(Optional, Optional)} picks it, with the reason: {@code NAMED} when
     * {@code name} is given, {@code SENDER} when the sender's match is another account than the one used without a
     * sender, else {@code USUAL} ({@code default} when defined, else the defaults).
     *
     * @param name the account asked for, if any
     * @param sender the envelope sender's address ({@code -f}), if any
     * @return the account and why it was chosen
     * @throws ConfigException ({@link ConfigException.Reason#INVALID}) when the named account does not exist
     */
    public AccountChoice choose(Optional<String> name, Optional<String> sender) throws ConfigException {
        if (name.isPresent()) {
            return new AccountChoice(select(name), AccountChoice.Reason.NAMED);
        }
        Account usual = select(Optional.empty());
        Optional<Account> bySender = sender.flatMap(s -> forSender(s.strip()));
        return bySender.isPresent() && !bySender.get().equals(usual)
                ? new AccountChoice(bySender.get(), AccountChoice.Reason.SENDER)
                : new AccountChoice(usual, AccountChoice.Reason.USUAL);
    }

    /**
     * The account msmtp uses for its command line: {@link #choose(Optional, Optional)} with the settings given as
     * msmtp's options ({@code --tls=off}: {@link ConfigKey#ofMsmtpOption}) put over it in order, as msmtp's options
     * override its file. With {@code host} among them (msmtp's {@code --host}) no account of the file is used: the
     * options alone say how to send ({@link AccountChoice.Reason#COMMAND_LINE}, an account named
     * {@code (command line)}).
     *
     * @param name the account asked for ({@code --account}), if any
     * @param sender the envelope sender's address, if any
     * @param options the keys set on the command line with their values as given, in order; a blank value unsets
     *     the key. Each value's origin ({@link Account#setting}) is the option as given, {@code --tls-starttls=off}
     * @return the account with the options over it, and why it was chosen
     * @throws ConfigException ({@link ConfigException.Reason#INVALID}) when the named account does not exist
     * @throws IllegalArgumentException with a one-line reason when {@code host} is given with {@code name}, or when a
     *     key refuses its value ({@code --port=x: reason})
     */
    public AccountChoice choose(Optional<String> name, Optional<String> sender,
            List<Map.Entry<ConfigKey, String>> options) throws ConfigException {
        boolean host = options.stream().anyMatch(o -> o.getKey() == ConfigKey.HOST && !o.getValue().isBlank());
        if (host && name.isPresent()) {
            throw new IllegalArgumentException("--host and --account exclude each other (--host sends with the "
                    + "settings on the command line only)");
        }
        AccountChoice choice = host ? new AccountChoice(new Account("(command line)", Map.of()),
                AccountChoice.Reason.COMMAND_LINE) : choose(name, sender);
        Account account = choice.account();
        for (Map.Entry<ConfigKey, String> o : options) {
            String given = "--" + o.getKey().key().replace('_', '-') + "=" + ControlCharacters.escape(o.getValue());
            try {
                account = account.with(o.getKey(), o.getValue(), given);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(given + ": " + e.getMessage(), e);
            }
        }
        return new AccountChoice(account, choice.reason());
    }

    /**
     * The account msmtp uses for a message it reads with {@code --read-envelope-from}: as
     * {@link #choose(Optional, Optional, List)}, except that when neither {@code name} nor {@code sender} is given,
     * the address of the message's single From field ({@link HeaderBlock#peekSingleFrom}) is the sender that picks
     * the account, as {@code -f} would. Only the header is read, and {@code message} is reset to its start, so that
     * the message is then read whole to be sent; a message without a single From address picks as no sender does.
     *
     * @param name the account asked for ({@code --account}), if any
     * @param sender the envelope sender's address as given ({@code -f}), if any; the message is then not read
     * @param options the keys set on the command line, as for {@link #choose(Optional, Optional, List)}
     * @param message the message, not yet read; left at its start
     * @return the account with the options over it, and why it was chosen
     * @throws ConfigException ({@link ConfigException.Reason#INVALID}) when the named account does not exist
     * @throws IllegalArgumentException as {@link #choose(Optional, Optional, List)} throws it
     * @throws java.io.UncheckedIOException when the message cannot be reset to its start after its header was read
     */
    public AccountChoice choose(Optional<String> name, Optional<String> sender,
            List<Map.Entry<ConfigKey, String>> options, BufferedInputStream message) throws ConfigException {
        Optional<String> from = name.isEmpty() && sender.isEmpty() && !accounts.isEmpty()
                ? HeaderBlock.peekSingleFrom(message).map(Mailbox::address) : sender;
        return choose(name, from, options);
    }
}
