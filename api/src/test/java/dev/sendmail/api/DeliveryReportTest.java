package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryReportTest {

    @Test
    void linesAreOnePerRecipientInOrderWithoutControlCharacters() {
        RecipientOutcome delivered = RecipientOutcome.delivered(Mailbox.parse("bob@b.test"),
                SmtpReply.of(250, "2.0.0 ok\u001b[2J"), "mx.b.test");
        RecipientOutcome failed = RecipientOutcome.of(Mailbox.parse("nobody@b.test"),
                new SmtpRejectedException(SmtpReply.of(550, "5.1.1 User unknown"), Phase.RCPT, "mx.b.test"));
        assertEquals(List.of("bob@b.test: delivered: DATA 250 2.0.0 ok [2J (mx.b.test)",
                "nobody@b.test: failed: RCPT 550 5.1.1 User unknown (mx.b.test)"),
                new DeliveryReport(List.of(delivered, failed)).lines());
    }
}
