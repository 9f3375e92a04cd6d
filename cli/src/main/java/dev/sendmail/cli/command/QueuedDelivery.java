package dev.sendmail.cli.command;

import dev.sendmail.config.QueueRoutes;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Sender;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.queue.MailQueue;
import dev.sendmail.queue.QueueClaim;
import dev.sendmail.queue.QueueEntry;
import java.io.IOException;
import java.util.Optional;

/**
 * Delivery with a queue: the message is written to the queue before the first attempt (so a crash at any later
 * moment loses nothing), the attempt is made under the entry's lock, and the outcome is recorded: the entry
 * leaves the queue when no recipient is left to retry.
 *
 * @param report the outcome of the first attempt
 * @param queuedAs the queue id when some recipients were deferred and stay queued
 */
record QueuedDelivery(DeliveryReport report, Optional<String> queuedAs) {

    static QueuedDelivery deliver(Invocation inv, Sender sender, Envelope envelope, MessageContent content,
                                  DeliveryOptions options) throws CliException {
        MailQueue queue = QueueCommands.open(inv);
        try (QueueClaim claim = queue.accept(envelope, content, options, QueueRoutes.of(inv.config().server(), inv.config().account()))) {
            inv.note("accepted into the queue as " + claim.id() + " in " + queue.directory());
            inv.err().flush();
            // the spooled original, not the queued copy: same bytes, and its traits are already computed
            DeliveryReport report = sender.send(envelope, content, options);
            QueueEntry after = claim.record(report);
            return new QueuedDelivery(report, after.isFinished() ? Optional.empty() : Optional.of(claim.id()));
        } catch (IOException e) {
            throw new CliException(ExitCodes.CANT_CREATE, "queue " + queue.directory() + ": " + e.getMessage(), e);
        }
    }
}
