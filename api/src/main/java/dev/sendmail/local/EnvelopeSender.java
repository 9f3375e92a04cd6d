package dev.sendmail.local;

import dev.sendmail.api.Mailbox;
import dev.sendmail.config.MessageSettings;
import dev.sendmail.config.UserEnvironment;
import java.util.Optional;

/**
 * The envelope sender (SMTP reverse-path) chosen before a message is read, by the rules sendmail and msmtp share:
 * an address ({@code -f addr}, or an account's {@code from}), the null reverse-path ({@code -f ''} or
 * {@code -f '<>'}, RFC 5321 4.5.5: for bounces and automatic replies, which must not bounce in turn), or none, in
 * which case the message's Sender or From field, else the local user, names the sender ({@link SendmailSubmission}).
 * {@link #choose} applies an account's {@code from} and its lock ({@code allow_from_override off}). Immutable.
 *
 * @param address the address; empty for the null reverse-path and when none was chosen
 * @param isNull the null reverse-path was chosen
 */
public record EnvelopeSender(Optional<Mailbox> address, boolean isNull) {

    /** None chosen: the message, else the local user, names the sender. */
    public static final EnvelopeSender NONE = new EnvelopeSender(Optional.empty(), false);

    /** The null reverse-path, {@code MAIL FROM:<>}. */
    public static final EnvelopeSender NULL = new EnvelopeSender(Optional.empty(), true);

    /**
     * Checks that the null reverse-path has no address.
     *
     * @param address the address; empty for the null reverse-path and when none was chosen
     * @param isNull the null reverse-path was chosen
     * @throws IllegalArgumentException for an address with {@code isNull}
     */
    public EnvelopeSender {
        if (isNull && address.isPresent()) {
            throw new IllegalArgumentException("the null reverse-path has no address");
        }
    }

    /**
     * An address as the sender.
     *
     * @param address the address
     * @return the sender
     */
    public static EnvelopeSender of(Mailbox address) {
        return new EnvelopeSender(Optional.of(address), false);
    }

    /**
     * Reads sendmail's {@code -f} value: the empty string or {@code <>} (blanks around either allowed) is the null
     * reverse-path, anything else must be one address.
     *
     * @param text the value
     * @return the sender
     * @throws IllegalArgumentException when {@code text} is no valid address
     */
    public static EnvelopeSender parse(String text) {
        return text.isBlank() || text.strip().equals("<>") ? NULL : of(Mailbox.parse(text));
    }

    /**
     * The sender an msmtp account and the command line name together. An account that locks its sender
     * ({@link MessageSettings#fromLocked()}, {@code allow_from_override off}) gives its {@code from} whatever else
     * is given; otherwise {@code given} ({@link #parse}) wins, then {@code fromMessage} ({@link #NONE}), then the
     * account's {@code from}; with none of them, {@link #NONE}.
     *
     * @param given the sender asked for ({@code -f}); empty when none was
     * @param fromMessage the message's own field is to name the sender, not the account's {@code from} (msmtp's
     *        {@code --read-envelope-from})
     * @param account the account's {@code from} and its lock
     * @return the sender
     * @throws IllegalArgumentException when {@code given} is read and is no valid address
     */
    public static EnvelopeSender choose(Optional<String> given, boolean fromMessage, MessageSettings account) {
        Optional<EnvelopeSender> accounts = account.from().map(EnvelopeSender::of);
        if (account.fromLocked() && accounts.isPresent()) {
            return accounts.get();
        }
        if (given.isPresent()) {
            return parse(given.get());
        }
        return fromMessage ? NONE : accounts.orElse(NONE);
    }

    /**
     * True when no sender was chosen ({@link #NONE}).
     *
     * @return true for {@link #NONE}
     */
    public boolean isNone() {
        return !isNull && address.isEmpty();
    }

    /**
     * The reverse-path for a message that names no sender itself: the address, nothing for the null reverse-path,
     * else the local user's {@code user@mailname}.
     *
     * @param env the local user and host
     * @return the reverse-path; empty for the null reverse-path
     * @throws SubmissionException {@link SubmissionException.Reason#NO_SENDER} when the local user's address is
     *         needed and not valid
     */
    public Optional<Mailbox> reversePath(UserEnvironment env) throws SubmissionException {
        return isNull ? Optional.empty() : Optional.of(author(env));
    }

    /**
     * The author of a message written here (its From field): the address, else, also for the null reverse-path,
     * the local user's {@code user@mailname}.
     *
     * @param env the local user and host
     * @return the author
     * @throws SubmissionException {@link SubmissionException.Reason#NO_SENDER} when the local user's address is
     *         needed and not valid
     */
    public Mailbox author(UserEnvironment env) throws SubmissionException {
        return address.isPresent() ? address.get() : SendmailSubmission.defaultSender(env);
    }
}
