package dev.sendmail.config;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageSigner;
import dev.sendmail.dkim.DkimException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One sender-dependent route of a configuration file ({@link SenderAccounts}), read for sending: mail from
 * {@code key} goes through the settings of {@code account} (its host, TLS, credentials) and is signed with that
 * account's DKIM key. {@link ConfiguredSender.Builder#senderRoutes} turns each into a
 * {@link dev.sendmail.api.Sender.Builder#senderRoute sender route}. Immutable.
 *
 * @param key the lower-case address or domain whose mail takes this route
 * @param account the name of the account the route's settings come from
 * @param settings the account's server settings
 * @param signer signs the route's mail with the account's DKIM keys, for the domain of {@code key} unless the account
 *        names a {@code dkim_domain}; empty when the account has no {@code dkim_key}
 */
public record SenderRoute(String key, String account, ServerSettings settings, Optional<MessageSigner> signer) {

    /**
     * Reads the accounts of {@code accounts}: their server settings, and their DKIM keys. Only these accounts' files
     * are read; no password is read here.
     *
     * @param accounts the routes of a configuration file, all of them or only the one an envelope sender takes
     *        ({@link SenderAccounts#onlyFor})
     * @param env expands {@code ~} in the accounts' paths and gives the token directories
     * @param clock the time of the DKIM signatures
     * @return the routes, in file order
     * @throws ConfigException naming the key and where it was set, for an account whose settings or DKIM key
     *         cannot be used
     */
    public static List<SenderRoute> of(SenderAccounts accounts, UserEnvironment env, Clock clock)
            throws ConfigException {
        List<SenderRoute> out = new ArrayList<>();
        for (Map.Entry<String, Account> e : accounts.byKey().entrySet()) {
            Account a = e.getValue();
            ServerSettings own;
            try {
                own = ServerSettings.builder(a, env).build();
            } catch (IllegalArgumentException x) {
                throw ConfigException.invalid(a.name() + ": " + x.getMessage());
            }
            DkimSettings dkim;
            try {
                dkim = DkimSettings.of(a, env);
            } catch (IllegalArgumentException x) {
                throw ConfigException.invalid(x.getMessage());
            }
            Optional<MessageSigner> signer = Optional.empty();
            if (dkim.enabled()) {
                String domain = e.getKey().contains("@") ? Mailbox.parse(e.getKey()).domain() : e.getKey();
                try {
                    signer = Optional.of(dkim.signer(Optional.of(Mailbox.parse("postmaster@" + domain)), clock));
                } catch (DkimException x) {
                    throw ConfigException.invalid(a.name() + ": " + x.getMessage());
                }
            }
            out.add(new SenderRoute(e.getKey(), a.name(), own, signer));
        }
        return out;
    }
}
