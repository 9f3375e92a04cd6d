package dev.sendmail.cli.command;

import dev.sendmail.api.Mailbox;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.Account;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.ConfiguredSender;
import dev.sendmail.config.OAuth2Account;
import dev.sendmail.config.RateLimitState;
import dev.sendmail.config.SenderAccounts;
import dev.sendmail.config.SenderRoute;
import dev.sendmail.config.ServerSetup;
import dev.sendmail.spi.Resolver;
import dev.sendmail.local.SubmissionException;
import java.util.Optional;

/**
 * The run's {@link ConfiguredSender}, built by the api from the run's server settings: here go in the notes
 * ({@code --verbose}) and warnings, the queue directory's rate-limit state, the envelope sender for
 * {@code --server auto}, and the configuration file's sender routes. Its failures stay the api's, classified where
 * they are reported ({@link CliException#exitCode(Exception)}).
 */
final class SenderSetup {

    private SenderSetup() {
    }

    /**
     * The builder of the run's sender, with its trace ({@link Invocation#trace}) as listener; the caller adds what
     * is its own (another listener, {@link ConfiguredSender.Builder#withoutCredentials} for plans and probes, which
     * never authenticate, a pool limit) and builds it. Its failures are the api's: ConfigException for a provider
     * that refuses the settings or an unreadable password, ResolutionFailedException when {@code --server auto}
     * finds no submission server or DNS failed.
     *
     * @param sender the message's envelope sender: the domain {@code --server auto} looks up (else the configured
     *        sender or the local user's address), and the only sender route whose account is read
     * @throws SubmissionException when {@code --server auto} has no valid sender to look up
     */
    static ConfiguredSender.Builder builder(Invocation inv, Optional<Mailbox> sender) throws ConfigException,
            SubmissionException {
        CliConfig c = inv.config();
        if (!c.output().quiet()) {
            c.warnings().forEach(inv::warn);
        }
        ConfiguredSender.Builder b = ConfiguredSender.builder(c.server(), inv.env().user()).listener(inv.trace())
                .notes(inv::note).warnings(w -> inv.info("warning: " + w)).clock(inv.env().clock())
                .rateLimitState(RateLimitState.file(c.message().queueDir(), inv.env().user()))
                .classLoader(SenderSetup.class.getClassLoader());
        c.account().ifPresent(b::account);
        if (c.server().routing().discoverSubmission()) {
            b.envelopeSender(sender.isPresent() ? sender.get() : c.envelope().sender().author(inv.env().user()));
        }
        SenderAccounts routes = accounts(inv);
        return b.senderRoutes(SenderRoute.of(sender.map(routes::onlyFor).orElse(routes), inv.env().user(),
                inv.env().clock()));
    }

    /** A resolver for a DNS check ({@link ServerSetup#resolverForChecks}): {@code shared}, else a new one. */
    static Resolver createResolver(Invocation inv, Optional<Resolver> shared) throws ConfigException {
        return ServerSetup.resolverForChecks(inv.config().server(), shared,
                Optional.of(SenderSetup.class.getClassLoader()), inv::note);
    }

    /** The OAuth 2 client and token files of the run's account: 78 when it has no OAuth 2 settings. */
    static OAuth2Account oauth2(Invocation inv) throws ConfigException {
        return OAuth2Account.of(inv.config().account(), inv.config().server(), inv.env().user());
    }

    /** The account that mail from {@code sender} goes through instead of the one in use, if any. */
    static Optional<String> accountFor(Invocation inv, Optional<Mailbox> sender) {
        return accounts(inv).accountFor(sender).map(Account::name);
    }

    /** None when the command line names a relay: that relay takes all mail, as with {@code --account}. */
    private static SenderAccounts accounts(Invocation inv) {
        return inv.config().relayFromCommandLine() ? SenderAccounts.NONE
                : SenderAccounts.of(inv.configFile(), inv.config().account(), inv.env().user());
    }
}
