package dev.sendmail.cli.command;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.HostProbe;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.PlanDescription;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Sender;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.ConfigFile;
import dev.sendmail.local.SubmissionException;
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
 * {@code --check-sender} does. Every line is the api's {@link PlanDescription}, as text or, with {@code --json},
 * one JSON object a line; a probed host's lines stand indented under the host lines of its plan.
 *
 * @param probe {@code --probe}: connect to each host too
 */
public record PlanCommand(boolean probe) implements Command {

    @Override
    public int run(Invocation inv) throws CliException, ConfigException, SendMailException, SubmissionException {
        CliConfig c = inv.config();
        List<Mailbox> rcpts = new ArrayList<>(c.envelope().to().mailboxes());
        if (rcpts.isEmpty() && c.server().routing().smartHost().isPresent() && probe) {
            // msmtp's --serverinfo names no recipient: the smart host is the same for every one
            rcpts.add(Mailbox.postmaster(c.server().routing().smartHost().get().name()));
        }
        if (rcpts.isEmpty() && probe && c.dkim().enabled()) {
            // nothing to route: only the DKIM key records are checked
            return DkimProbe.run(inv, Optional.empty());
        }
        if (rcpts.isEmpty()) {
            throw CliException.usage(probe ? "--probe needs recipients (or a smart host: --server, or a DKIM key)"
                    : "--plan needs recipients");
        }
        if (inv.configFile() != ConfigFile.NONE) {
            note(inv, "configuration", inv.configFile().source());
        }
        if (c.server().auth().oauth2().isPresent() && c.server().auth().user().isPresent()) {
            // which access token AUTH would use (its expiry, never the token)
            note(inv, "oauth2", SenderSetup.oauth2(inv).tokenSource(c.server().security().trust()).describe());
        }
        int code = ExitCodes.OK;
        try (var setup = SenderSetup.builder(inv, Optional.empty()).withoutCredentials().build()) {
            Instant deadline = Instant.now().plus(c.server().routing().deadline());
            setup.discovery().ifPresent(d -> print(inv, PlanDescription.json(d), PlanDescription.text(d)));
            // with a known envelope sender, the route its account gives (sender-dependent relaying)
            Envelope envelope = new Envelope(c.envelope().sender().address(), rcpts);
            SenderSetup.accountFor(inv, envelope.sender())
                    .or(() -> inv.choice().chosenBySender()).ifPresent(a -> note(inv,
                    "configuration", "account '" + a + "' (chosen by the envelope sender "
                            + envelope.sender().get().address() + ")"));
            for (Sender.RoutePlan plan : setup.sender().plan(envelope)) {
                print(inv, PlanDescription.json(plan),
                        PlanDescription.text(plan, c.server().routing().smartHost().isPresent()));
                code = ExitCodes.worse(code, plan.failure().map(ExitCodes::forFailure).orElse(ExitCodes.OK));
                if (probe && plan.route().isPresent()) {
                    // each host's lines as soon as its probe is done, not after the whole route
                    for (MailHost h : plan.route().get().hosts()) {
                        HostProbe p = HostProbe.of(setup.transport(), plan.domain(), h, deadline);
                        print(inv, PlanDescription.json(p), PlanDescription.text(p));
                        code = ExitCodes.worse(code, p.failure().map(ExitCodes::forFailure).orElse(ExitCodes.OK));
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

    /** The JSON line with {@code --json}, else the text lines. */
    private static void print(Invocation inv, String json, List<String> text) {
        (inv.config().output().json() ? List.of(json) : text).forEach(inv.out()::println);
    }

    /** A note on how the plan was made ({@code configuration}, {@code oauth2}): {@code TOPIC: TEXT} as text. */
    private static void note(Invocation inv, String topic, String text) {
        print(inv, PlanDescription.noteJson(topic, text), List.of(ControlCharacters.oneLine(topic + ": " + text)));
    }
}
