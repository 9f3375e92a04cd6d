package dev.sendmail.cli.command;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.cli.output.PlanPrinter;
import dev.sendmail.config.DkimSettings;
import dev.sendmail.dkim.DkimKeyCheck;
import dev.sendmail.spi.Resolver;
import java.util.Optional;

/**
 * The DKIM part of {@code --probe}: for each configured key, whether the TXT record at
 * {@code SELECTOR._domainkey.DOMAIN} publishes it ({@link DkimKeyCheck}), one line each. The domain is
 * {@code --dkim-domain}, else the envelope sender's. Exit 0 when every key matches, 78 when a record is
 * missing, revoked or different, and the lookup's own code (75 temporary) when DNS failed.
 */
final class DkimProbe {

    private DkimProbe() {
    }

    /**
     * @param existing the plan's resolver, when it has one; otherwise one is made and closed here
     * @return the exit code of the check
     */
    static int run(Invocation inv, PlanPrinter printer, Optional<Resolver> existing) throws CliException {
        DkimSettings dkim = inv.config().dkim();
        Optional<String> domain = dkim.domain()
                .or(() -> inv.config().envelope().from().filter(m -> !m.isAddressLiteral()).map(Mailbox::domain));
        if (domain.isEmpty()) {
            printer.dkimCheckFailed("key", "no --dkim-domain and no sender (-f) to take the domain from");
            return ExitCodes.OK;
        }
        Resolver resolver = existing.isPresent() ? existing.get() : SenderSetup.createResolver(inv);
        int code = ExitCodes.OK;
        try {
            for (int i = 0; i < dkim.keys().size(); i++) {
                String selector = dkim.selectors().get(i);
                String name = selector + "._domainkey." + domain.get();
                try {
                    DkimKeyCheck check = DkimKeyCheck.check(resolver, dkim.keys().get(i), selector, domain.get());
                    printer.dkimCheck(check);
                    code = ExitCodes.worse(code, check.matches() ? ExitCodes.OK : ExitCodes.CONFIG);
                } catch (ResolutionFailedException e) {
                    printer.dkimCheckFailed(name, e.getMessage());
                    code = ExitCodes.worse(code, ExitCodes.forFailure(e));
                } catch (IllegalArgumentException e) {
                    printer.dkimCheckFailed(name, e.getMessage());
                    code = ExitCodes.worse(code, ExitCodes.USAGE);
                }
            }
        } finally {
            if (existing.isEmpty()) {
                resolver.close();
            }
        }
        return code;
    }
}
