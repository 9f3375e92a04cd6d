package dev.sendmail.cli.command;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.input.SendmailInput;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.cli.output.VerifyPrinter;
import dev.sendmail.spi.TranscriptListener;
import java.util.List;
import java.util.Optional;

/**
 * {@code -bv} / {@code --verify}: for each recipient, the route is found as for sending and its host asked with
 * MAIL FROM and RCPT TO (VRFY first with {@code --vrfy}), then RSET; DATA is never sent and no message is read.
 * One line per recipient on stdout; the exit code is the one sending would give.
 */
public final class VerifyCommand implements Command {

    private final boolean vrfy;

    public VerifyCommand(boolean vrfy) {
        this.vrfy = vrfy;
    }

    @Override
    public int run(Invocation inv) throws CliException {
        CliConfig c = inv.config();
        List<Mailbox> rcpts = c.envelope().recipients();
        if (rcpts.isEmpty()) {
            throw CliException.usage("--verify needs recipients (name them as arguments or with --to)");
        }
        Optional<Mailbox> sender = c.envelope().nullSender() ? Optional.empty()
                : Optional.of(c.envelope().from().isPresent() ? c.envelope().from().get()
                        : SendmailInput.defaultSender(inv.env()));
        Envelope envelope = sender.isPresent() ? Envelope.of(sender.get(), rcpts) : Envelope.nullSender(rcpts);
        TranscriptListener listener = inv.trace();
        try (SenderSetup setup = SenderSetup.create(inv, listener, true, sender)) {
            DeliveryReport report = setup.sender().verify(envelope, vrfy);
            VerifyPrinter.print(report, c.output().json(), inv.out());
            return ExitCodes.forReport(report);
        }
    }
}
