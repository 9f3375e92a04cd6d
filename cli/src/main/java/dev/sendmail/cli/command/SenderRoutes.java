package dev.sendmail.cli.command;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageSigner;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.config.CliConfigMapper;
import dev.sendmail.cli.options.CliOptions;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.Account;
import dev.sendmail.config.SenderAccounts;
import dev.sendmail.dkim.DkimException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;

/**
 * Sender-dependent relaying from the configuration file ({@link SenderAccounts}): each account that takes the mail
 * of an address or domain becomes a {@link dev.sendmail.api.Sender.Builder#senderRoute sender route} with that
 * account's host, TLS, credentials and DKIM key in place of the account in use. A host or port given on the
 * command line takes all mail: there are no sender routes then.
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
        SenderAccounts routes = accounts(inv);
        Map<String, Account> byKey = (only.isPresent() ? routes.onlyFor(only.get()) : routes).byKey();
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
                try {
                    signer = Optional.of(own.dkim().signer(Optional.of(Mailbox.parse("postmaster@" + domain)),
                            inv.env().clock()));
                } catch (DkimException ex) {
                    throw CliException.data(ex.getMessage());
                }
            }
            out.add(new Route(e.getKey(), a.name(), inv.withConfig(c), signer));
        }
        return out;
    }

    /** The account that mail from {@code sender} goes through instead of the one in use, if any. */
    static Optional<String> accountFor(Invocation inv, Optional<Mailbox> sender) {
        return accounts(inv).accountFor(sender).map(Account::name);
    }

    /**
     * The account in use when it is not the default one and its {@code from} matches {@code sender}: msmtp's
     * account selection by {@code -f} picked it.
     */
    static Optional<String> chosenBySender(Invocation inv, Optional<Mailbox> sender) {
        return SenderAccounts.chosenBySender(inv.configFile(), inv.config().account(), sender);
    }

    /** None when the command line names a relay: that relay takes all mail, as with {@code --account}. */
    private static SenderAccounts accounts(Invocation inv) {
        if (inv.config().relayFromCommandLine()) {
            return SenderAccounts.NONE;
        }
        return SenderAccounts.of(inv.configFile(), inv.config().account(), inv.env().user());
    }
}
