package dev.sendmail.cli.command;

import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Sender;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.cli.output.PlanPrinter;
import dev.sendmail.config.ConfigFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --plan}: for each recipient domain, the hosts in the order they would be tried, with their addresses
 * and why (MX preference, implicit MX, address literal, configured route, smart host), or why there is no
 * route (no such domain, null MX, DNS failure). Nothing is sent and no message is read. {@code --probe} also
 * connects to each host and shows its greeting, EHLO capabilities and TLS, then quits; with DKIM keys it also
 * checks that each key's published record matches ({@link DkimProbe}), and needs no recipient for that alone. With a known envelope
 * sender ({@code -f}, {@code from}) a last section checks its SPF, DKIM and DMARC records as
 * {@code --check-sender} does.
 */
public final class PlanCommand implements Command {

    private final boolean probe;

    public PlanCommand(boolean probe) {
        this.probe = probe;
    }

    @Override
    public int run(Invocation inv) throws CliException {
        CliConfig c = inv.config();
        List<Mailbox> rcpts = new ArrayList<>(c.envelope().recipients());
        if (rcpts.isEmpty() && c.server().routing().smartHost().isPresent() && probe) {
            // msmtp's --serverinfo names no recipient: the smart host is the same for every one
            rcpts.add(Mailbox.postmaster(c.server().routing().smartHost().get().name()));
        }
        PlanPrinter printer = new PlanPrinter(inv.out(), c.output().json());
        if (rcpts.isEmpty() && probe && c.dkim().enabled()) {
            // nothing to route: only the DKIM key records are checked
            return DkimProbe.run(inv, Optional.empty());
        }
        if (rcpts.isEmpty()) {
            throw CliException.usage(probe ? "--probe needs recipients (or a smart host: --server, or a DKIM key)"
                    : "--plan needs recipients");
        }
        if (inv.configFile() != ConfigFile.NONE) {
            printer.configuration(inv.configFile().source());
        }
        if (c.server().auth().oauth2().isPresent() && c.server().auth().user().isPresent()) {
            printer.oauth2(SenderSetup.tokenSource(inv).describe());
        }
        int code = ExitCodes.OK;
        try (var setup = SenderSetup.create(inv, inv.trace(), false)) {
            Instant deadline = Instant.now().plus(c.server().routing().deadline());
            setup.discovery().ifPresent(printer::discovery);
            // with a known envelope sender, the route its account gives (sender-dependent relaying)
            Envelope envelope = new Envelope(c.envelope().from(), rcpts);
            SenderSetup.accountFor(inv, c.envelope().from())
                    .or(() -> SenderSetup.chosenBySender(inv, c.envelope().from())).ifPresent(a -> printer.configuration(
                    "account '" + a + "' (chosen by the envelope sender " + c.envelope().from().get().address() + ")"));
            for (Sender.RoutePlan plan : setup.sender().plan(envelope)) {
                printer.plan(plan, c.server().routing().smartHost().isPresent());
                if (plan.failure().isPresent()) {
                    code = ExitCodes.worse(code, ExitCodes.forFailure(plan.failure().get()));
                } else if (probe) {
                    for (MailHost h : plan.route().orElseThrow().hosts()) {
                        try {
                            printer.probe(plan.domain(), setup.transport().probe(h, deadline));
                        } catch (SendMailException e) {
                            printer.probeFailed(plan.domain(), h, e);
                            code = ExitCodes.worse(code, ExitCodes.forFailure(e));
                        }
                    }
                }
            }
            CheckSenderCommand.planSection(inv, setup.resolver());
            if (probe && c.dkim().enabled()) {
                code = ExitCodes.worse(code, DkimProbe.run(inv, setup.resolver()));
            }
        }
        return code;
    }
}
