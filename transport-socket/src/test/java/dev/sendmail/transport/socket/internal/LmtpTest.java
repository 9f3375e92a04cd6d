package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.MailProtocol;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.TlsMode;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.ScriptAction;
import dev.sendmail.testkit.SmtpScript;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LMTP (RFC 2033): LHLO, and one reply per accepted recipient after the data, each deciding its recipient. */
class LmtpTest extends ServerTestSupport {

    private SocketTransport lmtp() throws Exception {
        return transport(settings().tlsMode(TlsMode.OFF).protocol(MailProtocol.LMTP).build());
    }

    private static List<DeliveryStatus> statuses(DeliveryReport report) {
        return report.outcomes().stream().map(RecipientOutcome::status).toList();
    }

    @Test
    void greetsWithLhloAndNeverEhlo() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().lmtp());

        DeliveryReport report = lmtp().send(simple(server));

        assertEquals(List.of(DeliveryStatus.DELIVERED), statuses(report));
        assertTrue(server.session(0).sent("LHLO client.test"), server.session(0).lines().toString());
        assertFalse(server.received("EHLO"));
        assertFalse(server.received("HELO"));
    }

    @Test
    void eachAcceptedRecipientGetsItsOwnReplyAfterTheData() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().lmtp()
                .on("RCPT TO:<nobody@example.net>", "550 5.1.1 User unknown")
                .afterData(ScriptAction.reply("250 2.0.0 <a@example.net> Saved"),
                        ScriptAction.reply("552 5.2.2 <full@example.net> Quota exceeded"),
                        ScriptAction.reply("452 4.2.2 <later@example.net> Mailbox busy")));

        DeliveryReport report = lmtp().send(request(server, SIMPLE, "s@example.org",
                "a@example.net", "nobody@example.net", "full@example.net", "later@example.net"));

        assertEquals(List.of(DeliveryStatus.DELIVERED, DeliveryStatus.FAILED, DeliveryStatus.FAILED,
                DeliveryStatus.DEFERRED), statuses(report));
        List<RecipientOutcome> o = report.outcomes();
        assertEquals(Phase.RCPT, o.get(1).phase().orElseThrow());
        assertEquals(Phase.DATA, o.get(2).phase().orElseThrow());
        assertEquals(552, o.get(2).reply().orElseThrow().code());
        assertEquals(452, o.get(3).reply().orElseThrow().code());
        assertEquals(1, server.messages().size());
    }

    @Test
    void aRecipientRefusedAfterTheDataIsNeverReportedDeliveredEvenWhenAllWereAccepted() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().lmtp()
                .afterData(ScriptAction.reply("552 5.2.2 Quota exceeded"),
                        ScriptAction.reply("250 2.0.0 Saved")));

        DeliveryReport report = lmtp().send(request(server, SIMPLE, "s@example.org", "full@example.net",
                "b@example.net"));

        assertEquals(List.of(DeliveryStatus.FAILED, DeliveryStatus.DELIVERED), statuses(report));
        assertEquals(List.of("b@example.net"), report.delivered().stream().map(o -> o.recipient().address()).toList());
    }

    @Test
    void whenTheRepliesStopTheRecipientsWithoutOneAreDeferred() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().lmtp()
                .afterData(ScriptAction.reply("250 2.0.0 Saved"),
                        ScriptAction.reply("421 4.3.0 shutting down")));

        DeliveryReport report = lmtp().send(request(server, SIMPLE, "s@example.org", "a@example.net",
                "b@example.net", "c@example.net"));

        assertEquals(List.of(DeliveryStatus.DELIVERED, DeliveryStatus.DEFERRED, DeliveryStatus.DEFERRED),
                statuses(report));
        assertEquals(421, report.outcomes().get(2).reply().orElseThrow().code());
    }

    @Test
    void lmtpSendsDataEvenWhenChunkingIsOffered() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().lmtp().offer("CHUNKING"));

        lmtp().send(simple(server));

        assertTrue(server.received("DATA"));
        assertFalse(server.received("BDAT"));
    }

    @Test
    void aRefusedLhloIsNotFollowedByHelo() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("LHLO", "500 5.5.1 what?"));

        SmtpRejectedException e = expect(SmtpRejectedException.class, lmtp(), simple(server));

        assertEquals(Phase.EHLO, e.phase().orElseThrow());
        assertFalse(server.received("HELO"));
    }

    @Test
    void lmtpDefaultsToPort24AndSmtpToTheTlsModesPort() {
        assertEquals(24, MailProtocol.LMTP.defaultPort(TlsMode.OFF));
        assertEquals(24, MailProtocol.LMTP.defaultPort(TlsMode.SMTPS));
        assertEquals(465, MailProtocol.SMTP.defaultPort(TlsMode.SMTPS));
        assertEquals(25, MailProtocol.SMTP.defaultPort(TlsMode.STARTTLS));
        SessionSetup setup = new SessionSetup(settings().tlsMode(TlsMode.OFF).protocol(MailProtocol.LMTP).build(),
                null);
        assertEquals(24, setup.port(dev.sendmail.api.MailHost.of("lmtp.example.org")));
    }
}
