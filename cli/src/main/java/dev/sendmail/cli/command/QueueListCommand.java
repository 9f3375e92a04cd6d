package dev.sendmail.cli.command;

import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.cli.output.QueueListing;
import java.io.IOException;

/** {@code --queue-list} / {@code -bp}: prints the queue like mailq. */
public final class QueueListCommand implements Command {

    @Override
    public int run(Invocation inv) throws CliException {
        try {
            if (inv.config().output().json()) {
                QueueListing.printJson(QueueCommands.open(inv), inv.out());
            } else {
                QueueListing.print(QueueCommands.open(inv), inv.out());
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO_ERROR, "cannot read the queue: " + e.getMessage(), e);
        }
    }
}
