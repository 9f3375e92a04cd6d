package dev.sendmail.cli.input;

import dev.sendmail.api.Mailbox;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.SendmailSubmission;
import dev.sendmail.local.SubmissionException;

/**
 * The sender of a command that was given none ({@code -f}, {@code from}): the api's
 * {@link SendmailSubmission#defaultSender}, its error a usage error. {@link SendmailSubmission} prepares a message
 * read in sendmail mode.
 */
public final class SendmailInput {

    private SendmailInput() {
    }

    /** {@code user@host} for a sender that was given nowhere; 64 when that is not a valid address. */
    public static Mailbox defaultSender(Environment env) throws CliException {
        try {
            return SendmailSubmission.defaultSender(env.user());
        } catch (SubmissionException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
