package dev.sendmail.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Message;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
        assertEquals("box.mbox#2: failed: queue full", BatchResult.failed(MESSAGE, "queue full").toString());
    }

    @Test
    void theTallyCountsEachOutcome() {
        BatchTally t = new BatchTally();
        t.add(BatchResult.failed(MESSAGE, "x"));
        t.add(BatchResult.unreadable("a.eml", "y"));
        t.add(BatchResult.unreadable("b.eml", "y"));
        t.add(BatchResult.sent(MESSAGE, report(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED),
                Optional.empty()));
        assertEquals(2, t.count(BatchResult.Outcome.UNREADABLE));
        assertEquals("1 delivered, 0 queued, 0 deferred, 1 failed, 2 unreadable and skipped", t.toString());
    }

    @Test
    void anotherSenderKeepsTheRecipientsAndTheContent() {
        BatchMessage m = MESSAGE.withSender(Optional.empty());
        assertEquals(Optional.empty(), m.message().envelope().sender());
        assertEquals(MESSAGE.message().envelope().recipients(), m.message().envelope().recipients());
        assertEquals(MESSAGE.message().content(), m.message().content());
        assertEquals("box.mbox#2", m.name());
    }
}
