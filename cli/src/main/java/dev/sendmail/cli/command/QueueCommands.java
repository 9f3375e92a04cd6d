package dev.sendmail.cli.command;

import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.queue.MailQueue;
import dev.sendmail.queue.RetryPolicy;
import java.io.IOException;
import java.nio.file.Path;

/** Opens the configured queue with one clear error when it cannot be used. */
final class QueueCommands {

    private QueueCommands() {
    }

    /**
     * The command that retries the queue of {@code inv} now, as the user would type it: the same configuration
     * file (for a route that names an account) and the absolute queue directory.
     */
    static String retryCommand(Invocation inv) {
        StringBuilder sb = new StringBuilder("send-mail");
        if (inv.configFile() != dev.sendmail.config.ConfigFile.NONE) {
            sb.append(" -C ").append(shellWord(java.nio.file.Path.of(inv.configFile().source()).toAbsolutePath()
                    .toString()));
        }
        inv.config().queue().dir().ifPresent(d -> sb.append(" --queue-dir ").append(shellWord(d.toAbsolutePath()
                .toString())));
        return sb.append(" --queue-flush").toString();
    }

    /** A word for a POSIX shell: as is when safe, else in single quotes. */
    static String shellWord(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9@%+=:,./_-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static MailQueue open(Invocation inv) throws CliException {
        Path dir = inv.config().queue().dir().orElseThrow(
                () -> CliException.usage("the queue commands need --queue-dir DIR (or queue_dir in the configuration)"));
        String host = inv.config().routing().heloName().orElse(dev.sendmail.local.LocalIdentity.hostName(inv.env().user()));
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
