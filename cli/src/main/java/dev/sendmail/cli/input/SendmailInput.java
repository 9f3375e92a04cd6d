package dev.sendmail.cli.input;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.HeaderBlock;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Message;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.NoRecipientException;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.Aliases;
import dev.sendmail.config.MessagePolicy;
import dev.sendmail.local.DeadLetter;
import dev.sendmail.local.LocalIdentity;
import dev.sendmail.local.SpooledMessage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Sendmail mode's options mapped onto the api ({@link HeaderBlock}, {@link Message#parse}, {@link MessagePolicy},
 * {@link DeadLetter}), with the exit code and wording of each failure: what {@code -t}, {@code -f} and msmtp's
 * header keys do to a spooled raw message before it is sent.
 */
public final class SendmailInput {

    private SendmailInput() {
    }

    /**
     * The envelope sender when none was given: the first address of the Sender or From field, else the local user.
     */
    public static Mailbox senderFromMessage(SpooledMessage msg, Environment env) throws CliException {
        Optional<Mailbox> sender = msg.header().firstSender();
        return sender.isPresent() ? sender.get() : defaultSender(env);
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

    /** The recipients a message kept in dead.letter still has to reach ({@link DeadLetter#undeliveredTo}); 65. */
    public static List<Mailbox> undeliveredTo(HeaderBlock header) throws CliException {
        try {
            return DeadLetter.undeliveredTo(header);
        } catch (IllegalArgumentException e) {
            throw CliException.data(e.getMessage());
        }
    }

    /**
     * {@code -t}: the recipients named in the header fields (To, Cc, Bcc, or the Resent- fields when there are
     * any) after {@code alsoTo}, and the content with Bcc and Resent-Bcc removed; {@link Message#parse} does both.
     *
     * @param aliases expands local names (recipients without a domain)
     * @throws CliException 65 for an invalid address, 64 when no recipient is named anywhere
     */
    public static Message readRecipients(MessageContent content, Aliases aliases, List<Mailbox> alsoTo)
            throws CliException, IOException {
        try {
            return Message.parse(content, name -> aliases.expand(name).orElseThrow(() -> new IllegalArgumentException(
                    ControlCharacters.escape(name) + " has no domain" + (aliases == Aliases.NONE
                    ? " (map local names to addresses with 'aliases FILE' in the configuration file)"
                    : " and no entry in the aliases file"))), alsoTo);
        } catch (NoRecipientException e) {
            throw CliException.usage("no recipients: the message has no To, Cc or Bcc field and none were given");
        } catch (IllegalArgumentException e) {
            throw CliException.data(e.getMessage());
        }
    }

    /**
     * Applies msmtp's header keys ({@link MessagePolicy#apply}); 64 when a From field must name the local user and
     * {@code user@host} is not a valid address.
     *
     * @param sender the envelope sender (empty for the null sender: a From field then names the local user)
     * @return one note per change, for {@code --verbose}
     */
    public static List<String> applyPolicy(HeaderBlock header, MessagePolicy policy, Optional<Mailbox> sender,
            Optional<String> fullName, Environment env) throws CliException {
        try {
            return policy.apply(header, sender, fullName, env.user(), env.clock());
        } catch (IllegalArgumentException e) {
            throw noDefaultSender(env);
        }
    }

    /** Checks the raw input before anything is sent: 65 for what SMTP cannot carry. */
    public static void check(SpooledMessage msg) throws CliException {
        if (msg.problem().isPresent()) {
            throw CliException.data(msg.problem().get() + "; nothing was sent");
        }
    }
}
