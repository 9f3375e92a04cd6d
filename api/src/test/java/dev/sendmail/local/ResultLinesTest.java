package dev.sendmail.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.EtrnNode;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.spi.EtrnResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultLinesTest {

    private static final RecipientOutcome DELIVERED = RecipientOutcome.delivered(Mailbox.parse("bob@b.test"),
            SmtpReply.of(250, "2.0.0 ok"), "mx.b.test");
    private static final RecipientOutcome UNKNOWN = RecipientOutcome.of(Mailbox.parse("nobody@b.test"),
            new SmtpRejectedException(SmtpReply.of(550, "5.1.1 User unknown"), Phase.RCPT, "mx.b.test"));
    private static final RecipientOutcome LATER = RecipientOutcome.of(Mailbox.parse("carol@c.test"),
            new ConnectionFailedException("connection refused", Phase.CONNECT, "mx.c.test", null));
    private static final DeliveryReport REPORT = new DeliveryReport(List.of(DELIVERED, UNKNOWN, LATER));

    @Test
    void aReportIsOneObjectPerRecipientWithItsExitCodeAfterTheStatus() {
        assertEquals(List.of("{\"recipient\":\"bob@b.test\",\"status\":\"delivered\",\"exit_code\":0,"
                        + "\"host\":\"mx.b.test\",\"phase\":\"DATA\",\"code\":250,\"enhanced_status\":\"2.0.0\","
                        + "\"reply\":\"ok\",\"detail\":\"DATA 250 2.0.0 ok (mx.b.test)\"}",
                "{\"recipient\":\"nobody@b.test\",\"status\":\"failed\",\"exit_code\":67,\"host\":\"mx.b.test\","
                        + "\"phase\":\"RCPT\",\"code\":550,\"enhanced_status\":\"5.1.1\",\"reply\":\"User unknown\","
                        + "\"detail\":" + quoted(UNKNOWN.detail()) + "}",
                "{\"recipient\":\"carol@c.test\",\"status\":\"deferred\",\"exit_code\":75,\"host\":\"mx.c.test\","
                        + "\"phase\":\"CONNECT\",\"detail\":" + quoted(LATER.detail()) + "}"),
                ResultLines.json(REPORT, Optional.empty()));
    }

    @Test
    void aQueuedMessagesDeferredRecipientsAreQueuedWithTheQueueIdAndExitZero() {
        List<String> lines = ResultLines.json(REPORT, Optional.of("q1"));
        assertTrue(lines.get(2).startsWith("{\"recipient\":\"carol@c.test\",\"status\":\"queued\",\"exit_code\":0,"
                + "\"queue_id\":\"q1\",\"host\":\"mx.c.test\","), lines.get(2));
        assertTrue(lines.get(1).contains("\"status\":\"failed\",\"exit_code\":67,\"host\""), lines.get(1));
        assertFalse(lines.get(1).contains("queue_id"), lines.get(1));
    }

    @Test
    void theTlsRuleIsAFieldOnlyWhenTheHostHadOne() {
        String without = ResultLines.json(new DeliveryReport(List.of(DELIVERED)), Optional.empty()).get(0);
        assertFalse(without.contains("tls_rule"), without);
        String with = ResultLines.json(new DeliveryReport(List.of(DELIVERED.withTlsRule("TLS required, DANE-EE"))),
                Optional.empty()).get(0);
        assertTrue(with.contains("\"host\":\"mx.b.test\",\"tls_rule\":\"TLS required, DANE-EE\",\"phase\""), with);
        String verified = ResultLines.verifiedJson(new DeliveryReport(List.of(DELIVERED.withTlsRule("x")))).get(0);
        assertFalse(verified.contains("tls_rule"), verified);
    }

    @Test
    void verifyingSaysDeliverableUndeliverableOrUnknown() {
        assertEquals(List.of("bob@b.test: deliverable: DATA 250 2.0.0 ok (mx.b.test)",
                "nobody@b.test: undeliverable: " + UNKNOWN.detail(), "carol@c.test: unknown: " + LATER.detail()),
                ResultLines.verifiedText(REPORT));
        List<String> json = ResultLines.verifiedJson(REPORT);
        assertTrue(json.get(0).startsWith("{\"recipient\":\"bob@b.test\",\"status\":\"deliverable\",\"exit_code\":0,"),
                json.get(0));
        assertTrue(json.get(1).contains("\"status\":\"undeliverable\",\"exit_code\":67,"), json.get(1));
        assertTrue(json.get(2).contains("\"status\":\"unknown\",\"exit_code\":75,"), json.get(2));
    }

    @Test
    void aServersControlCharactersNeverReachAVerificationLine() {
        RecipientOutcome odd = RecipientOutcome.delivered(Mailbox.parse("bob@b.test"), SmtpReply.of(250, "ok\rX"),
                "mx.b.test");
        String line = ResultLines.verifiedText(new DeliveryReport(List.of(odd))).get(0);
        assertFalse(line.contains("\r"), line);
        assertTrue(ResultLines.verifiedJson(new DeliveryReport(List.of(odd))).get(0).contains("ok\\rX"));
    }

    @Test
    void etrnAnswersAndFailuresCarryTheirExitCodeLast() {
        EtrnResult r = new EtrnResult("mx.b.test", EtrnNode.parse("#outbound"), true,
                SmtpReply.of(458, "4.3.0 unable to queue"));
        assertEquals("{\"etrn\":\"#outbound\",\"host\":\"mx.b.test\",\"advertised\":true,\"code\":458,"
                + "\"enhanced_status\":\"4.3.0\",\"reply\":\"unable to queue\",\"exit_code\":75}", ResultLines.json(r));
        ConnectionFailedException e = new ConnectionFailedException("connection refused", Phase.CONNECT, null, null);
        assertEquals("{\"etrn\":\"b.test\",\"host\":null,\"detail\":" + quoted(e.getMessage()) + ",\"exit_code\":75}",
                ResultLines.json(EtrnNode.parse("b.test"), e));
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
