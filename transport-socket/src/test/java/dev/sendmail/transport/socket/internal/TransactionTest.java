package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Dsn;
import dev.sendmail.api.Hint;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.ReceivedMessage;
import dev.sendmail.testkit.ReceivedSession;
import dev.sendmail.testkit.SmtpScript;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ESMTP parameters, BDAT, pipelining on and off, HELO fallback, and local refusals. */
class TransactionTest extends ServerTestSupport {

    @Test
    void sizeAndEightBitMimeAreDeclared() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().offer("SMTPUTF8"));
        String content = "Subject: caf\u00e9\n\nna\u00efve\n";
        transport().send(request(server, content, "a@example.org", "b@example.net"));
        long wire = MessageContent.of(content).traits().wireSize();
        assertEquals("MAIL FROM:<a@example.org> SIZE=" + wire + " BODY=8BITMIME SMTPUTF8",
                server.messages().get(0).mailFrom(), "non-ASCII headers need SMTPUTF8 (offered here)");
    }

    @Test
    void plainAsciiDeclaresOnlySize() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        transport().send(simple(server));
        assertEquals("MAIL FROM:<a@example.org> SIZE=" + SIMPLE.length(), server.messages().get(0).mailFrom());
    }

    @Test
    void internationalAddressesUseSmtpUtf8() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().offer("SMTPUTF8"));
        DeliveryReport r = transport().send(request(server, SIMPLE, "a@example.org", "j\u00f6rg@b\u00fccher.example"));
        assertTrue(r.allDelivered(), r.toString());
        ReceivedMessage m = server.messages().get(0);
        assertTrue(m.mailFrom().endsWith(" SMTPUTF8"), m.mailFrom());
        assertEquals(List.of("RCPT TO:<j\u00f6rg@xn--bcher-kva.example>"), m.rcptTo());
    }

    @Test
    void aMessageOverTheServersSizeIsRefusedBeforeMail() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("SIZE").offer("SIZE 100"));
        LocalPolicyException e = expect(LocalPolicyException.class, transport(),
                request(server, SIMPLE + "x".repeat(200) + "\r\n", "a@example.org", "b@example.net"));
        assertTrue(e.getMessage().contains("at most 100"), e.getMessage());
        assertFalse(server.received("MAIL"));
    }

    @Test
    void eightBitContentToA7BitServerGoesAsItIs() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("8BITMIME"));
        String content = "Subject: x\r\n\r\nna\u00efve\r\n";
        DeliveryReport r = transport().send(request(server, content, "a@example.org", "b@example.net"));
        assertTrue(r.allDelivered(), r.toString());
        assertEquals("MAIL FROM:<a@example.org> SIZE=" + MessageContent.of(content).traits().wireSize(),
                server.messages().get(0).mailFrom());
        assertTrue(transcript.text().contains("8-bit content: the server offers no 8BITMIME, sent as it is"),
                transcript.text());
    }

    @Test
    void eightBitContentRequiredAs8BitMimeIsRefusedByA7BitServer() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("8BITMIME"));
        LocalPolicyException e = expect(LocalPolicyException.class, transport(),
                request(server, MessageContent.of("Subject: x\r\n\r\nna\u00efve\r\n"),
                        DeliveryOptions.DEFAULT.withEightBitMime(Hint.YES), "a@example.org", "b@example.net"));
        assertTrue(e.getMessage().contains("8BITMIME"), e.getMessage());
        assertFalse(server.received("MAIL"));
    }

    @Test
    void utf8SubjectWithoutSmtpUtf8GoesAs8BitMime() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("SMTPUTF8"));
        String content = "Subject: caf\u00e9 \u2713\r\n\r\nok\r\n";
        DeliveryReport r = transport().send(request(server, content, "a@example.org", "b@example.net"));
        assertTrue(r.allDelivered(), r.toString());
        assertEquals("MAIL FROM:<a@example.org> SIZE=" + MessageContent.of(content).traits().wireSize()
                + " BODY=8BITMIME", server.messages().get(0).mailFrom());
        assertTrue(transcript.text().contains("UTF-8 in the header without SMTPUTF8: sent as 8BITMIME"),
                transcript.text());
    }

    @Test
    void utf8AddressStillNeedsSmtpUtf8() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("SMTPUTF8"));
        LocalPolicyException e = expect(LocalPolicyException.class, transport(),
                request(server, SIMPLE, "a@example.org", "j\u00f6rg@example.net"));
        assertTrue(e.getMessage().contains("an address needs SMTPUTF8"), e.getMessage());
        assertFalse(server.received("MAIL"));
    }

    @Test
    void aNulOctetIsRefusedWithoutConnecting() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        LocalPolicyException e = expect(LocalPolicyException.class, transport(),
                request(server, "Subject: x\r\n\r\na\0b\r\n", "a@example.org", "b@example.net"));
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
        assertEquals(0, server.connections());
    }

    @Test
    void dsnParametersGoOnTheWire() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().offer("DSN"));
        Dsn dsn = new Dsn(EnumSet.of(Dsn.Notify.FAILURE, Dsn.Notify.SUCCESS), Optional.of(Dsn.Ret.HDRS),
                Optional.of("id+1=x"), true);
        transport().send(request(server, MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT.withDsn(dsn),
                "a@example.org", "b@example.net"));
        ReceivedMessage m = server.messages().get(0);
        assertEquals("MAIL FROM:<a@example.org> SIZE=" + SIMPLE.length() + " RET=HDRS ENVID=id+2B1+3Dx", m.mailFrom());
        assertEquals(List.of("RCPT TO:<b@example.net> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@example.net"),
                m.rcptTo());
    }

    @Test
    void anInternationalOriginalRecipientUsesUtf8AddrUnitext() {
        assertEquals("utf-8;j\u00f6rg\\x{2B}x@example.net",
                MailTransaction.originalRecipient(dev.sendmail.api.Mailbox.parse("j\u00f6rg+x@example.net")));
        assertEquals("rfc822;a+2Bb@example.net",
                MailTransaction.originalRecipient(dev.sendmail.api.Mailbox.parse("a+b@example.net")));
    }

    @Test
    void dsnToAServerWithoutItIsRefused() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        Dsn dsn = new Dsn(EnumSet.of(Dsn.Notify.NEVER), Optional.empty(), Optional.empty(), false);
        LocalPolicyException e = expect(LocalPolicyException.class, transport(), request(server,
                MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT.withDsn(dsn), "a@example.org", "b@example.net"));
        assertEquals(Phase.MAIL, e.phase().orElseThrow());
        assertFalse(server.received("MAIL"));
    }

    @Test
    void chunkingSendsOneBdatInTheSameWriteAsMailAndRcpt() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().offer("CHUNKING"));
        String content = "Subject: x\n\n.dot stays single\nbare\rcr\n";
        DeliveryReport r = transport().send(request(server, content, "a@example.org", "b@example.net"));
        assertTrue(r.allDelivered(), r.toString());
        ReceivedMessage m = server.messages().get(0);
        assertTrue(m.bdat());
        assertEquals("Subject: x\r\n\r\n.dot stays single\r\nbare\r\ncr\r\n", new String(m.wire(),
                StandardCharsets.ISO_8859_1));
        List<ReceivedSession.Command> cmds = server.session(0).commands();
        assertTrue(cmds.stream().filter(c -> c.line().startsWith("MAIL") || c.line().startsWith("RCPT"))
                .allMatch(ReceivedSession.Command::pipelined), cmds.toString());
        assertFalse(server.received("DATA"));
    }

    @Test
    void aLargeMessageWaitsForTheRecipientsBeforeBdat() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().offer("CHUNKING"));
        String content = "Subject: x\r\n\r\n" + "0123456789012345678901234567890123456789\r\n".repeat(3000);
        DeliveryReport r = transport().send(request(server, content, "a@example.org", "b@example.net"));
        assertTrue(r.allDelivered(), r.toString());
        assertEquals(content, new String(server.messages().get(0).wire(), StandardCharsets.ISO_8859_1));
        List<ReceivedSession.Command> cmds = server.session(0).commands();
        ReceivedSession.Command rcpt = cmds.stream().filter(c -> c.line().startsWith("RCPT")).findFirst().orElseThrow();
        assertFalse(rcpt.pipelined(), "BDAT waited for the RCPT reply: " + cmds);
    }

    @Test
    void chunkingCanBeTurnedOff() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().offer("CHUNKING"));
        transport(settings().property("chunking", "false").build()).send(simple(server));
        assertTrue(server.received("DATA"));
        assertFalse(server.received("BDAT"));
    }

    @Test
    void withoutPipeliningCommandsGoOneAtATime() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("PIPELINING"));
        DeliveryReport r = transport().send(request(server, SIMPLE, "a@example.org", "b@example.net", "c@example.net"));
        assertTrue(r.allDelivered(), r.toString());
        assertTrue(server.session(0).commands().stream().noneMatch(ReceivedSession.Command::pipelined),
                server.session(0).commands().toString());
    }

    @Test
    void withoutPipeliningAllRejectedRecipientsSendNoData() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("PIPELINING").on("RCPT", "550 5.1.1 no"));
        DeliveryReport r = transport().send(request(server, SIMPLE, "a@example.org", "b@example.net"));
        assertEquals(DeliveryStatus.FAILED, r.outcomes().get(0).status());
        assertFalse(server.received("DATA"));
    }

    @Test
    void ehloRefusedFallsBackToHelo() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("EHLO", "502 5.5.2 Command not implemented"));
        DeliveryReport r = transport().send(simple(server));
        assertTrue(r.allDelivered(), r.toString());
        assertTrue(server.received("HELO client.test"));
        assertEquals("MAIL FROM:<a@example.org>", server.messages().get(0).mailFrom(), "no ESMTP parameters");
    }

    @Test
    void aHeloNameIsTheLocalAddressLiteralByDefault() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        SocketTransport t = transport(dev.sendmail.api.TransportSettings.builder().listener(transcript).build());
        t.send(simple(server));
        assertEquals("EHLO [127.0.0.1]", server.session(0).lines().get(0));
    }

    @Test
    void aHandMadeMailboxWithCrLfNeverReachesTheWire() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        dev.sendmail.api.Mailbox evil = new dev.sendmail.api.Mailbox("x>\r\nRSET\r\nMAIL FROM:<y", "example.net",
                "example.net");
        LocalPolicyException e = expect(LocalPolicyException.class, transport(), new dev.sendmail.spi.SendRequest(
                server.host(), new dev.sendmail.api.Envelope(Optional.empty(), List.of(evil)),
                MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT, java.time.Instant.now().plusSeconds(10)));
        assertTrue(e.getMessage().contains("CR, LF or NUL"), e.getMessage());
        assertFalse(server.received("RSET"));
        assertFalse(server.received("MAIL"), "the batch with the bad command was never sent");
    }

    @Test
    void aMailRejectionKeepsTheConnectionUsable() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().once("MAIL", "451 4.3.0 try later"));
        SocketTransport t = transport();
        expect(dev.sendmail.api.SmtpRejectedException.class, t, simple(server));
        assertTrue(t.send(simple(server)).allDelivered());
        assertEquals(1, server.connections());
        assertTrue(server.session(0).lines().contains("RSET"));
    }
}
