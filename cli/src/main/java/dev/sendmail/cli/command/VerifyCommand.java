package dev.sendmail.cli.command;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.SendMailException;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.ConfigException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.local.ResultLines;
import dev.sendmail.local.SubmissionException;
import java.util.List;
import java.util.Optional;

/**
 * {@code -bv} / {@code --verify}: for each recipient, the route is found as for sending and its host asked with
 * MAIL FROM and RCPT TO (VRFY first with {@code --vrfy}), then RSET; DATA is never sent and no message is read.
 * One line per recipient on stdout; the exit code is the one sending would give.
 *
 * @param vrfy {@code --vrfy}: ask with VRFY first where the server offers it
 */
public record VerifyCommand(boolean vrfy) implements Command {

    @Override
    public int run(Invocation inv) throws CliException, ConfigException, SendMailException, SubmissionException {
        List<Mailbox> rcpts = inv.config().envelope().to().mailboxes();
        if (rcpts.isEmpty()) {
            throw CliException.usage("--verify needs recipients (name them as arguments or with --to)");
        }
        Optional<Mailbox> sender = inv.config().envelope().sender().reversePath(inv.env().user());
        try (var setup = SenderSetup.builder(inv, sender).build()) {
            DeliveryReport report = setup.sender().verify(new Envelope(sender, rcpts), vrfy);
            (inv.config().output().json() ? ResultLines.verifiedJson(report) : ResultLines.verifiedText(report))
                    .forEach(inv.out()::println);
            return ExitCodes.forReport(report);
        }
    }
}
