package dev.sendmail.cli.command;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Sender;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.QueueRoutes;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.local.SendmailDelivery;
import dev.sendmail.queue.FirstAttempt;
import dev.sendmail.queue.MailQueue;
import java.io.IOException;

/**
 * A message's first attempt: through the run's queue, with the run's route recorded, when there is one; 73 when the
 * queue fails.
 */
final class QueuedDelivery {

    private QueuedDelivery() {
    }

    static FirstAttempt send(Invocation inv, Sender sender, SendmailDelivery delivery, DeliveryOptions options)
            throws CliException {
        if (inv.config().message().queueDir().isEmpty()) {
            return delivery.send(sender, options);
        }
        MailQueue queue = QueueCommands.open(inv);
        try {
            return delivery.send(sender, options, queue, QueueRoutes.of(inv.config().server(),
                    inv.config().account()), note -> {
                        inv.note(note);
                        inv.err().flush();
                    });
        } catch (IOException e) {
            throw new CliException(ExitCodes.CANT_CREATE, "queue " + queue.directory() + ": " + e.getMessage(), e);
        }
    }
}
