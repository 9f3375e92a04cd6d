package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.ProtocolViolationException;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.Timeouts;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.ScriptAction;
import dev.sendmail.testkit.RefusingPort;
import dev.sendmail.testkit.SmtpScript;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Faults real servers rarely produce: each asserts the outcome, the phase and what reached the wire. */
class FaultTest extends ServerTestSupport {

    @ParameterizedTest
    @CsvSource({"EHLO,EHLO", "MAIL,MAIL", "RCPT,RCPT", "DATA,DATA"})
    void a421AtEachStageDefersTheWholeTransaction(String command, Phase phase) throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on(command, "421 4.3.2 Shutting down"));
        SmtpRejectedException e = expect(SmtpRejectedException.class, transport(),
                request(server, SIMPLE, "a@example.org", "b@example.net", "c@example.net"));
        assertEquals(phase, e.phase().orElseThrow());
        assertTrue(e.isTransient());
        assertEquals(421, e.smtpReply().code());
        assertEquals(phase + " 421 4.3.2 Shutting down (localhost)", e.getMessage());
        assertTrue(server.messages().isEmpty());
    }

    @Test
    void a421AfterTheFinalDotDefers() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().afterData("421 4.3.0 Out of disk"));
        SmtpRejectedException e = expect(SmtpRejectedException.class, transport(), simple(server));
        assertEquals(Phase.DATA, e.phase().orElseThrow());
        assertTrue(e.isTransient());
    }

    @Test
    void aDropInTheMiddleOfTheDataIsATransientConnectionFailure() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().dropDuringData(100));
        String big = "Subject: big\r\n\r\n" + ("line of text\r\n").repeat(2000);
        ConnectionFailedException e = expect(ConnectionFailedException.class, transport(),
                request(server, big, "a@example.org", "b@example.net"));
        assertEquals(Phase.DATA, e.phase().orElseThrow());
        assertTrue(e.isTransient());
        assertTrue(server.messages().isEmpty());
    }

    @Test
    void aClosedConnectionWithoutReplyAfterTheDotIsNotDelivered() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().afterData(ScriptAction.close()));
        ConnectionFailedException e = expect(ConnectionFailedException.class, transport(), simple(server));
        assertEquals(Phase.DATA, e.phase().orElseThrow());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(1, server.connections(), "no second attempt after the final dot was sent");
    }

    @Test
    void aStalledGreetingTimesOut() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().greeting(ScriptAction.stall()));
        long start = System.nanoTime();
        ConnectionFailedException e = expect(ConnectionFailedException.class,
                transport(settings().timeouts(Timeouts.all(Duration.ofMillis(300))).build()), simple(server));
        assertEquals(Phase.GREETING, e.phase().orElseThrow());
        assertTrue(e.getMessage().contains("timed out after 300 ms"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000);
    }

    @Test
    void aStalledDataReplyTimesOut() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().afterData(ScriptAction.stall()));
        ConnectionFailedException e = expect(ConnectionFailedException.class,
                transport(settings().timeouts(Timeouts.all(Duration.ofMillis(300))).build()), simple(server));
        assertEquals(Phase.DATA, e.phase().orElseThrow());
        assertTrue(e.isTransient());
    }

    @Test
    void aServerThatStopsReadingTriggersTheWriteTimeout(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.eml");
        byte[] line = ("x".repeat(78) + "\r\n").getBytes();
        try (var out = Files.newOutputStream(file)) {
            out.write("Subject: big\r\n\r\n".getBytes());
            for (int i = 0; i < 400_000; i++) {
                out.write(line); // 32 MB: more than the socket buffers hold
            }
        }
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("SIZE").stallDuringData());
        SocketTransport t = transport(settings().timeouts(Timeouts.all(Duration.ofMillis(500))).build());
        ConnectionFailedException e = expect(ConnectionFailedException.class, t,
                request(server, MessageContent.of(file), DeliveryOptions.DEFAULT, "a@example.org", "b@example.net"));
        assertEquals(Phase.DATA, e.phase().orElseThrow());
        assertTrue(e.getMessage().contains("timed out writing"), e.getMessage());
    }

    @Test
    void aMalformedReplyIsAProtocolViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("MAIL", ScriptAction.raw("250ok\r\n")));
        ProtocolViolationException e = expect(ProtocolViolationException.class, transport(), simple(server));
        assertEquals(Phase.MAIL, e.phase().orElseThrow());
        assertTrue(e.isTransient());
        assertTrue(server.messages().isEmpty());
    }

    @Test
    void aGarbageGreetingIsAProtocolViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().greeting(ScriptAction.raw("HTTP/1.1 400 Bad\r\n")));
        ProtocolViolationException e = expect(ProtocolViolationException.class, transport(), simple(server));
        assertEquals(Phase.GREETING, e.phase().orElseThrow());
        assertFalse(server.received("MAIL"));
    }

    @Test
    void anEndlessReplyIsCutOffByTheOctetBound() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("EHLO", ScriptAction.endlessLines()));
        ProtocolViolationException e = expect(ProtocolViolationException.class, transport(), simple(server));
        assertEquals(Phase.EHLO, e.phase().orElseThrow());
        assertTrue(e.getMessage().contains("reply longer than " + ReplyReader.DEFAULT_MAX_OCTETS + " octets"),
                e.getMessage());
    }

    @Test
    void anEndlessLineIsCutOffByTheLineLengthBound() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("EHLO", ScriptAction.endlessLine()));
        ProtocolViolationException e = expect(ProtocolViolationException.class, transport(), simple(server));
        assertTrue(e.getMessage().contains("longer than 2048 octets"), e.getMessage());
    }

    @Test
    void aConnectionRefusedNamesTheAddress() throws Exception {
        try (RefusingPort refusing = RefusingPort.open()) {
            var host = refusing.host();
            ConnectionFailedException e = expect(ConnectionFailedException.class, transport(),
                    new dev.sendmail.spi.SendRequest(host, dev.sendmail.api.Envelope.of("a@example.org",
                            "b@example.net"), MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT,
                            Instant.now().plusSeconds(10)));
            assertEquals(Phase.CONNECT, e.phase().orElseThrow());
            assertTrue(e.getMessage().contains("127.0.0.1:" + host.port().getAsInt()), e.getMessage());
        }
    }

    @Test
    void eachAddressIsTriedInTurn() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        var host = server.host().withAddresses(List.of(InetAddress.getByName("::1"), server.address()));
        assertTrue(transport().send(new dev.sendmail.spi.SendRequest(host,
                dev.sendmail.api.Envelope.of("a@example.org", "b@example.net"), MessageContent.of(SIMPLE),
                DeliveryOptions.DEFAULT, Instant.now().plusSeconds(10))).allDelivered());
        assertTrue(transcript.text().contains("127.0.0.1:" + server.port()), transcript.text());
        assertEquals(1, server.connections());
    }

    @Test
    void whenEveryAddressFailsEachIsNamed() throws Exception {
        try (RefusingPort refusing = RefusingPort.open()) {
            var host = refusing.host().withAddresses(List.of(InetAddress.getByName("::1"), refusing.address()));
            ConnectionFailedException e = expect(ConnectionFailedException.class, transport(),
                    new dev.sendmail.spi.SendRequest(host, dev.sendmail.api.Envelope.of("a@example.org",
                            "b@example.net"), MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT,
                            Instant.now().plusSeconds(10)));
            assertTrue(e.getMessage().contains("[0:0:0:0:0:0:0:1]:" + refusing.port()), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1:" + refusing.port()), e.getMessage());
        }
    }

    @Test
    void aPassedDeadlineFailsAtOnce() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        SendMailException e = expect(ConnectionFailedException.class, transport(),
                new dev.sendmail.spi.SendRequest(server.host(), dev.sendmail.api.Envelope.of("a@example.org",
                        "b@example.net"), MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT,
                        Instant.now().minusSeconds(1)));
        assertTrue(e.getMessage().contains("deadline"), e.getMessage());
        assertTrue(server.messages().isEmpty());
    }
}
