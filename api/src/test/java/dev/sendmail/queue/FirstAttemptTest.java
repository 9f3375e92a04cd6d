package dev.sendmail.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.Sender;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.testing.MemoryTransport;
import dev.sendmail.testing.MemoryTransportProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message queued before its first attempt, and left queued only for the recipients still to retry. */
class FirstAttemptTest {

    @TempDir
    Path dir;

    private static final QueueRoute ROUTE = QueueRoute.builder().smartHost(MailHost.of("relay.test")).build();
    private static final MessageContent CONTENT = MessageContent.of("Subject: s\r\n\r\nhi\r\n"
            .getBytes(StandardCharsets.US_ASCII));

    private static Sender sender(String transport) throws Exception {
        return Sender.builder().transport(new MemoryTransportProvider(), TransportSettings.builder()
                .properties(Map.of("name", transport)).build()).smartHost(MailHost.of("relay.test")).build();
    }

    @Test
    void aDeliveredMessageLeavesTheQueueAndIsSaidToBeSafeBeforeTheAttempt() throws Exception {
        MemoryTransport.named("first-ok").clear();
        MailQueue queue = MailQueue.open(dir);
        List<String> notes = new ArrayList<>();
        FirstAttempt a;
        try (Sender s = sender("first-ok")) {
            a = FirstAttempt.send(queue, ROUTE, s, Envelope.of("a@a.test", "b@b.test"), CONTENT,
                    DeliveryOptions.DEFAULT, notes::add);
        }
        assertTrue(a.report().allDelivered(), a.report().toString());
        assertEquals(java.util.Optional.empty(), a.queuedAs());
        assertEquals(List.of(), queue.list());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("accepted into the queue as ") && notes.get(0).endsWith(" in " + dir),
                notes.get(0));
        assertEquals(1, MemoryTransport.named("first-ok").sent().size());
    }

    @Test
    void aDeferredRecipientStaysQueuedUnderTheIdReturned() throws Exception {
        MemoryTransport.named("first-later").clear();
        MemoryTransport.named("first-later").failHost("relay.test", new ConnectionFailedException("refused",
                Phase.CONNECT, "relay.test", null));
        MailQueue queue = MailQueue.open(dir);
        FirstAttempt a;
        try (Sender s = sender("first-later")) {
            a = FirstAttempt.send(queue, ROUTE, s, Envelope.of("a@a.test", "b@b.test"), CONTENT,
                    DeliveryOptions.DEFAULT, n -> { });
        }
        assertEquals(1, a.report().deferred().size(), a.report().toString());
        assertEquals(List.of(a.queuedAs().orElseThrow()), queue.list().stream().map(QueueEntry::id).toList());
        assertEquals(List.of(), a.toKeep(), "a deferred recipient is safe in the queue");
        assertEquals(List.of(dev.sendmail.api.Mailbox.parse("b@b.test")), new FirstAttempt(a.report(),
                java.util.Optional.empty()).toKeep(), "without a queue, nobody retries it");
    }

    @Test
    void withTheMessageQueuedOnlyARecipientThatFailedForGoodIsToKeep() throws Exception {
        MemoryTransport.named("first-mixed").clear();
        MemoryTransport.named("first-mixed").replyToRecipient("b@b.test", SmtpReply.of(550, "5.1.1 unknown"))
                .replyToRecipient("c@b.test", SmtpReply.of(451, "4.3.0 later"));
        FirstAttempt a;
        try (Sender s = sender("first-mixed")) {
            a = FirstAttempt.send(MailQueue.open(dir), ROUTE, s, Envelope.of("a@a.test", "b@b.test", "c@b.test",
                    "d@b.test"), CONTENT, DeliveryOptions.DEFAULT, n -> { });
        }
        assertTrue(a.queuedAs().isPresent(), a.report().toString());
        assertEquals(List.of(Mailbox.parse("b@b.test")), a.toKeep());
    }
}
