package dev.sendmail.cli.command;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.DkimSettings;
import dev.sendmail.dkim.DkimKeyCheck;
import dev.sendmail.local.ExitCodes;
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
    static int run(Invocation inv, Optional<Resolver> existing) throws CliException {
        DkimSettings dkim = inv.config().dkim();
        Optional<String> domain = dkim.signingDomain(inv.config().envelope().from());
        if (domain.isEmpty()) {
            notChecked(inv, "key", "no --dkim-domain and no sender (-f) to take the domain from");
            return ExitCodes.OK;
        }
        int code = ExitCodes.OK;
        try (Resolver resolver = SenderSetup.createResolver(inv, existing)) {
            for (int i = 0; i < dkim.keys().size(); i++) {
                String selector = dkim.selectors().get(i);
                try {
                    DkimKeyCheck check = DkimKeyCheck.check(resolver, dkim.keys().get(i), selector, domain.get());
                    inv.out().println(inv.config().output().json() ? check.json() : check.text());
                    code = ExitCodes.worse(code, check.matches() ? ExitCodes.OK : ExitCodes.CONFIG);
                } catch (ResolutionFailedException | IllegalArgumentException e) {
                    notChecked(inv, selector + "._domainkey." + domain.get(), e.getMessage());
                    code = ExitCodes.worse(code, e instanceof ResolutionFailedException r ? ExitCodes.forFailure(r)
                            : ExitCodes.USAGE);
                }
            }
        }
        return code;
    }

    private static void notChecked(Invocation inv, String name, String why) {
        inv.out().println(inv.config().output().json() ? DkimKeyCheck.notCheckedJson(name, why)
                : DkimKeyCheck.notCheckedText(name, why));
    }
}
