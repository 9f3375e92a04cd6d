package dev.sendmail.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Message;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.Sender;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.local.SendmailDelivery;
import dev.sendmail.queue.FirstAttempt;
import dev.sendmail.queue.MailQueue;
import dev.sendmail.queue.QueueRoute;
import dev.sendmail.testing.MemoryTransport;
import dev.sendmail.testing.MemoryTransportProvider;
import dev.sendmail.testkit.FaultyFileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchResultTest {

    private static final BatchMessage MESSAGE = new BatchMessage("box.mbox#2", Message.of(
            Envelope.of("a@a.test", "b@b.test", "c@c.test"),
            MessageContent.of("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII))));

    private static RecipientOutcome outcome(String rcpt, DeliveryStatus status, String detail) {
        return new RecipientOutcome(Mailbox.parse(rcpt), status, Optional.of(SmtpReply.of(250, "ok")),
                Optional.of("mx.b.test"), Optional.empty(), detail, Optional.empty());
    }

    private static DeliveryReport report(DeliveryStatus b, DeliveryStatus c) {
        return new DeliveryReport(List.of(outcome("b@b.test", b, "detail b"), outcome("c@c.test", c, "detail c")));
    }

    @Test
    void theOutcomeFollowsTheWorstRecipientAndWhetherTheQueueHoldsTheRest() {
        assertEquals(BatchResult.Outcome.DELIVERED, BatchResult.sent(MESSAGE,
                report(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED), Optional.empty()).outcome());
        assertEquals(BatchResult.Outcome.DEFERRED, BatchResult.sent(MESSAGE,
                report(DeliveryStatus.DELIVERED, DeliveryStatus.DEFERRED), Optional.empty()).outcome());
        assertEquals(BatchResult.Outcome.QUEUED, BatchResult.sent(MESSAGE,
                report(DeliveryStatus.DELIVERED, DeliveryStatus.DEFERRED), Optional.of("Q1")).outcome());
        assertEquals(BatchResult.Outcome.FAILED, BatchResult.sent(MESSAGE,
                report(DeliveryStatus.DEFERRED, DeliveryStatus.FAILED), Optional.of("Q1")).outcome(),
                "a recipient failed for good: the message failed, even with the rest queued");
    }

    @Test
    void theDetailIsTheFirstRecipientNotDelivered() {
        BatchResult r = BatchResult.sent(MESSAGE, report(DeliveryStatus.DELIVERED, DeliveryStatus.DEFERRED),
                Optional.empty());
        assertEquals(Optional.of("c@c.test: detail c"), r.detail());
        assertEquals(Optional.of(2), r.recipients());
        assertEquals("box.mbox#2: deferred: c@c.test: detail c", r.toString());
        assertEquals(Optional.empty(), BatchResult.sent(MESSAGE,
                report(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED), Optional.empty()).detail());
    }

    @Test
    void unreadableMessagesAreSkippedAndSaySo() {
        BatchResult r = BatchResult.unreadable("a.eml", "cannot read: no recipient");
        assertEquals("bad", r.outcome().word());
        assertEquals(Optional.empty(), r.recipients());
        assertEquals("a.eml: skipped: cannot read: no recipient", r.toString());
        assertEquals("box.mbox#2: failed: queue full", BatchResult.failed(MESSAGE, "queue full", 73).toString());
    }

    @Test
    void theTallyCountsEachOutcome() {
        BatchTally t = new BatchTally();
        t.add(BatchResult.failed(MESSAGE, "x", 74));
        t.add(BatchResult.unreadable("a.eml", "y"));
        t.add(BatchResult.unreadable("b.eml", "y"));
        t.add(BatchResult.sent(MESSAGE, report(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED),
                Optional.empty()));
        assertEquals(2, t.count(BatchResult.Outcome.UNREADABLE));
        assertEquals("1 delivered, 0 queued, 0 deferred, 1 failed, 2 unreadable and skipped", t.toString());
        assertEquals(74, t.exitCode(), "the first of the permanent failures stands");
    }

    @Test
    void theExitCodeIsZeroForDeliveredOrQueuedAndTheWorstRecipientsOtherwise() {
        assertEquals(0, BatchResult.sent(MESSAGE, report(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED),
                Optional.empty()).exitCode());
        assertEquals(0, BatchResult.sent(MESSAGE, report(DeliveryStatus.DELIVERED, DeliveryStatus.DEFERRED),
                Optional.of("Q1")).exitCode(), "the queue retries the rest");
        assertEquals(75, BatchResult.sent(MESSAGE, report(DeliveryStatus.DELIVERED, DeliveryStatus.DEFERRED),
                Optional.empty()).exitCode(), "deferred and nothing keeps it");
        DeliveryReport unknown = new DeliveryReport(List.of(outcome("b@b.test", DeliveryStatus.DEFERRED, "later"),
                new RecipientOutcome(Mailbox.parse("c@c.test"), DeliveryStatus.FAILED,
                        Optional.of(SmtpReply.of(550, "5.1.1 no such user")), Optional.of("mx.c.test"),
                        Optional.empty(), "no such user", Optional.empty())));
        assertEquals(67, BatchResult.sent(MESSAGE, unknown, Optional.of("Q1")).exitCode(),
                "failed for good, even with the rest queued");
        assertEquals(65, BatchResult.unreadable("a.eml", "y").exitCode());
        assertEquals(73, BatchResult.failed(MESSAGE, "queue full", 73).exitCode());

        BatchTally t = new BatchTally();
        assertEquals(0, t.exitCode());
        t.add(BatchResult.sent(MESSAGE, report(DeliveryStatus.DELIVERED, DeliveryStatus.DEFERRED), Optional.empty()));
        assertEquals(75, t.exitCode());
        t.add(BatchResult.sent(MESSAGE, report(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED), Optional.empty()));
        assertEquals(75, t.exitCode(), "a later success does not hide a failure");
        t.add(BatchResult.unreadable("a.eml", "y"));
        assertEquals(65, t.exitCode(), "a permanent failure outranks a temporary one");
    }

    @Test
    void theJsonLineHasItsFieldsInAFixedOrderAndEscapesWhatItQuotes() {
        assertEquals("{\"message\":\"box.mbox#2\",\"status\":\"queued\",\"exit_code\":0,\"recipients\":2,"
                + "\"queue_id\":\"Q1\",\"detail\":\"c@c.test: detail c\"}", BatchResult.sent(MESSAGE,
                report(DeliveryStatus.DELIVERED, DeliveryStatus.DEFERRED), Optional.of("Q1")).json());
        assertEquals("{\"message\":\"box.mbox#2\",\"status\":\"delivered\",\"exit_code\":0,\"recipients\":2,"
                + "\"detail\":null}", BatchResult.sent(MESSAGE, report(DeliveryStatus.DELIVERED,
                DeliveryStatus.DELIVERED), Optional.empty()).json());
        assertEquals("{\"message\":\"dir/\\\"q\\\".eml\",\"status\":\"bad\",\"exit_code\":65,"
                + "\"detail\":\"cannot read:\\nline\\u2028\"}",
                BatchResult.unreadable("dir/\"q\".eml", "cannot read:\nline\u2028").json());
    }

    @Test
    void anotherSenderKeepsTheRecipientsAndTheContent() {
        BatchMessage m = MESSAGE.withSender(Optional.empty());
        assertEquals(Optional.empty(), m.message().envelope().sender());
        assertEquals(MESSAGE.message().envelope().recipients(), m.message().envelope().recipients());
        assertEquals(MESSAGE.message().content(), m.message().content());
        assertEquals("box.mbox#2", m.name());
    }

    @Test
    void aMessageWhoseQueueEntryCannotBeSettledIs73WithTheLineThatSaysWhoARunWouldSendItToAgain(@TempDir Path dir)
            throws Exception {
        MemoryTransport.named("batch-full").clear();
        MemoryTransport.named("batch-full").replyToRecipient("c@c.test", SmtpReply.of(451, "4.3.0 later"));
        FaultyFileSystem fs = new FaultyFileSystem();
        MailQueue queue = MailQueue.open(fs.wrap(dir));
        // a batch's message needs no keeper (its file holds it), so nothing takes over the deferred recipient
        SendmailDelivery delivery = new SendmailDelivery(MESSAGE.message().envelope(), MESSAGE.message().content());
        FirstAttempt a;
        try (Sender s = Sender.builder().transport(new MemoryTransportProvider(), TransportSettings.builder()
                .properties(Map.of("name", "batch-full")).build()).smartHost(MailHost.of("relay.test")).build()) {
            a = delivery.send(s, DeliveryOptions.DEFAULT, queue, QueueRoute.builder()
                    .smartHost(MailHost.of("relay.test")).build(), n -> fs.fail(FaultyFileSystem.Fault.FULL));
        }
        fs.fail(FaultyFileSystem.Fault.NONE);
        BatchResult r = BatchResult.sent(MESSAGE, a);
        assertEquals(73, r.exitCode(), r.toString());
        assertEquals(BatchResult.Outcome.QUEUED, r.outcome(), "c@ is still queued");
        assertEquals(a.unsettled(), r.detail());
        assertTrue(r.toString().contains("a queue run sends the message again to b@b.test (delivered)"), r.toString());
    }
}
