package dev.sendmail.local;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Sender;
import dev.sendmail.config.DkimSettings;
import dev.sendmail.queue.FirstAttempt;
import dev.sendmail.queue.MailQueue;
import dev.sendmail.queue.QueueRoute;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One message delivered as sendmail promises: signed when a DKIM key is set up, sent now or accepted into a queue
 * first ({@link FirstAttempt}), and whatever no queue will retry kept by an {@link UndeliveredHandler} (such as
 * {@link DeadLetter}), also when the message is given up before any attempt (the sender or the queue cannot be used),
 * so that no mail is silently lost. The outcome comes with its sysexits code ({@link ExitCodes}).
 *
 * <pre>{@code
 * SendmailDelivery d = new SendmailDelivery(envelope, content, new DeadLetter(deadLetterFile, clock),
 *         System.err::println);
 * int code = d.finish(d.send(sender, DeliveryOptions.DEFAULT));   // 0, or why not everyone has it
 * }</pre>
 *
 * <p>Not thread-safe: one object per message, used by one thread at a time.
 */
public final class SendmailDelivery {

    private final Envelope envelope;
    private MessageContent content;
    private final Optional<UndeliveredHandler> keeper;
    private final Consumer<String> warnings;

    /**
     * A message whose undelivered copy is kept by {@code keeper}.
     *
     * @param envelope the sender and every recipient
     * @param content the message
     * @param keeper keeps the message for the recipients nobody retries
     * @param warnings told one line for the user for each copy kept or that could not be kept, and the reason given
     *        to {@link #giveUp}
     */
    public SendmailDelivery(Envelope envelope, MessageContent content, UndeliveredHandler keeper,
                            Consumer<String> warnings) {
        this(envelope, content, Optional.of(keeper), warnings);
    }

    /**
     * A message that needs no keeping because its source still holds it (for example a file of a batch): nothing
     * is kept and nothing is told.
     *
     * @param envelope the sender and every recipient
     * @param content the message
     */
    public SendmailDelivery(Envelope envelope, MessageContent content) {
        this(envelope, content, Optional.empty(), w -> { });
    }

