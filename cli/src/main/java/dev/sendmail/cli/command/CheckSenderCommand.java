package dev.sendmail.cli.command;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.cli.output.PlanPrinter;
import dev.sendmail.config.DkimSettings;
import dev.sendmail.dkim.DkimKey;
import dev.sendmail.dmarc.SenderCheck;
import dev.sendmail.spi.Resolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --check-sender ADDRESS}: whether mail From ADDRESS, with the envelope sender of {@code -f} (else ADDRESS)
 * and the configured DKIM keys, would pass the DNS side of SPF, DKIM and DMARC, aligned in relaxed and strict
 * mode; one line per finding, {@code fix:} on each thing to fix. Only DNS is asked. Exits 0 when nothing needs
 * fixing, 78 when something does, 75 when DNS failed.
 */
public final class CheckSenderCommand implements Command {

    private final String address;

    public CheckSenderCommand(String address) {
        this.address = address;
    }

    @Override
    public int run(Invocation inv) throws CliException {
        Mailbox from;
        try {
            from = Mailbox.parse(address);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--check-sender: " + e.getMessage());
        }
        PlanPrinter printer = new PlanPrinter(inv.out(), inv.config().output().json());
        try (Resolver resolver = SenderSetup.createResolver(inv)) {
            SenderCheck.Report report = check(inv, resolver, from);
            printer.senderCheck(from, report);
            return report.needsFixing() ? ExitCodes.CONFIG : ExitCodes.OK;
        } catch (ResolutionFailedException e) {
            throw new CliException(ExitCodes.forFailure(e), "--check-sender: " + e.getMessage(), e);
        }
    }

    /** Checks mail From {@code from} with this invocation's envelope sender and DKIM keys. */
    static SenderCheck.Report check(Invocation inv, Resolver resolver, Mailbox from)
            throws ResolutionFailedException, CliException {
        CliConfig c = inv.config();
        Mailbox envelope = c.envelope().from().orElse(from);
        try {
            return SenderCheck.check(resolver, envelope.domain(), from.domain(), dkim(c.dkim(), from));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--check-sender: " + e.getMessage());
        }
    }

    private static List<SenderCheck.DkimSetup> dkim(DkimSettings d, Mailbox from) {
        List<SenderCheck.DkimSetup> out = new ArrayList<>();
        String domain = d.domain().orElse(from.domain());
        for (int i = 0; i < d.keys().size() && i < d.selectors().size(); i++) {
            DkimKey key = d.keys().get(i);
            out.add(new SenderCheck.DkimSetup(domain, d.selectors().get(i), key));
        }
        return out;
    }

    /** For {@code --plan}: the check of the configured sender, when one is known; never fails the plan. */
    static void planSection(Invocation inv, PlanPrinter printer, Optional<Resolver> existing) {
        Optional<Mailbox> from = inv.config().envelope().from();
        if (from.isEmpty()) {
            return;
        }
        Resolver resolver = null;
        try {
            resolver = existing.isPresent() ? existing.get() : SenderSetup.createResolver(inv);
            printer.senderCheck(from.get(), check(inv, resolver, from.get()));
        } catch (ResolutionFailedException | CliException | RuntimeException e) {
            printer.senderCheckFailed(from.get(), e.getMessage());
        } finally {
            if (resolver != null && existing.isEmpty()) {
                resolver.close();
            }
        }
    }
}
