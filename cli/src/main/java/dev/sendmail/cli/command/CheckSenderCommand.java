package dev.sendmail.cli.command;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.ConfigException;
import dev.sendmail.dmarc.SenderCheck;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.spi.Resolver;
import java.util.Optional;

/**
 * {@code --check-sender ADDRESS}: whether mail From ADDRESS, with the envelope sender of {@code -f} (else ADDRESS)
 * and the configured DKIM keys, would pass the DNS side of SPF, DKIM and DMARC, aligned in relaxed and strict
 * mode; one line per finding, {@code fix:} on each thing to fix. Only DNS is asked. Exits 0 when nothing needs
 * fixing, 78 when something does, 75 when DNS failed.
 */
public record CheckSenderCommand(String address) implements Command {

    @Override
    public int run(Invocation inv) throws CliException, ConfigException {
        Mailbox from;
        try {
            from = Mailbox.parse(address);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--check-sender: " + e.getMessage());
        }
        try (Resolver resolver = SenderSetup.createResolver(inv, Optional.empty())) {
            SenderCheck.Report report = check(inv, resolver, from);
            print(inv, from, report);
            return report.needsFixing() ? ExitCodes.CONFIG : ExitCodes.OK;
        } catch (ResolutionFailedException e) {
            throw new CliException(ExitCodes.forFailure(e), "--check-sender: " + e.getMessage(), e);
        }
    }

    /** Checks mail From {@code from} with this invocation's envelope sender and DKIM keys. */
    static SenderCheck.Report check(Invocation inv, Resolver resolver, Mailbox from)
            throws ResolutionFailedException, CliException {
        Mailbox envelope = inv.config().envelope().sender().address().orElse(from);
        try {
            return SenderCheck.check(resolver, envelope.domain(), from.domain(), inv.config().dkim().setups(from));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--check-sender: " + e.getMessage());
        }
    }

    /** For {@code --plan}: the check of the configured sender, when one is known; never fails the plan. */
    static void planSection(Invocation inv, Optional<Resolver> existing) {
        Optional<Mailbox> from = inv.config().envelope().sender().address();
        if (from.isEmpty()) {
            return;
        }
        try (Resolver resolver = SenderSetup.createResolver(inv, existing)) {
            print(inv, from.get(), check(inv, resolver, from.get()));
        } catch (ResolutionFailedException | CliException | ConfigException | RuntimeException e) {
            String sender = from.get().address();
            inv.out().println(inv.config().output().json() ? SenderCheck.notCheckedJson(sender, e.getMessage())
                    : SenderCheck.notCheckedText(sender, e.getMessage()));
        }
    }

    private static void print(Invocation inv, Mailbox from, SenderCheck.Report report) {
        (inv.config().output().json() ? report.json(from.address()) : report.text(from.address()))
                .forEach(inv.out()::println);
    }
}
