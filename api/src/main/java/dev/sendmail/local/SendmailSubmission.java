package dev.sendmail.local;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.HeaderBlock;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Message;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.NoRecipientException;
import dev.sendmail.config.Aliases;
import dev.sendmail.config.MessagePolicy;
import dev.sendmail.config.UserEnvironment;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What sendmail mode does to a raw message read from standard input ({@link MessageSpool}) before it is sent:
 * the envelope sender chosen ({@link EnvelopeSender}), else the message's Sender or From field, else the local user; with
 * {@code -t} the recipients of the header fields ({@link Message#parse}, local names through the aliases); a
 * message kept in dead.letter sent again only to those it still has to reach ({@link DeadLetter#UNDELIVERED_TO});
 * msmtp's header keys applied ({@link MessagePolicy#apply}: From, Date, Message-ID, Bcc removal). Immutable; one
 * instance may prepare any number of messages.
 *
 * @param sender the envelope sender chosen ({@code -f}, an account's {@code from}); {@link EnvelopeSender#NONE}
 *        for the message's own
 * @param fullName the display name for a From field that is written ({@code -F})
 * @param readRecipients read the recipients from the header fields ({@code -t})
 * @param recipients the recipients given outside the message (the arguments); with {@code -t} they come first
 * @param aliases maps recipients without a domain (such as cron's {@code root}) to mailboxes, for {@code -t}
 * @param policy what happens to the header fields before sending
 */
public record SendmailSubmission(EnvelopeSender sender, Optional<String> fullName,
                                 boolean readRecipients, List<Mailbox> recipients, Aliases aliases,
                                 MessagePolicy policy) {

    /**
     * Copies the recipients, so that the settings cannot change after they were made.
     *
     * @param sender {@code -f}, {@link EnvelopeSender#NONE} when not given
     * @param fullName {@code -F}
     * @param readRecipients {@code -t}
     * @param recipients the recipients given as arguments
     * @param aliases the local names for {@code -t}
     * @param policy what happens to the header fields
     */
    public SendmailSubmission {
        recipients = List.copyOf(recipients);
    }

    /**
     * Addresses a spooled message and changes its header as the settings say. The header of {@code msg} is changed
     * in place; the body is never read here except through {@link Message#parse} for {@code -t}.
     *
     * @param msg the message as read from standard input
     * @param env the local user and host, for a sender given nowhere and for Message-IDs without a sender
     * @param clock the time for Date and Message-ID fields that are added
     * @param notes told each step a user may not expect (a sender taken from the message, fields added, replaced
     *        or removed), one line each, for a verbose mode
     * @return the envelope and content; its {@link PreparedMessage#problem()} says when SMTP cannot carry it
     * @throws IOException when the spooled message cannot be read
     * @throws SubmissionException when the message cannot be addressed: nothing was sent, and the caller keeps
     *         the raw input
     */
    public PreparedMessage prepare(SpooledMessage msg, UserEnvironment env, Clock clock, Consumer<String> notes)
            throws IOException, SubmissionException {
        HeaderBlock header = msg.header();
        List<Mailbox> to = new ArrayList<>(recipients);
        List<Mailbox> undelivered = readRecipients ? undeliveredTo(header) : List.of();
        if (header.remove(DeadLetter.UNDELIVERED_TO) > 0) {
            notes.accept("removed the X-Undelivered-To field(s) of a message kept in dead.letter before sending");
        }
        Optional<Mailbox> reversePath = sender.address();
        if (sender.isNone()) {
            Optional<Mailbox> named = header.firstSender();
            reversePath = Optional.of(named.isPresent() ? named.get() : defaultSender(env));
            notes.accept("envelope sender " + reversePath.get() + " (no -f given)");
        }
        if (readRecipients) {
            // the recipients come from the header as it was written, before the policy below changes it
            List<Mailbox> given = new ArrayList<>(to);
            given.addAll(undelivered);
            Message parsed = parse(msg.content(), given);
            // a message kept in dead.letter goes only to the recipients it still has to reach
            to = undelivered.isEmpty() ? parsed.envelope().recipients() : given;
        }
        try {
            policy.apply(header, reversePath, fullName, env, clock).forEach(notes);
        } catch (IllegalArgumentException e) {
            throw noDefaultSender(env);
        }
        boolean utf8Address = header.namesUtf8Address();
        if (utf8Address) {
            notes.accept("a header field names a UTF-8 address: SMTPUTF8 is required");
        }
        Optional<String> problem = msg.problem().map(p -> p + "; nothing was sent");
        if (to.isEmpty()) {
            if (problem.isPresent()) {
                throw new SubmissionException(SubmissionException.Reason.MALFORMED, problem.get());
            }
            throw noRecipient();
        }
        return new PreparedMessage(new Envelope(reversePath, to), msg.content(), header.singleFrom(), utf8Address,
                problem);
    }

    /**
     * {@code user@mailname} ({@link LocalIdentity#defaultSender}) for a sender that was given nowhere.
     *
     * @param env the local user and host
     * @return the address
     * @throws SubmissionException {@link SubmissionException.Reason#NO_SENDER} when that is not a valid address
     */
    public static Mailbox defaultSender(UserEnvironment env) throws SubmissionException {
        try {
            return LocalIdentity.defaultSender(env);
        } catch (IllegalArgumentException e) {
            throw noDefaultSender(env);
        }
    }

    private static SubmissionException noDefaultSender(UserEnvironment env) {
        return new SubmissionException(SubmissionException.Reason.NO_SENDER, "no sender given and "
                + ControlCharacters.escape(LocalIdentity.userName(env) + "@" + LocalIdentity.mailName(env))
                + " is not a valid address; use -f ADDR or 'from' in the configuration file");
    }

    private static SubmissionException noRecipient() {
        return new SubmissionException(SubmissionException.Reason.NO_RECIPIENT,
                "no recipients: the message has no To, Cc or Bcc field and none were given");
    }

    private static List<Mailbox> undeliveredTo(HeaderBlock header) throws SubmissionException {
        try {
            return DeadLetter.undeliveredTo(header);
        } catch (IllegalArgumentException e) {
            throw new SubmissionException(SubmissionException.Reason.MALFORMED, e.getMessage());
        }
    }

    /** {@code -t}: {@link Message#parse} with the aliases for local names and the wording of each failure. */
    private Message parse(MessageContent content, List<Mailbox> alsoTo) throws IOException, SubmissionException {
        try {
            return Message.parse(content, aliases::addresses, alsoTo);
        } catch (NoRecipientException e) {
            throw noRecipient();
        } catch (IllegalArgumentException e) {
            throw new SubmissionException(SubmissionException.Reason.MALFORMED, e.getMessage());
        }
    }
}
