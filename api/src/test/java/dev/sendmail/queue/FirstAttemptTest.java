package dev.sendmail.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.Sender;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.testing.MemoryTransport;
import dev.sendmail.testing.MemoryTransportProvider;
import dev.sendmail.testkit.FaultyFileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                    DeliveryOptions.DEFAULT, notes::add, r -> false, w -> { });
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
                    DeliveryOptions.DEFAULT, n -> { }, r -> false, w -> { });
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
                    "d@b.test"), CONTENT, DeliveryOptions.DEFAULT, n -> { }, r -> false, w -> { });
        }
        assertTrue(a.queuedAs().isPresent(), a.report().toString());
        assertEquals(List.of(Mailbox.parse("b@b.test")), a.toKeep());
    }

    /** A message to ok@ (delivered), later@ (451: deferred) and gone@ (550: failed for good). */
    private static Sender mixed(String name) throws Exception {
        MemoryTransport.named(name).clear();
        MemoryTransport.named(name).replyToRecipient("later@b.test", SmtpReply.of(451, "4.3.0 try later"))
                .replyToRecipient("gone@b.test", SmtpReply.of(550, "5.1.1 no such user"));
        return sender(name);
    }

    private static final Envelope MIXED = Envelope.of("a@a.test", "ok@b.test", "later@b.test", "gone@b.test");

    private static List<Mailbox> boxes(String... addresses) {
        return java.util.Arrays.stream(addresses).map(Mailbox::parse).toList();
    }

    @Test
    void whenTheDiskFillsBeforeTheOutcomeIsRecordedTheReportSurvivesAndTheEntryGivesWayToTheKeptCopy()
            throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem();
        MailQueue queue = MailQueue.open(fs.wrap(dir));
        List<List<Mailbox>> kept = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        FirstAttempt a;
        try (Sender s = mixed("first-full")) {
            a = FirstAttempt.send(queue, ROUTE, s, MIXED, CONTENT, DeliveryOptions.DEFAULT,
                    n -> fs.fail(FaultyFileSystem.Fault.FULL), r -> kept.add(r), warnings::add);
        }
        fs.fail(FaultyFileSystem.Fault.NONE);
        assertEquals(List.of(DeliveryStatus.DELIVERED, DeliveryStatus.DEFERRED, DeliveryStatus.FAILED),
                a.report().outcomes().stream().map(RecipientOutcome::status).toList(), "the report survives");
        assertEquals(List.of(boxes("later@b.test", "gone@b.test")), kept,
                "one copy, kept before the entry goes, for the recipients not delivered alone");
        assertEquals(boxes("later@b.test", "gone@b.test"), a.kept());
        assertEquals(List.of(), a.toKeep(), "nothing left to keep twice");
        assertEquals(Optional.empty(), a.queuedAs());
        assertEquals(Optional.empty(), a.unsettled());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("could not record the outcome") && warnings.get(0)
                .contains("No space left on device"), warnings.get(0));
        assertTrue(warnings.get(1).contains("removed instead"), warnings.get(1));

        assertEquals(List.of(), queue.list());
        QueueRun next = queue.flush(QueueDelivery.through(sender("first-full")));
        assertEquals(List.of(), next.entries(), "a following run has nothing to send");
        assertEquals(1, MemoryTransport.named("first-full").sent().size(), "ok@ got the message once");
    }

    @Test
    void whenNothingCanKeepTheDeferredOnesTheEntryStaysAndTheUserIsToldWhoARunWouldSendItToAgain()
            throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem();
        MailQueue queue = MailQueue.open(fs.wrap(dir));
        List<String> warnings = new ArrayList<>();
        FirstAttempt a;
        try (Sender s = mixed("first-nokeep")) {
            a = FirstAttempt.send(queue, ROUTE, s, MIXED, CONTENT, DeliveryOptions.DEFAULT,
                    n -> fs.fail(FaultyFileSystem.Fault.FULL), r -> false, warnings::add);
        }
        fs.fail(FaultyFileSystem.Fault.NONE);
        String id = a.queuedAs().orElseThrow(() -> new AssertionError("later@ is still queued: " + warnings));
        assertEquals(boxes("gone@b.test"), a.toKeep(), "the deferred one is safe in the queue, as it was accepted");
        assertEquals(List.of(id), queue.list().stream().map(QueueEntry::id).toList());
        assertEquals(boxes("ok@b.test", "later@b.test", "gone@b.test"), queue.list().get(0).pending());
        String line = a.unsettled().orElseThrow();
        assertEquals(line, warnings.get(warnings.size() - 1));
        assertTrue(line.contains("queue entry " + id) && line.contains("ok@b.test (delivered)")
                && line.contains("gone@b.test (failed for good)") && !line.contains("later@b.test (")
                && line.contains("send " + dir.resolve(id + ".msg") + " yourself to later@b.test alone"), line);
    }

    @Test
    void aReadOnlyQueueIsNeverGivenASecondCopyAndAnEntryNobodyWaitsForSaysHowToRemoveIt() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem();
        MailQueue queue = MailQueue.open(fs.wrap(dir));
        List<List<Mailbox>> kept = new ArrayList<>();
        FirstAttempt deferred;
        try (Sender s = mixed("first-ro")) {
            deferred = FirstAttempt.send(queue, ROUTE, s, MIXED, CONTENT, DeliveryOptions.DEFAULT,
                    n -> fs.fail(FaultyFileSystem.Fault.READ_ONLY), r -> kept.add(r), w -> { });
        }
        assertEquals(List.of(), kept, "the entry could not be removed, so a second copy would only be sent twice");
        assertTrue(deferred.queuedAs().isPresent() && deferred.unsettled().isPresent(), deferred.toString());

        fs.fail(FaultyFileSystem.Fault.NONE);
        FirstAttempt delivered;
        try (Sender s = sender("first-ro-ok")) {
            delivered = FirstAttempt.send(queue, ROUTE, s, Envelope.of("a@a.test", "b@b.test"), CONTENT,
                    DeliveryOptions.DEFAULT, n -> fs.fail(FaultyFileSystem.Fault.READ_ONLY), r -> kept.add(r),
                    w -> { });
        }
        fs.fail(FaultyFileSystem.Fault.NONE);
        assertTrue(delivered.report().allDelivered(), delivered.report().toString());
        assertEquals(Optional.empty(), delivered.queuedAs());
        String line = delivered.unsettled().orElseThrow();
        String d = java.util.regex.Pattern.quote(dir.toString());
        assertTrue(line.matches("queue entry (\\S+) was not updated: a queue run sends the"
                + " message again to b@b.test \\(delivered\\); to prevent it, delete " + d + "/\\1\\.entry and " + d
                + "/\\1\\.msg before the next queue run; nobody is waiting for it"), line);
        assertEquals(2, queue.list().size(), "both entries stay, every recipient waiting");
    }
}
