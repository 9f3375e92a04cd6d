package dev.sendmail.cli.command;

import dev.sendmail.config.ConfigException;
import dev.sendmail.config.DkimKeyChecks;
import dev.sendmail.config.DkimSettings;
import dev.sendmail.dkim.DkimKeyCheck;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.spi.Resolver;
import java.util.Optional;

/**
 * The DKIM part of {@code --probe}: for each configured key, whether the TXT record at
 * {@code SELECTOR._domainkey.DOMAIN} publishes it ({@link DkimKeyChecks}), one line each. The domain is
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
    static int run(Invocation inv, Optional<Resolver> existing) throws ConfigException {
        DkimSettings dkim = inv.config().dkim();
        Optional<String> domain = dkim.signingDomain(inv.config().envelope().sender().address());
        boolean json = inv.config().output().json();
        if (domain.isEmpty()) {
            String why = "no --dkim-domain and no sender (-f) to take the domain from";
            inv.out().println(json ? DkimKeyCheck.notCheckedJson("key", why) : DkimKeyCheck.notCheckedText("key", why));
            return ExitCodes.OK;
        }
        try (Resolver resolver = SenderSetup.createResolver(inv, existing)) {
            DkimKeyChecks checks = DkimKeyChecks.check(resolver, dkim, domain.get());
            (json ? checks.json() : checks.text()).forEach(inv.out()::println);
            return checks.exitCode();
        }
    }
}
