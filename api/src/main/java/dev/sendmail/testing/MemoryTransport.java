package dev.sendmail.testing;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport that keeps messages in memory, for tests of code that sends mail. It can be scripted: a host
 * can be made to fail the whole transaction, a recipient can be rejected with a given reply. The provider
 * {@code memory} registers each instance under its {@code name} property so a test can find it.
 */
public final class MemoryTransport implements Transport {

    private static final Map<String, MemoryTransport> REGISTRY = new ConcurrentHashMap<>();

    /** A message as the transport received it. */
    public record Sent(String host, String reversePath, List<Mailbox> recipients, byte[] content) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, SendMailException> hostFailures = new ConcurrentHashMap<>();
    private final Map<String, SmtpReply> recipientReplies = new ConcurrentHashMap<>();

    /**
     * The instance the {@code memory} provider created under {@code name}, or a new one registered now.
     *
     * @param name the {@code name} property
     * @return the transport
     */
    public static MemoryTransport named(String name) {
        return REGISTRY.computeIfAbsent(name, n -> new MemoryTransport());
    }

    /**
     * Every transaction {@code host} runs fails with {@code failure}.
     *
     * @param host the host name
     * @param failure what every transaction with it throws
     * @return this transport
     */
    public MemoryTransport failHost(String host, SendMailException failure) {
        hostFailures.put(host, failure);
        return this;
    }

    /**
     * RCPT for {@code recipient} (address form) gets {@code reply}.
     *
     * @param recipient the address
     * @param reply the reply to its RCPT
     * @return this transport
     */
    public MemoryTransport replyToRecipient(String recipient, SmtpReply reply) {
        recipientReplies.put(Mailbox.parse(recipient).address(), reply);
        return this;
    }

    /**
     * The messages received so far, in order.
     *
     * @return a copy of the list
     */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /**
     * Forgets the messages received and every scripted failure and reply.
     */
    public void clear() {
        sent.clear();
        hostFailures.clear();
        recipientReplies.clear();
    }

    @Override
    public DeliveryReport send(SendRequest request) throws SendMailException {
        String host = request.host().name();
        SendMailException failure = hostFailures.get(host);
        if (failure != null) {
            throw failure;
        }
        List<RecipientOutcome> outcomes = new ArrayList<>();
        List<Mailbox> accepted = new ArrayList<>();
        for (Mailbox r : request.envelope().recipients()) {
            SmtpReply reply = recipientReplies.get(r.address());
            if (reply != null && !reply.isPositive()) {
                outcomes.add(RecipientOutcome.of(r, new SmtpRejectedException(reply, Phase.RCPT, host)));
            } else {
                accepted.add(r);
            }
        }
        if (!accepted.isEmpty()) {
            byte[] bytes;
            try (InputStream in = request.content().open()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new dev.sendmail.api.ConnectionFailedException("cannot read message: " + e.getMessage(),
                        Phase.DATA, host, e);
            }
            sent.add(new Sent(host, request.envelope().reversePath(), List.copyOf(accepted), bytes));
            SmtpReply ok = SmtpReply.of(250, "2.0.0 Ok: kept in memory");
            List<RecipientOutcome> merged = new ArrayList<>();
            for (Mailbox r : request.envelope().recipients()) {
                RecipientOutcome rejected = outcomes.stream().filter(o -> o.recipient().equals(r)).findFirst()
                        .orElse(null);
                merged.add(rejected != null ? rejected : RecipientOutcome.delivered(r, ok, host));
            }
            return new DeliveryReport(merged);
        }
        return new DeliveryReport(outcomes);
    }

    @Override
    public void close() {
    }

    static void register(String name, MemoryTransport t) {
        REGISTRY.put(name, t);
    }
}
