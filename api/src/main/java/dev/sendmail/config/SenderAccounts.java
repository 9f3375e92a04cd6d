package dev.sendmail.config;

import dev.sendmail.api.Mailbox;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sender-dependent relaying from a configuration file: each account other than the one in use whose {@code from}
 * is an address ({@code sales@example.org}) or a whole domain ({@code *@example.org}) takes the mail of that
 * envelope sender, through its own host, TLS, credentials and DKIM key (see
 * {@link dev.sendmail.api.Sender.Builder#senderRoute}). Other {@code from} patterns are left to account selection
 * ({@link ConfigFile#forSender}). Routes exist only while the file's default account is in use: an account chosen
 * by name sends everything. For an address or domain named by several accounts, the first in file order wins.
 *
 * <p>Immutable and thread-safe.
 */
public final class SenderAccounts {

    /** No routes: no configuration file, or an account chosen by name. */
    public static final SenderAccounts NONE = new SenderAccounts(Map.of());

    private final Map<String, Account> byKey;

    private SenderAccounts(Map<String, Account> byKey) {
        this.byKey = Collections.unmodifiableMap(byKey);
    }

    /**
     * The routes of a configuration file.
     *
     * @param file the configuration file
     * @param inUse the name of the account in use; routes exist only when it is the one {@link ConfigFile#select}
     *        picks without a name
     * @param env expands the {@code %U}-style parts of a {@code from} value ({@link MsmtpFrom#expand})
     * @return the routes; {@link #NONE} when the file has no accounts or another account is in use
     */
    public static SenderAccounts of(ConfigFile file, Optional<String> inUse, UserEnvironment env) {
        if (file == ConfigFile.NONE || file.accounts().isEmpty()) {
            return NONE;
        }
        Account current;
        try {
            current = file.select(Optional.empty());
        } catch (ConfigException e) {
            return NONE;
        }
        if (!inUse.equals(Optional.of(current.name()))) {
            return NONE;
        }
        Map<String, Account> out = new LinkedHashMap<>();
        for (Account a : file.accounts().values()) {
            if (a.name().equals(current.name()) || a.get(ConfigKey.FROM).isEmpty()) {
                continue;
            }
            keyOf(a.get(ConfigKey.FROM).get().strip(), env).ifPresent(k -> out.putIfAbsent(k, a));
        }
        return out.isEmpty() ? NONE : new SenderAccounts(out);
    }

    /**
     * The accounts by the lower-case address or domain whose mail they take.
     *
     * @return an unmodifiable map in file order
     */
    public Map<String, Account> byKey() {
        return byKey;
    }

    /**
     * The address or domain that mail from {@code sender} is routed by: its address when an account names it,
     * else its domain when an account takes the whole domain.
     *
     * @param sender the envelope sender
     * @return the key; empty when mail from {@code sender} stays with the account in use
     */
    public Optional<String> keyFor(Mailbox sender) {
        String address = sender.address().toLowerCase(Locale.ROOT);
        if (byKey.containsKey(address)) {
            return Optional.of(address);
        }
        String domain = sender.domain().toLowerCase(Locale.ROOT);
        return byKey.containsKey(domain) ? Optional.of(domain) : Optional.empty();
    }

    /**
     * Keeps only the route that mail from {@code sender} takes, so that other accounts' passwords and keys need not
     * be read.
     *
     * @param sender the envelope sender
     * @return the routes for {@code sender} alone (at most one)
     */
    public SenderAccounts onlyFor(Mailbox sender) {
        Optional<String> key = keyFor(sender);
        return key.isEmpty() ? NONE : new SenderAccounts(Map.of(key.get(), byKey.get(key.get())));
    }

    /**
     * The account that mail from {@code sender} goes through instead of the one in use.
     *
     * @param sender the envelope sender; empty for the null sender, which stays with the account in use
     * @return the account; empty when there is none for {@code sender}
     */
    public Optional<Account> accountFor(Optional<Mailbox> sender) {
        return sender.flatMap(this::keyFor).map(byKey::get);
    }

    /** The lower-case address or domain of a {@code from} value; empty for any other pattern or a bad address. */
    private static Optional<String> keyOf(String from, UserEnvironment env) {
        try {
            if (!MsmtpFrom.isPattern(from)) {
                return Optional.of(Mailbox.parse(MsmtpFrom.expand(from, env)).address().toLowerCase(Locale.ROOT));
            }
            if (from.startsWith("*@") && !MsmtpFrom.isPattern(from.substring(2))) {
                return Optional.of(Mailbox.parse("x@" + from.substring(2)).domain().toLowerCase(Locale.ROOT));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
