package dev.sendmail.cli.command;

import dev.sendmail.cli.input.LocalIdentity;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.cli.output.ExitCodes;
import dev.sendmail.queue.MailQueue;
import dev.sendmail.queue.RetryPolicy;
import java.io.IOException;
import java.nio.file.Path;

/** Opens the configured queue with one clear error when it cannot be used. */
final class QueueCommands {

    private QueueCommands() {
    }

    static MailQueue open(Invocation inv) throws CliException {
        Path dir = inv.config().queue().dir().orElseThrow(
                () -> CliException.usage("the queue commands need --queue-dir DIR (or queue_dir in the configuration)"));
        String host = inv.config().routing().heloName().orElse(LocalIdentity.hostName(inv.env()));
        try {
            MailQueue.Builder b = MailQueue.builder(dir);
            try {
                b.reportingHost(host);
            } catch (IllegalArgumentException notAHostName) {
                b.reportingHost("localhost");
            }
            return b.clock(inv.env().clock()).retryPolicy(RetryPolicy.DEFAULT)
                    .bounces(inv.config().queue().bounce()).open();
        } catch (IOException e) {
            throw new CliException(ExitCodes.CANT_CREATE, "cannot use queue directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