    private SendmailDelivery(Envelope envelope, MessageContent content, Optional<UndeliveredHandler> keeper,
                             Consumer<String> warnings) {
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.content = Objects.requireNonNull(content, "content");
        this.keeper = keeper;
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** @return the message as it is sent and kept: signed after {@link #sign} */
    public MessageContent content() {
        return content;
    }

    /**
     * Signs the message with the DKIM keys of {@code dkim}, before it is sent or queued: a queue keeps the signed
     * octets, so a retry sends the same signature. Nothing happens without a key. The signature streams from the
     * original content.
     *
     * @param dkim the keys, selectors and domain
     * @param from the address of the message's single From field, whose domain signs unless {@code dkim} names one
     * @param clock the signature's time
     * @throws dev.sendmail.dkim.DkimException with one line starting with "DKIM" when the message cannot be signed
     *         (no domain, no single From field, a header section over the bound); nothing was sent, the caller may
     *         {@link #giveUp}
     * @throws IOException when the content cannot be read
     */
    public void sign(DkimSettings dkim, Optional<Mailbox> from, Clock clock) throws IOException {
        if (dkim.enabled()) {
            content = dkim.sign(content, from, clock);
        }
    }

    /**
     * Sends the message once, without a queue: every recipient not delivered is for {@link #finish} to keep.
     *
     * @param sender sends it
     * @param options the DSN parameters and TLS requirement
     * @return the outcome, with no queue id
     */
    public FirstAttempt send(Sender sender, DeliveryOptions options) {
        return new FirstAttempt(sender.send(envelope, content, options), Optional.empty());
    }

    /**
     * Accepts the message into {@code queue} and sends it once ({@link FirstAttempt#send}): the deferred recipients
     * stay queued, and only those that failed for good are for {@link #finish} to keep. When the outcome cannot be
     * recorded, the report is returned all the same: the keeper takes every recipient not delivered and the entry
     * is removed, so nobody is sent the message twice; what could not be settled is told to the warnings and
     * makes {@link #finish} return at least 73.
     *
     * @param sender sends the first attempt
     * @param options the DSN parameters and TLS requirement
     * @param queue the queue
     * @param route the route later queue runs deliver the deferred recipients through
     * @param notes told the queue id once the message is safe in the queue
     * @return the outcome
     * @throws IOException when the message cannot be queued; nothing was sent, the caller may {@link #giveUp}
     */
    public FirstAttempt send(Sender sender, DeliveryOptions options, MailQueue queue, QueueRoute route,
                             Consumer<String> notes) throws IOException {
        return FirstAttempt.send(queue, route, sender, envelope, content, options, notes, this::keep, warnings);
    }

    /**
     * Gives the message up before any attempt: tells {@code why}, then keeps it for every recipient.
     *
     * @param why one line for the user, told first
     * @param exitCode the code of the reason
     * @return {@code exitCode}
     */
    public int giveUp(String why, int exitCode) {
        warnings.accept(why);
        keepAll();
        return exitCode;
    }

    /**
     * Gives up a message that could not even be addressed ({@link SendmailSubmission#prepare} failed: a bad address
     * with {@code -t}, no recipient at all): tells why, then keeps the message as read, with the recipients as given
     * ({@link UndeliveredHandler#keepUnsent}).
     *
     * @param message the message as read
     * @param recipients the recipients as given, unchecked
     * @param why the failure
     * @param keeper keeps the message
     * @param warnings told why, then where the message went or that it could not be kept
     * @return the exit code of the failure ({@link SubmissionException.Reason#exitCode})
     */
    public static int giveUpUnaddressed(MessageContent message, List<String> recipients, SubmissionException why,
                                        UndeliveredHandler keeper, Consumer<String> warnings) {
        warnings.accept(why.getMessage());
        try (InputStream in = message.open()) {
            warnings.accept(keeper.keepUnsent(in, recipients, why.getMessage()));
        } catch (IOException | RuntimeException e) {
            warnings.accept("could not keep the message: " + e.getMessage());
        }
        return why.reason().exitCode();
    }

    /**
     * Gives up a message that could not even be read ({@link MessageSpool} refused it, such as for a header section
     * over its bound): keeps the message as given ({@link MalformedMessageException#input()}: the octets read, then
     * the rest of the input, streamed to its end and not closed) with the recipients as given and the failure, as
     * {@link #giveUpUnread(String, InputStream, List, UndeliveredHandler)} does.
     *
     * @param why the failure
     * @param recipients the recipients as given, unchecked
     * @param keeper keeps the message
     * @return one line for the user: the failure, then where the message went or that it could not be kept, such
     *         as "the header section is larger than 1048576 octets; message saved in /home/u/dead.letter"; the
     *         failure alone when it carries no message
     */
    public static String giveUpUnread(MalformedMessageException why, List<String> recipients,
                                      UndeliveredHandler keeper) {
        return why.input().map(in -> giveUpUnread(why.getMessage(), in, recipients, keeper)).orElse(why.getMessage());
    }

    /**
     * Gives up a message that could not be read or spooled, such as the input of a {@link SpoolException}: keeps
     * {@code message} (read to its end, not closed) with the recipients as given and the reason
     * ({@link UndeliveredHandler#keepUnsent}).
     *
     * @param why the reason, one line
     * @param message the message as given, not yet read
     * @param recipients the recipients as given, unchecked
     * @param keeper keeps the message
     * @return one line for the user: {@code why}, then where the message went or that it could not be kept
     */
    public static String giveUpUnread(String why, InputStream message, List<String> recipients,
                                      UndeliveredHandler keeper) {
        try {
            return why + "; " + keeper.keepUnsent(message, recipients, why);
        } catch (IOException | RuntimeException e) {
            return why + "; could not keep the message: " + e.getMessage();
        }
    }

    /**
     * Keeps the message for every recipient, before any attempt, when the reason is told elsewhere (for example by
     * an exception about to be thrown).
     *
     * @return whether it was kept; a failure to keep it is told, never thrown
     */
    public boolean keepAll() {
        return keep(envelope.recipients());
    }

    /**
     * Keeps the message for the recipients nobody retries ({@link FirstAttempt#toKeep}) and says how it all ended
     * ({@link ExitCodes#forAttempt}): 0 when no recipient failed for good and the rest is delivered or retried (by
     * the queue, or by a keeper that {@link UndeliveredHandler#retries}); else the code of the report, and at least
     * 73 when the queue entry could not be settled.
     *
     * @param attempt the outcome of {@link #send}
     * @return the sysexits code
     */
    public int finish(FirstAttempt attempt) {
        List<Mailbox> left = attempt.toKeep();
        boolean kept = left.isEmpty() || keep(left);
        return ExitCodes.forAttempt(attempt, kept && keeper.map(UndeliveredHandler::retries).orElse(false));
    }

    /** Whether the keeper kept it; a failure to keep is told, never thrown. */
    private boolean keep(List<Mailbox> recipients) {
        if (keeper.isEmpty()) {
            return false;
        }
        try {
            warnings.accept(keeper.get().keep(content, envelope, recipients));
            return true;
        } catch (IOException | RuntimeException e) {
            warnings.accept("could not keep the undelivered message: " + e.getMessage());
            return false;
        }
    }
}
