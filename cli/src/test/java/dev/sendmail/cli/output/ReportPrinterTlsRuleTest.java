package dev.sendmail.cli.output;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SmtpReply;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON report names the TLS rule that decided a recipient, and only when there was one. */
class ReportPrinterTlsRuleTest {

    @Test
    void theRuleIsAFieldOfTheRecipientsLine() {
        RecipientOutcome o = RecipientOutcome.delivered(Mailbox.parse("bob@b.test"), SmtpReply.of(250, "ok"),
                "mx.b.test");
        assertFalse(ReportPrinter.json(o, Optional.empty()).contains("tls_rule"), ReportPrinter.json(o, Optional.empty()));
        String json = ReportPrinter.json(o.withTlsRule("TLS required, DANE-EE"), Optional.empty());
        assertTrue(json.contains("\"host\":\"mx.b.test\",\"tls_rule\":\"TLS required, DANE-EE\""), json);
    }
}
