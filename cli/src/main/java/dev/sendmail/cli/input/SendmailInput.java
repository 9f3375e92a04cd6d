package dev.sendmail.cli.input;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.Mailbox;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.LocalIdentity;
import dev.sendmail.local.SendmailSubmission;

/**
 * The sender of a command that was given none ({@code -f}, {@code from}): the local user's {@code user@host}
 * ({@link LocalIdentity}), or the usage error that says how to give one. The api's {@link SendmailSubmission}
 * prepares a message read in sendmail mode.
 */
public final class SendmailInput {

    private SendmailInput() {
    }

    /** {@code user@host} for a sender that was given nowhere; 64 when that is not a valid address. */
    public static Mailbox defaultSender(Environment env) throws CliException {
        try {
            return LocalIdentity.defaultSender(env.user());
        } catch (IllegalArgumentException e) {
            throw noDefaultSender(env);
        }
    }

    private static CliException noDefaultSender(Environment env) {
        return CliException.usage("no sender given and " + ControlCharacters.escape(LocalIdentity.userName(env.user())
                + "@" + LocalIdentity.mailName(env.user()))
                + " is not a valid address; use -f ADDR or 'from' in the configuration file");
    }
}
