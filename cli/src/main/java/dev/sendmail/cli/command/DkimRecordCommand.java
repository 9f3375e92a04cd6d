package dev.sendmail.cli.command;

import dev.sendmail.config.ConfigException;
import dev.sendmail.config.DkimSettings;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.dkim.DkimKey;

/**
 * {@code --dkim-record FILE}: prints the DNS TXT record that publishes the public half of a DKIM key, and, when
 * a selector and domain are given, where to publish it.
 */
public record DkimRecordCommand(String file) implements Command {

    @Override
    public int run(Invocation inv) throws ConfigException {
        DkimKey key = DkimSettings.readKey(inv.env().user().expand(file)); // 66 when the file is not there, else 78
        key.weakness().ifPresent(w -> inv.warn("warning: " + w));
        DkimSettings dkim = inv.config().dkim();
        if (dkim.selectors().size() == 1 && dkim.domain().isPresent()) {
            inv.info("publish as TXT at " + dkim.selectors().get(0) + "._domainkey." + dkim.domain().get());
        }
        inv.out().println(key.dnsRecord());
        return ExitCodes.OK;
    }
}
