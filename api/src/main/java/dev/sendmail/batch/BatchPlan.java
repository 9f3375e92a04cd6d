package dev.sendmail.batch;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Sender;
import dev.sendmail.dkim.DkimException;
import dev.sendmail.local.ExitCodes;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the messages of a batch are sent through one {@link Sender}, {@code concurrency} at once: in {@link Lanes}
 * per destination, each message once, with one {@link BatchResult} per message handed to a consumer as it comes.
 *
 * <pre>{@code
 * MessageBatch batch = MessageBatch.open(maildir);
 * BatchTally tally = new BatchTally();
 * List<BatchMessage> messages = batch.read(localNames, tally::add);
 * BatchPlan.of(messages, false, 8).send(sender, DeliveryOptions.DEFAULT, tally::add);
 * }</pre>
 *
 * <p>Immutable. {@link #send} calls its attempt and its consumer from several threads at once.
 */
public final class BatchPlan {

    /**
     * Sends one message of a batch once, through a {@link Sender} and perhaps a queue
     * ({@link dev.sendmail.queue.FirstAttempt}); called from several lanes at once.
     */
    @FunctionalInterface
    public interface Attempt {

        /**
         * Sends one message.
         *
         * @param message the message
         * @return what became of it: {@link BatchResult#sent}, or {@link BatchResult#failed} when it could not be
         *         tried (for example the queue could not take it)
         * @throws IOException when the message cannot be read; a {@link DkimException} when it cannot be signed;
         *         nothing was sent then
         */
        BatchResult send(BatchMessage message) throws IOException;
    }

    private final List<List<BatchMessage>> lanes;
    private final int messages;
    private final int concurrency;

    private BatchPlan(List<List<BatchMessage>> lanes, int messages, int concurrency) {
        this.lanes = lanes;
        this.messages = messages;
        this.concurrency = concurrency;
    }

    /**
     * Plans the lanes ({@link Lanes#plan}): per recipient domain of each message's first recipient when the
     * Sender delivers directly, one destination for all when every message goes through one relay.
     *
     * @param messages the messages, read and addressed
     * @param relayed whether one host (a smart host, or the submission server found for the sender) takes every
     *        message
     * @param concurrency how many messages are in flight at once, and connections to one destination at most;
     *        at least 1
     * @return the plan
     */
    public static BatchPlan of(List<BatchMessage> messages, boolean relayed, int concurrency) {
        return new BatchPlan(Lanes.plan(messages, m -> relayed ? "*"
                : m.message().envelope().recipients().get(0).domain(), concurrency), messages.size(), concurrency);
    }

    /**
     * How many lanes the messages were cut into.
     *
     * @return the number of lanes, at most the number of messages
     */
    public int lanes() {
        return lanes.size();
    }

    /**
     * Sends every message with {@code sender}, without a queue: a message not delivered is {@code failed} or
     * {@code deferred} in its result and stays where it came from.
     *
     * @param sender sends every message; it stays the caller's
     * @param options the DSN parameters and TLS requirement of every message
     * @param results told what became of each message
     * @throws InterruptedException when interrupted; the messages without a result were perhaps not sent
     */
    public void send(Sender sender, DeliveryOptions options, Consumer<BatchResult> results)
            throws InterruptedException {
        send(m -> BatchResult.sent(m, sender.send(m.message(), options), Optional.empty()), results);
    }

    /**
     * Sends every message with {@code attempt}, and hands {@code results} each one's {@link BatchResult}: the
     * attempt's, or failed when the message could not be signed ({@link ExitCodes#DATA_ERROR}) or read
     * ({@link ExitCodes#IO_ERROR}).
     * Returns when every message has its result.
     *
     * @param attempt sends one message
     * @param results told what became of each message, from the lanes' threads; it must be thread-safe
     * @throws InterruptedException when interrupted; the messages without a result were perhaps not sent
     * @throws IllegalStateException when {@code attempt} or {@code results} threw an unchecked exception (a bug),
     *         which is its cause; the other lanes are stopped
     */
    public void send(Attempt attempt, Consumer<BatchResult> results) throws InterruptedException {
        Lanes.run(lanes, concurrency, m -> results.accept(result(m, attempt)));
    }

    private static BatchResult result(BatchMessage m, Attempt attempt) {
        try {
            return attempt.send(m);
        } catch (DkimException e) {
            return BatchResult.failed(m, e.getMessage(), ExitCodes.DATA_ERROR);
        } catch (IOException e) {
            return BatchResult.failed(m, "cannot read: " + e.getMessage(), ExitCodes.IO_ERROR);
        }
    }

    /**
     * For a log line.
     *
     * @return {@code 120 message(s) in 8 lane(s), 8 at once}
     */
    @Override
    public String toString() {
        return messages + " message(s) in " + lanes.size() + " lane(s), " + concurrency + " at once";
    }
}
