package dev.sendmail.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.SmtpReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The chunking after "too many recipients", against a scripted server limit instead of a real connection. */
class RecipientBatchesTest {

    private static final SmtpReply TOO_MANY = SmtpReply.of(452, "4.5.3 Too many recipients");

    @Test
    void recognisesTooManyRecipientsOnly() {
        assertTrue(RecipientBatches.tooManyRecipients(TOO_MANY));
        assertTrue(RecipientBatches.tooManyRecipients(SmtpReply.of(452, "Too many recipients")));
        assertTrue(RecipientBatches.tooManyRecipients(SmtpReply.of(552, "5.5.3 Too many recipients")));
        assertTrue(RecipientBatches.tooManyRecipients(SmtpReply.of(552, "Too many recipients received")));
        assertFalse(RecipientBatches.tooManyRecipients(SmtpReply.of(452, "4.2.2 Mailbox full")));
        assertFalse(RecipientBatches.tooManyRecipients(SmtpReply.of(552, "Message too big")));
        assertFalse(RecipientBatches.tooManyRecipients(SmtpReply.of(450, "4.5.3 Too many recipients")));
    }

    /** A server taking {@code limits[i]} recipients in transaction i (the last limit for the rest). */
    private static final class LimitedServer implements RecipientBatches.Transaction {
        final List<List<Mailbox>> delivered = new ArrayList<>();
        final int[] limits;

        LimitedServer(int... limits) {
            this.limits = limits;
        }

        @Override
        public DeliveryReport run(SendRequest request) {
            int limit = limits[Math.min(delivered.size(), limits.length - 1)];
            List<Mailbox> taken = new ArrayList<>();
            List<RecipientOutcome> out = new ArrayList<>();
            for (Mailbox m : request.envelope().recipients()) {
                if (taken.size() < limit) {
                    taken.add(m);
                    out.add(RecipientOutcome.delivered(m, SmtpReply.of(250, "ok"), "mx.test"));
                } else {
                    out.add(RecipientOutcome.of(m, new SmtpRejectedException(TOO_MANY, Phase.RCPT, "mx.test")));
                }
            }
            delivered.add(taken);
            return new DeliveryReport(out);
        }
    }

    private static SendRequest request(int n) {
        String[] to = new String[n];
        for (int i = 0; i < n; i++) {
            to[i] = "r" + i + "@example.net";
        }
        return new SendRequest(new MailHost("mx.test", OptionalInt.empty(), List.of(), -1),
                Envelope.of("a@example.org", to), MessageContent.of("Subject: x\r\n\r\nx\r\n"), DeliveryOptions.DEFAULT,
                Instant.now().plusSeconds(60));
    }

    @Test
    void aShrinkingLimitShrinksTheChunks() {
        LimitedServer server = new LimitedServer(4, 2);
        SendRequest r = request(9);
        DeliveryReport report = RecipientBatches.sendRest(r, server.run(r), server);
        assertTrue(report.allDelivered(), report.toString());
        assertEquals(List.of(4, 2, 2, 1), server.delivered.stream().map(List::size).toList());
        assertEquals(r.envelope().recipients(), report.outcomes().stream().map(RecipientOutcome::recipient).toList());
    }

    @Test
    void aTransactionThatDeliversNobodyStopsAndLeavesTheRestDeferred() {
        LimitedServer server = new LimitedServer(3, 0);
        SendRequest r = request(8);
        DeliveryReport report = RecipientBatches.sendRest(r, server.run(r), server);
        assertEquals(3, report.delivered().size());
        assertEquals(5, report.deferred().size());
        assertEquals(2, server.delivered.size(), "one more try, then no more");
    }

    @Test
    void aFailedTransactionGivesItsFailureToEveryoneNotYetDelivered() {
        LimitedServer server = new LimitedServer(2);
        SendRequest r = request(7);
        DeliveryReport first = server.run(r);
        int[] calls = {0};
        DeliveryReport report = RecipientBatches.sendRest(r, first, rest -> {
            if (++calls[0] == 2) {
                throw new ConnectionFailedException("connection lost", Phase.DATA, "mx.test", null);
            }
            return server.run(rest);
        });
        assertEquals(4, report.delivered().size());
        List<RecipientOutcome> lost = report.deferred();
        assertEquals(3, lost.size());
        for (RecipientOutcome o : lost) {
            assertEquals(DeliveryStatus.DEFERRED, o.status());
            assertEquals(Phase.DATA, o.phase().orElseThrow(), "the failure, not the old 452: " + o);
        }
    }
}
