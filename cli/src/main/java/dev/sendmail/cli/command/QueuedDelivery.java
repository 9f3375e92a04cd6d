package dev.sendmail.cli.command;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Sender;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.QueueRoutes;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.queue.FirstAttempt;
import dev.sendmail.queue.MailQueue;
import java.io.IOException;

/** The api's {@link FirstAttempt} on the run's queue, with the run's route recorded; 73 when the queue fails. */
final class QueuedDelivery {

    private QueuedDelivery() {
    }

    static FirstAttempt deliver(Invocation inv, Sender sender, Envelope envelope, MessageContent content,
                                DeliveryOptions options) throws CliException {
        MailQueue queue = QueueCommands.open(inv);
        try {
            return FirstAttempt.send(queue, QueueRoutes.of(inv.config().server(), inv.config().account()), sender,
                    envelope, content, options, note -> {
                        inv.note(note);
                        inv.err().flush();
                    });
        } catch (IOException e) {
            throw new CliException(ExitCodes.CANT_CREATE, "queue " + queue.directory() + ": " + e.getMessage(), e);
        }
    }
}
