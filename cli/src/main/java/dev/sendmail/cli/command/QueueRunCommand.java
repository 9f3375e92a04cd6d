package dev.sendmail.cli.command;

import dev.sendmail.cli.output.CliException;
import dev.sendmail.cli.output.ExitCodes;
import dev.sendmail.queue.MailQueue;
import dev.sendmail.queue.QueueDelivery;
import dev.sendmail.queue.QueueRun;
import java.io.IOException;

/**
 * {@code --queue-run} / {@code -q}: delivers the queued messages that are due, with the routing and security
 * options of this invocation (or its configuration file); {@code --queue-flush} tries every message now.
 * Exits 0 when the run itself worked, whatever stays queued: deferral is the queue's normal business.
 */
public final class QueueRunCommand implements Command {

    private final boolean force;

    public QueueRunCommand(boolean force) {
        this.force = force;
    }

    @Override
    public int run(Invocation inv) throws CliException {
        MailQueue queue = QueueCommands.open(inv);
        try (SenderSetup setup = SenderSetup.create(inv, inv.trace())) {
            QueueDelivery delivery = QueueDelivery.through(setup.sender());
            QueueRun run = force ? queue.flush(delivery) : queue.run(delivery);
            for (String c : run.corrupt()) {
                inv.warn(c);
            }
            for (String line : run.lines()) {
                inv.info(line);
            }
            inv.info("queue run: " + run.tried() + " tried, " + run.finished() + " done, " + run.stillQueued()
                    + " still queued, " + run.skipped() + " not due or busy");
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO_ERROR, "queue " + queue.directory() + ": " + e.getMessage(), e);
        }
    }
}
