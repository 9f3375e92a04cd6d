package dev.sendmail.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Dsn;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Hint;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.ProtocolViolationException;
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
import dev.sendmail.testkit.SmtpScript;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Servers that misbehave, and the MAIL/RCPT parameters Angus cannot express by itself. */
class JakartaFaultsTest {

    private final RecordingListener transcript = new RecordingListener();

    private Transport transport(Duration timeout) throws SendMailException {
        return new JakartaTransportProvider().create(TransportSettings.builder().tlsMode(TlsMode.OFF)
                .heloName("client.test").timeouts(Timeouts.all(timeout)).listener(transcript).build());
    }

    private static SendRequest request(FakeSmtpServer server, String content, DeliveryOptions options) {
        return new SendRequest(server.host(), Envelope.of("a@example.org", "b@example.net", "c@example.net"),
                MessageContent.of(content), options, Instant.now().plusSeconds(30));
    }

    @Test
    void endlessReplyIsAProtocolViolationNotAnOutOfMemory() throws Exception {
        SmtpScript s = SmtpScript.accepting().on("EHLO", ScriptAction.endlessLines());
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(Duration.ofSeconds(20))) {
            ProtocolViolationException e = assertThrows(ProtocolViolationException.class,
                    () -> t.send(request(server, "Subject: x\n\nb\n", DeliveryOptions.DEFAULT)));
            assertEquals(Phase.EHLO, e.phase().orElseThrow());
        }
        SmtpScript one = SmtpScript.accepting().on("MAIL", ScriptAction.endlessLine());
        try (FakeSmtpServer server = FakeSmtpServer.start(one); Transport t = transport(Duration.ofSeconds(20))) {
            assertThrows(ProtocolViolationException.class,
                    () -> t.send(request(server, "Subject: x\n\nb\n", DeliveryOptions.DEFAULT)));
        }
    }

    @Test
    void garbageInsteadOfAReplyIsAProtocolViolation() throws Exception {
        SmtpScript s = SmtpScript.accepting().on("MAIL", ScriptAction.raw("hello there\r\n"));
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(Duration.ofSeconds(5))) {
            SendMailException e = assertThrows(SendMailException.class,
                    () -> t.send(request(server, "Subject: x\n\nb\n", DeliveryOptions.DEFAULT)));
            assertTrue(e instanceof ProtocolViolationException, e.toString());
            assertTrue(e.isTransient());
        }
    }

    @Test
    void connectionDroppedDuringDataDefersEveryone() throws Exception {
        SmtpScript s = SmtpScript.accepting().dropDuringData(100);
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(Duration.ofSeconds(5))) {
            ConnectionFailedException e = assertThrows(ConnectionFailedException.class,
                    () -> t.send(request(server, "Subject: x\n\n" + "line of text\n".repeat(2000),
                            DeliveryOptions.DEFAULT)));
            assertEquals(Phase.DATA, e.phase().orElseThrow());
            assertTrue(e.isTransient());
        }
    }

    @Test
    void contentThatChangedSinceItWasCheckedIsAbandonedBeforeTheFinalDot() throws Exception {
        MessageContent changing = new MessageContent() {
            private int opened;

            @Override
            public java.io.InputStream open() {
                String text = opened++ == 0 ? "Subject: x\n\nshort\n" : "Subject: x\n\n" + "z".repeat(2000) + "\n";
                return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }

            @Override
            public java.util.OptionalLong size() {
                return java.util.OptionalLong.empty();
            }
        };
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting());
             Transport t = transport(Duration.ofSeconds(5))) {
            LocalPolicyException e = assertThrows(LocalPolicyException.class, () -> t.send(new SendRequest(
                    server.host(), Envelope.of("a@example.org", "b@example.net"), changing, DeliveryOptions.DEFAULT,
                    Instant.now().plusSeconds(10))));
            assertTrue(e.getMessage().contains("changed while it was sent"), e.getMessage());
            assertEquals(Phase.DATA, e.phase().orElseThrow());
            assertTrue(server.messages().isEmpty(), "no final dot: the server keeps nothing");
        }
    }

    @Test
    void unreadableContentIsALocalFailure() throws Exception {
        MessageContent broken = new MessageContent() {
            @Override
            public java.io.InputStream open() throws java.io.IOException {
                throw new java.io.IOException("disk on fire");
            }

            @Override
            public java.util.OptionalLong size() {
                return java.util.OptionalLong.empty();
            }

            @Override
            public dev.sendmail.api.ContentTraits traits() {
                return new dev.sendmail.api.ContentTraits(10, false, false, 10, false);
            }
        };
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting());
             Transport t = transport(Duration.ofSeconds(5))) {
            LocalPolicyException e = assertThrows(LocalPolicyException.class, () -> t.send(new SendRequest(
                    server.host(), Envelope.of("a@example.org", "b@example.net"), broken, DeliveryOptions.DEFAULT,
                    Instant.now().plusSeconds(10))));
            assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
        }
    }

    @Test
    void aDropDuringDataKeepsEarlierRcptRefusals() throws Exception {
        SmtpScript s = SmtpScript.accepting().on("RCPT TO:<c@", "550 5.1.1 No such user").dropDuringData(100);
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(Duration.ofSeconds(5))) {
            DeliveryReport r = t.send(request(server, "Subject: x\n\n" + "line of text\n".repeat(2000),
                    DeliveryOptions.DEFAULT));
            assertEquals(dev.sendmail.api.DeliveryStatus.DEFERRED, r.outcomes().get(0).status(), r.toString());
            assertEquals(Phase.DATA, r.outcomes().get(0).phase().orElseThrow());
            assertEquals(dev.sendmail.api.DeliveryStatus.FAILED, r.outcomes().get(1).status(), r.toString());
            assertEquals(550, r.outcomes().get(1).reply().orElseThrow().code());
        }
    }

    @Test
    void serverStallingDuringDataTimesOut() throws Exception {
        SmtpScript s = SmtpScript.accepting().stallDuringData();
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(Duration.ofMillis(500))) {
            ConnectionFailedException e = assertThrows(ConnectionFailedException.class,
                    () -> t.send(request(server, "Subject: x\n\nbody\n", DeliveryOptions.DEFAULT)));
            assertEquals(Phase.DATA, e.phase().orElseThrow());
        }
    }

    @Test
    void greetingThenCloseIsAConnectionFailure() throws Exception {
        SmtpScript s = SmtpScript.accepting().greeting(ScriptAction.close());
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(Duration.ofSeconds(5))) {
            ConnectionFailedException e = assertThrows(ConnectionFailedException.class,
                    () -> t.send(request(server, "Subject: x\n\nb\n", DeliveryOptions.DEFAULT)));
            assertEquals(Phase.GREETING, e.phase().orElseThrow());
        }
    }

    @Test
    void a421AtRcptDefersTheRestAndDropsTheConnection() throws Exception {
        SmtpScript s = SmtpScript.accepting().on("RCPT TO:<c@", "421 4.3.2 Shutting down");
        try (FakeSmtpServer server = FakeSmtpServer.start(s, SmtpScript.accepting());
             Transport t = transport(Duration.ofSeconds(5))) {
            SmtpRejectedException e = assertThrows(SmtpRejectedException.class,
                    () -> t.send(request(server, "Subject: x\n\nb\n", DeliveryOptions.DEFAULT)));
            assertEquals(421, e.smtpReply().code());
            assertEquals(Phase.RCPT, e.phase().orElseThrow());
            assertTrue(e.isTransient());
            assertFalse(server.session(0).sent("DATA"), "stopped at the 421");
            assertTrue(t.send(request(server, "Subject: y\n\nb\n", DeliveryOptions.DEFAULT)).allDelivered());
            assertEquals(2, server.connections(), "a connection that got 421 is not reused");
        }
    }

    @Test
    void dsnParametersAndEightBitAreDeclared() throws Exception {
        SmtpScript s = SmtpScript.accepting().offer("DSN");
        Dsn dsn = new Dsn(EnumSet.of(Dsn.Notify.FAILURE, Dsn.Notify.DELAY), Optional.of(Dsn.Ret.HDRS),
                Optional.of("id+1"), true);
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(Duration.ofSeconds(5))) {
            DeliveryReport r = t.send(request(server, "Subject: cafe\n\ncaf\u00e9\n",
                    DeliveryOptions.DEFAULT.withDsn(dsn)));
            assertTrue(r.allDelivered(), r.toString());
            ReceivedMessage m = server.messages().get(0);
            assertTrue(m.mailFrom().contains(" BODY=8BITMIME"), m.mailFrom());
            assertTrue(m.mailFrom().contains(" RET=HDRS"), m.mailFrom());
            assertTrue(m.mailFrom().contains(" ENVID=id+2B1"), m.mailFrom());
            assertTrue(m.rcptTo().get(0).contains(" NOTIFY=FAILURE,DELAY") || m.rcptTo().get(0).contains(
                    " NOTIFY=DELAY,FAILURE"), m.rcptTo().get(0));
            assertTrue(m.rcptTo().get(0).endsWith(" ORCPT=rfc822;b@example.net"), m.rcptTo().get(0));
            assertEquals("Subject: cafe\r\n\r\ncaf\u00e9\r\n", m.contentText());
            assertFalse(m.mailFrom().contains("SMTPUTF8"), m.mailFrom());
        }
    }

    @Test
    void dsnWithoutServerSupportIsRefusedLocally() throws Exception {
        Dsn dsn = new Dsn(EnumSet.of(Dsn.Notify.NEVER), Optional.empty(), Optional.empty(), false);
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting());
             Transport t = transport(Duration.ofSeconds(5))) {
            assertThrows(LocalPolicyException.class,
                    () -> t.send(request(server, "Subject: x\n\nb\n", DeliveryOptions.DEFAULT.withDsn(dsn))));
            assertFalse(server.received("MAIL"));
        }
    }

    @Test
    void eightBitIsNotDeclaredWhenForbidden() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting());
             Transport t = transport(Duration.ofSeconds(5))) {
            t.send(request(server, "Subject: x\n\nb\u00e9\n", DeliveryOptions.DEFAULT.withEightBitMime(Hint.NO)));
            assertFalse(server.messages().get(0).mailFrom().contains("BODY="));
        }
    }

    @Test
    void messageOverTheServerSizeIsRefusedLocally() throws Exception {
        SmtpScript s = SmtpScript.accepting().withhold("SIZE").offer("SIZE 100");
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(Duration.ofSeconds(5))) {
            LocalPolicyException e = assertThrows(LocalPolicyException.class,
                    () -> t.send(request(server, "Subject: x\n\n" + "y".repeat(200) + "\n", DeliveryOptions.DEFAULT)));
            assertTrue(e.getMessage().contains("at most 100"), e.getMessage());
            assertFalse(server.received("MAIL"));
        }
    }

    @Test
    void requireTlsRefusesAPlainConnection() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting());
             Transport t = transport(Duration.ofSeconds(5))) {
            assertThrows(LocalPolicyException.class, () -> t.send(
                    request(server, "Subject: x\n\nb\n", DeliveryOptions.DEFAULT.withRequireTls(true))));
            assertFalse(server.received("MAIL"));
        }
    }

    @Test
    void everySocketHasNagleOff() throws Exception {
        TransportSettings s = TransportSettings.builder().tlsMode(TlsMode.OFF).heloName("client.test").build();
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            SmtpConnection c = SmtpConnection.open(server.host(), s, dev.sendmail.spi.TlsSupport.create(s.trust()),
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor(), Instant.now().plusSeconds(10),
                    true, true);
            try {
                assertTrue(c.socket().tcp().plain().getTcpNoDelay());
            } finally {
                c.close();
            }
        }
    }

    @Test
    void heloNameDefaultsToTheLocalAddressLiteral() throws Exception {
        TransportSettings s = TransportSettings.builder().tlsMode(TlsMode.OFF).listener(transcript).build();
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting());
             Transport t = new JakartaTransportProvider().create(s)) {
            t.send(request(server, "Subject: x\n\nb\n", DeliveryOptions.DEFAULT));
            assertTrue(server.session(0).lines().contains("EHLO [127.0.0.1]"), server.session(0).lines().toString());
        }
    }

    @Test
    void transcriptShowsTheDialogue() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting());
             Transport t = transport(Duration.ofSeconds(5))) {
            t.send(request(server, "Subject: x\n\nb\n", DeliveryOptions.DEFAULT));
            String text = transcript.text();
            assertTrue(text.startsWith("connected localhost localhost/127.0.0.1:" + server.port() + "\nS: 220 "), text);
            assertTrue(text.contains("C: MAIL FROM:<a@example.org>"), text);
            assertTrue(text.contains("C: RCPT TO:<b@example.net>"), text);
            assertTrue(text.contains("C: DATA\nS: 354"), text);
            assertTrue(text.contains("C: .\nS: 250 2.0.0 Ok: queued"), text);
        }
    }

    @Test
    void aPermanentRefusalAtMailIsNotRetriedOnAKeptConnection() throws Exception {
        SmtpScript s = SmtpScript.accepting().once("MAIL", "250 2.1.0 Ok").on("MAIL", "550 5.7.1 Not you");
        try (FakeSmtpServer server = FakeSmtpServer.start(s); Transport t = transport(Duration.ofSeconds(5))) {
            assertTrue(t.send(request(server, "Subject: 1\n\nb\n", DeliveryOptions.DEFAULT)).allDelivered());
            SmtpRejectedException e = assertThrows(SmtpRejectedException.class,
                    () -> t.send(request(server, "Subject: 2\n\nb\n", DeliveryOptions.DEFAULT)));
            assertEquals(550, e.smtpReply().code());
            assertEquals(1, server.connections());
        }
    }
}
