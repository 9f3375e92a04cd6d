package dev.sendmail.cli.command;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.EtrnNode;
import dev.sendmail.api.SendMailException;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.ConfigException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.local.ResultLines;
import dev.sendmail.spi.EtrnResult;
import dev.sendmail.local.SubmissionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --etrn DOMAIN}: asks the smart host (named, configured or found through SRV) to start delivering the mail
 * it holds for each domain (ETRN, RFC 1985), over the same TLS and AUTH as sending. Each reply is printed on
 * stdout; the exit code is the worst of them: 2xx 0, 458 75, 459 and 5xx 69, a failed session as for sending.
 * ETRN is sent even when the server does not list it in EHLO ({@code -v} shows that).
 *
 * @param arguments the {@code --etrn} values as given: a domain, {@code @DOMAIN} or {@code #QUEUE} each
 */
public record EtrnCommand(List<String> arguments) implements Command {

    public EtrnCommand {
        arguments = List.copyOf(arguments);
    }

    @Override
    public int run(Invocation inv) throws CliException, ConfigException, SendMailException, SubmissionException {
        CliConfig c = inv.config();
        if (!c.server().routing().relays()) {
            throw CliException.usage("--etrn needs a server: --server HOST, --server auto, or an account with 'host'");
        }
        if (!c.envelope().to().mailboxes().isEmpty()) {
            throw CliException.usage("--etrn sends no mail: drop the recipients");
        }
        List<EtrnNode> nodes = new ArrayList<>();
        for (String a : arguments) {
            try {
                nodes.add(EtrnNode.parse(a.strip()));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--etrn: " + e.getMessage());
            }
        }
        int code = ExitCodes.OK;
        try (var setup = SenderSetup.builder(inv, Optional.empty()).build()) {
            for (EtrnNode node : nodes) {
                try {
                    EtrnResult r = setup.sender().etrn(node);
                    code = ExitCodes.worse(code, ExitCodes.forEtrn(r.reply()));
                    inv.out().println(c.output().json() ? ResultLines.json(r)
                            : ControlCharacters.oneLine(r.toString()));
                } catch (SendMailException e) {
                    code = ExitCodes.worse(code, ExitCodes.forFailure(e));
                    if (c.output().json()) {
                        inv.out().println(ResultLines.json(node, e));
                    } else {
                        inv.warn("ETRN " + node + ": " + e.getMessage());
                    }
                }
            }
        }
        return code;
    }
}
