package dev.sendmail.cli.command;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.SendMailException;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.input.Composer;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.cli.output.Progress;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.ConfiguredSender;
import dev.sendmail.config.MessageLog;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.local.MalformedMessageException;
import dev.sendmail.local.MessageSpool;
import dev.sendmail.local.PreparedMessage;
import dev.sendmail.local.ResultLines;
import dev.sendmail.local.SendmailDelivery;
import dev.sendmail.local.SendmailSubmission;
import dev.sendmail.local.SubmissionException;
import dev.sendmail.local.SpoolException;
import dev.sendmail.local.SpooledMessage;
import dev.sendmail.local.UndeliveredHandler;
import dev.sendmail.queue.FirstAttempt;
import dev.sendmail.spi.ProviderLookupException;
import dev.sendmail.spi.TranscriptListener;
import dev.sendmail.dkim.DkimException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Sends one message: reads it (sendmail mode: standard input, spooled; compose mode: built with Jakarta Mail),
 * checks it, builds the sender (providers, credentials), delivers, prints the report, keeps undelivered mail
 * (also when the configuration turns out to be unusable after the message was read) and returns the exit code.
 */
public final class SendCommand implements Command {

    private final UndeliveredHandler undelivered;

    public SendCommand(UndeliveredHandler undelivered) {
        this.undelivered = undelivered;
    }

    @Override
    public int run(Invocation inv) throws CliException, SubmissionException {
        CliConfig c = inv.config();
        for (String flag : c.ignoredFlags()) {
            inv.note("ignoring sendmail flag " + flag);
        }
        boolean compose = c.compose().isPresent();
        CliConfig.EnvelopeSpec spec = c.envelope();
        if (!spec.readRecipients() && spec.to().mailboxes().isEmpty()
                && (!compose || (spec.cc().mailboxes().isEmpty() && spec.bcc().mailboxes().isEmpty()))) {
            throw CliException.usage("no recipients given (name them as arguments, with --to, or use -t)");
        }
        try (MessageSpool spool = new MessageSpool(inv.env().tempDir())) {
            PreparedMessage message;
            if (compose) {
                message = Composer.compose(c, inv.stdin(), inv.env(), spool);
            } else {
                SpooledMessage msg = spool.message(inv.stdin(), !c.envelope().ignoreDots());
                try {
                    message = new SendmailSubmission(c.envelope().sender(), c.message().fullName(),
                            c.envelope().readRecipients(), c.envelope().to().mailboxes(), c.message().aliases(),
                            c.message().headers()).prepare(msg, inv.env().user(), inv.env().clock(), inv::note);
                } catch (SubmissionException e) {
                    // read but never addressed (a bad header address with -t, no recipient at all): keep it anyway
                    return SendmailDelivery.giveUpUnaddressed(msg.content(), recipients(c), e, undelivered, inv::warn);
                }
            }
            SendmailDelivery delivery = new SendmailDelivery(message.envelope(), message.content(), undelivered,
                    inv::warn);
            if (message.problem().isPresent()) {
                return delivery.giveUp(message.problem().get(), ExitCodes.DATA_ERROR);
            }
            Optional<String> routedAccount = SenderSetup.accountFor(inv, message.envelope().sender());
            routedAccount.ifPresent(a -> inv.note("the envelope sender selects account '" + a
                    + "': its host, credentials and DKIM key send this message"));
            if (routedAccount.isEmpty()) {
                try {
                    delivery.sign(c.dkim(), message.headerFrom(), inv.env().clock());
                } catch (DkimException e) {
                    return delivery.giveUp(e.getMessage(), ExitCodes.DATA_ERROR);
                }
            }
            Progress progress = Progress.forMessage(inv.err(), inv.env().stderrIsTerminal(), c.output().quiet()
                    || c.output().trace(), message.envelope().recipients().size(), delivery.content().size().orElse(0));
            FirstAttempt attempt;
            try (ConfiguredSender setup = SenderSetup.builder(inv, message.envelope().sender())
                    .listener(TranscriptListener.all(List.of(inv.trace(), progress))).build()) {
                attempt = QueuedDelivery.send(inv, setup.sender(), delivery, message.options(c.envelope().options()));
            } catch (CliException | ConfigException | SendMailException | SubmissionException
                    | ProviderLookupException e) {
                // the sender or the queue cannot be used: the error first, then where the message went
                return delivery.giveUp(e.getMessage(), CliException.exitCode(e));
            } catch (RuntimeException e) {
                // a bug: the message is kept all the same
                delivery.keepAll();
                throw e;
            } finally {
                progress.clear();
            }
            return report(inv, message, delivery, attempt);
        } catch (MalformedMessageException e) {
            // refused while read (a header section over its bound): the message as given is kept all the same
            throw CliException.data(SendmailDelivery.giveUpUnread(e, recipients(c), undelivered));
        } catch (IOException e) {
            // kept when nothing was read (the spool file cannot be created); what a failure midway read is lost
            String why = "cannot read or spool the message: " + e.getMessage();
            throw new CliException(ExitCodes.IO_ERROR, e instanceof SpoolException s
                    ? SendmailDelivery.giveUpUnread(why, s.input(), recipients(c), undelivered) : why, e);
        }
    }

    /** The recipients as given on the command line, for a message kept before it was addressed. */
    private static List<String> recipients(CliConfig c) {
        return c.envelope().to().mailboxes().stream().map(Mailbox::address).toList();
    }

    private int report(Invocation inv, PreparedMessage message, SendmailDelivery delivery, FirstAttempt attempt) {
        CliConfig c = inv.config();
        DeliveryReport report = attempt.report();
        new MessageLog(c.message().log(), c.server(), inv.env().user(), inv.env().clock(), inv.out()::println,
                w -> inv.info("warning: " + w)).write(message.envelope().sender().map(Mailbox::address).orElse("<>"),
                delivery.content().size().orElse(0), report, ExitCodes.forReport(report));
        if (c.output().json()) {
            ResultLines.json(report, attempt.queuedAs()).forEach(inv.out()::println);
        }
        if (!c.output().quiet() && (!report.allDelivered() || c.output().verbose())) {
            report.lines().forEach(inv.err()::println);
        }
        // deferred recipients are safe in the queue; whatever nobody retries is kept (dead.letter or a queue)
        attempt.queuedAs().filter(id -> attempt.unsettled().isEmpty()).ifPresent(id -> inv.info("queued as " + id
                + " for " + report.deferred().size() + " recipient(s); to retry now: "
                + QueueCommands.retryCommand(inv)));
        return delivery.finish(attempt);
    }
}
