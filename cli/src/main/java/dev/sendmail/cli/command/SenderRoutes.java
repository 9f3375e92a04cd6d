package dev.sendmail.cli.command;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageSigner;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.config.CliConfigMapper;
import dev.sendmail.cli.options.CliOptions;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.Account;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.ConfigFile;
import dev.sendmail.config.ConfigKey;
import dev.sendmail.config.MsmtpFrom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;

/**
 * Sender-dependent relaying from the configuration file: each account other than the one in use whose
 * {@code from} is an address ({@code sales@example.org}) or a whole domain ({@code *@example.org}) becomes a
 * {@link dev.sendmail.api.Sender.Builder#senderRoute sender route}, so mail with that envelope sender goes through
 * that account's host, TLS, credentials and DKIM key. Other wildcard patterns are left to account selection.
 * Routes apply only when the account in use is the default one and the command line names no relay: an account
 * named with {@code --account}, or a host or port given on the command line, sends everything. The first account
 * (in file order) for an address or domain wins.
 */
final class SenderRoutes {

    /**
     * @param key the address or domain
     * @param account the account's name
     * @param invocation this run with the account's route (host, TLS, credentials) in place of its own
     * @param signer the account's DKIM signer, when it has a key
     */
    record Route(String key, String account, Invocation invocation, Optional<MessageSigner> signer) {
    }

    private SenderRoutes() {
    }

    /**
     * The routes of {@code inv}'s configuration file; empty without one or with an account chosen by name.
     *
     * @param only when the envelope sender is known, just the route it takes (so other accounts' passwords and
     *        keys are not read); empty for every route
     */
    static List<Route> of(Invocation inv, Optional<Mailbox> only) throws CliException {
        Map<String, Account> byKey = accounts(inv);
        if (only.isPresent()) {
            Optional<String> key = keyFor(byKey, only.get());
            byKey.keySet().removeIf(k -> !Optional.of(k).equals(key));
        }
        List<Route> out = new ArrayList<>();
        if (byKey.isEmpty()) {
            return out;
        }
        CommandLine none;
        try {
            none = DefaultParser.builder().setAllowPartialMatching(false).build().parse(CliOptions.build(),
                    new String[0]);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, Account> e : byKey.entrySet()) {
            Account a = e.getValue();
            CliConfig own = CliConfigMapper.map(none, List.of(), a, inv.env());
            CliConfig c = inv.config().withRoute(own.routing(), own.security(), own.auth(), own.account());
            Optional<MessageSigner> signer = Optional.empty();
            if (own.dkim().enabled()) {
                String domain = e.getKey().contains("@") ? Mailbox.parse(e.getKey()).domain() : e.getKey();
                signer = Optional.of(own.dkim().signer(Optional.of(Mailbox.parse("postmaster@" + domain)),
                        inv.env().clock()));
            }
            out.add(new Route(e.getKey(), a.name(), inv.withConfig(c), signer));
        }
        return out;
    }

    /** The account that mail from {@code sender} goes through instead of the one in use, if any. */
    static Optional<String> accountFor(Invocation inv, Optional<Mailbox> sender) {
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Account> byKey = accounts(inv);
        return keyFor(byKey, sender.get()).map(k -> byKey.get(k).name());
    }

    /** The key {@code sender} matches: its address, else its domain. */
    private static Optional<String> keyFor(Map<String, Account> byKey, Mailbox sender) {
        String address = sender.address().toLowerCase(Locale.ROOT);
        if (byKey.containsKey(address)) {
            return Optional.of(address);
        }
        String domain = sender.domain().toLowerCase(Locale.ROOT);
        return byKey.containsKey(domain) ? Optional.of(domain) : Optional.empty();
    }

    /**
     * The account in use when it is not the default one and its {@code from} matches {@code sender}: msmtp's
     * account selection by {@code -f} picked it.
     */
    static Optional<String> chosenBySender(Invocation inv, Optional<Mailbox> sender) {
        ConfigFile file = inv.configFile();
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> inUse = inv.config().account();
        if (file == ConfigFile.NONE || inUse.isEmpty() || !file.accounts().containsKey(inUse.get())) {
            return Optional.empty();
        }
        try {
            if (file.select(Optional.empty()).name().equals(inUse.get())) {
                return Optional.empty();
            }
        } catch (ConfigException e) {
            return Optional.empty();
        }
        return file.forSender(sender.get().address()).map(Account::name).filter(inUse.get()::equals);
    }

    private static Map<String, Account> accounts(Invocation inv) {
        Map<String, Account> out = new LinkedHashMap<>();
        ConfigFile file = inv.configFile();
        if (file == ConfigFile.NONE || file.accounts().isEmpty()) {
            return out;
        }
        Account current;
        try {
            current = file.select(Optional.empty());
        } catch (ConfigException e) {
            return out;
        }
        if (!inv.config().account().equals(Optional.of(current.name())) || inv.config().routing().relayFromCommandLine()) {
            return out;
        }
        for (Account a : file.accounts().values()) {
            if (a.name().equals(current.name()) || a.get(ConfigKey.FROM).isEmpty()) {
                continue;
            }
            keyOf(a.get(ConfigKey.FROM).get().strip(), inv).ifPresent(k -> out.putIfAbsent(k, a));
        }
        return out;
    }

    private static Optional<String> keyOf(String from, Invocation inv) {
        try {
            if (!MsmtpFrom.isPattern(from)) {
                return Optional.of(Mailbox.parse(MsmtpFrom.expand(from, inv.env().user())).address()
                        .toLowerCase(Locale.ROOT));
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
