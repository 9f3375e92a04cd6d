package dev.sendmail.cli.input;

import dev.sendmail.api.Mailbox;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.EnvelopeSender;
import dev.sendmail.local.SubmissionException;
import java.util.Optional;

/**
 * The envelope sender and the author of a message when the command needs one before any message is read
 * ({@link EnvelopeSender}): the local user's address when neither {@code -f} nor {@code from} names one, a usage
 * error when that is not valid. {@link dev.sendmail.local.SendmailSubmission} addresses a message read in sendmail
 * mode.
 */
public final class SendmailInput {

    private SendmailInput() {
    }

    /** The reverse-path ({@link EnvelopeSender#reversePath}); empty for {@code -f '<>'}; 64 without a valid one. */
    public static Optional<Mailbox> reversePath(CliConfig c, Environment env) throws CliException {
        try {
            return c.envelope().sender().reversePath(env.user());
        } catch (SubmissionException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /** The author ({@link EnvelopeSender#author}), also for the null sender; 64 without a valid one. */
    public static Mailbox author(CliConfig c, Environment env) throws CliException {
        try {
            return c.envelope().sender().author(env.user());
        } catch (SubmissionException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
