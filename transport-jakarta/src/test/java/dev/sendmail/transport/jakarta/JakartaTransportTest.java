package dev.sendmail.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.ReceivedMessage;
import dev.sendmail.testkit.RecordingListener;
import dev.sendmail.testkit.ScriptAction;
import dev.sendmail.testkit.RefusingPort;
import dev.sendmail.testkit.SmtpScript;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Plain-text behaviour of the jakarta transport against the scriptable fake server. */
class JakartaTransportTest {

    private final RecordingListener transcript = new RecordingListener();

    private Transport transport(TransportSettings.Builder b) throws SendMailException {
        return new JakartaTransportProvider().create(b.listener(transcript).build());
    }

    private Transport plain() throws SendMailException {
        return transport(TransportSettings.builder().tlsMode(TlsMode.OFF).heloName("client.test")
                .timeouts(Timeouts.all(Duration.ofSeconds(5))));
    }

    private static SendRequest request(FakeSmtpServer server, Envelope envelope, String content) {
        return new SendRequest(server.host(), envelope, MessageContent.of(content), DeliveryOptions.DEFAULT,
                Instant.now().plusSeconds(30));
    }

    @Test
    void deliversBytesVerbatimWithCrlfAndDotStuffing() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting()); Transport t = plain()) {
            String msg = "Subject: hi\nX-Enc: =?utf-8?q?x?=\n\n.leading dot\r\nbare cr\rend\n..two";
            DeliveryReport r = t.send(request(server, Envelope.of("a@example.org", "b@example.net"), msg));
            assertTrue(r.allDelivered(), r.toString());
            assertEquals(250, r.outcomes().get(0).reply().orElseThrow().code());
            ReceivedMessage m = server.messages().get(0);
            assertEquals("MAIL FROM:<a@example.org> SIZE=" + MessageContent.of(msg).traits().wireSize(), m.mailFrom());
            assertEquals("Subject: hi\r\nX-Enc: =?utf-8?q?x?=\r\n\r\n..leading dot\r\nbare cr\r\nend\r\n...two\r\n.\r\n",
                    m.wireText());
            assertTrue(transcript.lines().contains("C: EHLO client.test"), transcript.text());
        }
    }

    @Test
    void theEnvelopeNotTheHeadersDecidesSenderAndRecipients() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting()); Transport t = plain()) {
            String msg = "From: header-from@example.com\nSender: sender@example.com\nTo: header-to@example.com\n"
                    + "Cc: cc@example.com\nBcc: bcc@example.com\nSubject: x\n\nbody\n";
            assertTrue(t.send(request(server, Envelope.of("env-from@example.org", "env-to@example.net"), msg))
                    .allDelivered());
            ReceivedMessage m = server.messages().get(0);
            assertTrue(m.mailFrom().startsWith("MAIL FROM:<env-from@example.org>"), m.mailFrom());
            assertEquals(java.util.List.of("RCPT TO:<env-to@example.net>"), m.rcptTo());
            assertEquals(msg.replace("\n", "\r\n"), m.contentText(), "headers untouched, Bcc included");
        }
    }

    @Test
    void nullSenderIsSentAsEmptyReversePath() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting()); Transport t = plain()) {
            DeliveryReport r = t.send(request(server, Envelope.of("<>", "b@example.net"), "Subject: x\n\nbody\n"));
            assertTrue(r.allDelivered());
            assertTrue(server.messages().get(0).mailFrom().startsWith("MAIL FROM:<> "),
                    server.messages().get(0).mailFrom());
        }
    }

    @Test
    void eachRecipientGetsItsOwnOutcome() throws Exception {
        SmtpScript script = SmtpScript.accepting()
                .on("RCPT TO:<gone@", "550 5.1.1 User unknown")
                .on("RCPT TO:<full@", "452 4.2.2 Mailbox full");
        try (FakeSmtpServer server = FakeSmtpServer.start(script); Transport t = plain()) {
            DeliveryReport r = t.send(request(server,
                    Envelope.of("a@example.org", "ok@example.net", "gone@example.net", "full@example.net"),
                    "Subject: x\n\nbody\n"));
            assertEquals(DeliveryStatus.DELIVERED, r.outcomes().get(0).status());
            assertEquals(DeliveryStatus.FAILED, r.outcomes().get(1).status());
            assertEquals("5.1.1", r.outcomes().get(1).reply().orElseThrow().status().orElseThrow().toString());
            assertEquals(Phase.RCPT, r.outcomes().get(1).phase().orElseThrow());
            assertEquals(DeliveryStatus.DEFERRED, r.outcomes().get(2).status());
            assertEquals(452, r.outcomes().get(2).reply().orElseThrow().code());
            assertEquals("RCPT 550 5.1.1 User unknown (localhost)", r.outcomes().get(1).detail());
            assertEquals(1, server.messages().size());
        }
    }

    @Test
    void everyRecipientRefusedSendsNoData() throws Exception {
        SmtpScript script = SmtpScript.accepting().on("RCPT", "550 5.1.1 No such user");
        try (FakeSmtpServer server = FakeSmtpServer.start(script); Transport t = plain()) {
            DeliveryReport r = t.send(request(server, Envelope.of("a@example.org", "x@example.net", "y@example.net"),
                    "Subject: x\n\nbody\n"));
            assertEquals(2, r.failed().size());
            assertFalse(server.received("DATA"));
        }
    }

    @Test
    void mailRefusalFailsTheWholeTransaction() throws Exception {
        SmtpScript script = SmtpScript.accepting().on("MAIL", "451 4.3.0 Try later");
        try (FakeSmtpServer server = FakeSmtpServer.start(script); Transport t = plain()) {
            SmtpRejectedException e = assertThrows(SmtpRejectedException.class, () -> t.send(
                    request(server, Envelope.of("a@example.org", "x@example.net"), "Subject: x\n\nbody\n")));
            assertEquals(Phase.MAIL, e.phase().orElseThrow());
            assertTrue(e.isTransient());
            assertEquals("MAIL 451 4.3.0 Try later (localhost)", e.getMessage());
        }
    }

    @Test
    void dataRefusalFailsTheWholeTransaction() throws Exception {
        SmtpScript script = SmtpScript.accepting().afterData("554 5.7.1 Spam");
        try (FakeSmtpServer server = FakeSmtpServer.start(script); Transport t = plain()) {
            SmtpRejectedException e = assertThrows(SmtpRejectedException.class, () -> t.send(
                    request(server, Envelope.of("a@example.org", "x@example.net"), "Subject: x\n\nbody\n")));
            assertEquals(Phase.DATA, e.phase().orElseThrow());
            assertFalse(e.isTransient());
        }
    }

    @Test
    void connectionIsReusedForTheNextMessage() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting()); Transport t = plain()) {
            for (int i = 0; i < 3; i++) {
                assertTrue(t.send(request(server, Envelope.of("a@example.org", "x@example.net"),
                        "Subject: " + i + "\n\nbody\n")).allDelivered());
            }
            assertEquals(1, server.connections());
            assertEquals(3, server.messages().size());
        }
    }

    @Test
    void aKeptConnectionTheServerClosedIsReplaced() throws Exception {
        SmtpScript first = SmtpScript.accepting().once("MAIL", "250 2.1.0 Ok").on("MAIL", ScriptAction.close());
        try (FakeSmtpServer server = FakeSmtpServer.start(first, SmtpScript.accepting()); Transport t = plain()) {
            Envelope e = Envelope.of("a@example.org", "x@example.net");
            assertTrue(t.send(request(server, e, "Subject: 1\n\nb\n")).allDelivered());
            assertTrue(t.send(request(server, e, "Subject: 2\n\nb\n")).allDelivered());
            assertEquals(2, server.connections());
            assertEquals(2, server.messages().size());
            assertTrue(transcript.text().contains("reconnecting"), transcript.text());
        }
    }

    @Test
    void idleConnectionsAreClosedWithQuitAfterTheIdleTimeout() throws Exception {
        TransportSettings.Builder b = TransportSettings.builder().tlsMode(TlsMode.OFF).heloName("client.test")
                .pool(new TransportSettings.PoolSettings(2, 0, Duration.ofMillis(200)));
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting());
             JakartaTransport t = (JakartaTransport) transport(b)) {
            assertTrue(t.send(request(server, Envelope.of("a@example.org", "x@example.net"), "S: 1\n\nb\n"))
                    .allDelivered());
            assertTrue(server.awaitIdle(Duration.ofSeconds(10)), "the sweeper closed the idle connection");
            assertTrue(server.session(0).sent("QUIT"));
            assertEquals(0, t.pool().idleCount());
        }
    }

    @Test
    void messageLimitPerConnectionOpensANewOne() throws Exception {
        TransportSettings.Builder b = TransportSettings.builder().tlsMode(TlsMode.OFF).heloName("client.test")
                .pool(new TransportSettings.PoolSettings(2, 2, Duration.ofSeconds(30)));
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting()); Transport t = transport(b)) {
            for (int i = 0; i < 5; i++) {
                assertTrue(t.send(request(server, Envelope.of("a@example.org", "x@example.net"), "S: 1\n\nb\n"))
                        .allDelivered());
            }
            assertEquals(3, server.connections());
        }
    }

    @Test
    void overlongLineIsRefusedBeforeConnecting() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting()); Transport t = plain()) {
            String msg = "Subject: x\n\n" + "a".repeat(999) + "\n";
            LocalPolicyException e = assertThrows(LocalPolicyException.class, () -> t.send(
                    request(server, Envelope.of("a@example.org", "x@example.net"), msg)));
            assertTrue(e.getMessage().contains("999"), e.getMessage());
            assertFalse(server.received("MAIL"));
        }
    }

    @Test
    void utf8AddressNeedsSmtpUtf8() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting()); Transport t = plain()) {
            LocalPolicyException e = assertThrows(LocalPolicyException.class, () -> t.send(
                    request(server, Envelope.of("a@example.org", "jos\u00e9@example.net"), "Subject: x\n\nb\n")));
            assertTrue(e.getMessage().contains("SMTPUTF8"), e.getMessage());
            assertFalse(server.received("MAIL"));
        }
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().offer("SMTPUTF8"));
             Transport t = plain()) {
            assertTrue(t.send(request(server, Envelope.of("a@example.org", "jos\u00e9@example.net"),
                    "Subject: x\n\nb\n")).allDelivered());
            ReceivedMessage m = server.messages().get(0);
            assertTrue(m.mailFrom().contains(" SMTPUTF8"), m.mailFrom());
            assertEquals("RCPT TO:<jos\u00e9@example.net>", m.rcptTo().get(0));
            assertTrue(t.send(request(server, Envelope.of("a@example.org", "plain@example.net"),
                    "Subject: x\n\nb\n")).allDelivered());
            assertFalse(server.messages().get(1).mailFrom().contains("SMTPUTF8"), server.messages().get(1).mailFrom());
        }
    }

    @Test
    void stalledServerTimesOut() throws Exception {
        SmtpScript script = SmtpScript.accepting().on("MAIL", ScriptAction.stall());
        try (FakeSmtpServer server = FakeSmtpServer.start(script);
             Transport t = transport(TransportSettings.builder().tlsMode(TlsMode.OFF)
                     .timeouts(Timeouts.all(Duration.ofMillis(300))))) {
            ConnectionFailedException e = assertThrows(ConnectionFailedException.class, () -> t.send(
                    request(server, Envelope.of("a@example.org", "x@example.net"), "Subject: x\n\nb\n")));
            assertEquals(Phase.MAIL, e.phase().orElseThrow());
            assertTrue(e.isTransient());
        }
    }

    @Test
    void refusedConnectionIsAConnectionFailure() throws Exception {
        try (RefusingPort refusing = RefusingPort.open(); Transport t = plain()) {
            SendMailException e = assertThrows(SendMailException.class, () -> t.send(new SendRequest(refusing.host(),
                    Envelope.of("a@example.org", "x@example.net"), MessageContent.of("Subject: x\n\nb\n"),
                    DeliveryOptions.DEFAULT, Instant.now().plusSeconds(30))));
            assertInstanceOf(ConnectionFailedException.class, e);
            assertEquals(Phase.CONNECT, e.phase().orElseThrow());
        }
    }
}
