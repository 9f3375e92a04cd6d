package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.spi.EtrnResult;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.VerifyRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Sender#verify} and {@link Sender#etrn}: routing as for sending, with the verification or ETRN attempt. */
class SenderVerifyTest {

    /** Hosts named down.* cannot be reached; others accept every recipient except those starting with "no". */
    static final class ScriptedTransport implements Transport {
        final List<String> calls = new ArrayList<>();

        @Override
        public DeliveryReport send(SendRequest request) {
            throw new AssertionError("verification must never send: " + request);
        }

        @Override
        public DeliveryReport verify(VerifyRequest request) throws SendMailException {
            String host = request.host().name();
            calls.add(host + " " + request.envelope().recipients().stream().map(Mailbox::address).toList()
                    + (request.vrfy() ? " vrfy" : ""));
            if (host.startsWith("down")) {
                throw new ConnectionFailedException("connection refused", Phase.CONNECT, host, null);
            }
            List<RecipientOutcome> out = new ArrayList<>();
            for (Mailbox r : request.envelope().recipients()) {
                out.add(r.address().startsWith("no")
                        ? RecipientOutcome.of(r, new SmtpRejectedException(SmtpReply.of(550, "5.1.1 User unknown"),
                                Phase.RCPT, host))
                        : new RecipientOutcome(r, DeliveryStatus.DELIVERED, Optional.of(SmtpReply.of(250, "2.1.5 Ok")),
                                Optional.of(host), Optional.of(Phase.RCPT), "RCPT 250 2.1.5 Ok (" + host + ")",
                                Optional.empty()));
            }
            return new DeliveryReport(out);
        }

        @Override
        public EtrnResult etrn(MailHost host, EtrnNode node, Instant deadline) throws SendMailException {
            calls.add(host.name() + " ETRN " + node);
            if (host.name().startsWith("down")) {
                throw new ConnectionFailedException("connection refused", Phase.CONNECT, host.name(), null);
            }
            if (host.name().startsWith("reject")) {
                throw new SmtpRejectedException(SmtpReply.of(554, "5.7.1 go away"), Phase.GREETING, host.name());
            }
            return new EtrnResult(host.name(), node, true, SmtpReply.of(250, "Queuing started"));
        }

        @Override
        public void close() {
        }
    }

    private final ScriptedTransport transport = new ScriptedTransport();

    private final SenderTest.ScriptedResolver resolver = new SenderTest.ScriptedResolver()
            .mx("a.test", "down.a.test", "mx2.a.test").mx("b.test", "mx.b.test");

    @Test
    void directVerificationUsesOneSessionPerDomainAndTheNextHostWhenOneIsDown() {
        Sender s = Sender.builder().transport(transport).resolver(resolver).concurrency(1).build();
        DeliveryReport r = s.verify(Envelope.of("me@c.test", "x@a.test", "nobody@a.test", "y@b.test",
                "z@nxdomain.test"), false);
        assertEquals(List.of("down.a.test [x@a.test, nobody@a.test]", "mx2.a.test [x@a.test, nobody@a.test]",
                "mx.b.test [y@b.test]"), transport.calls);
        assertEquals(List.of(DeliveryStatus.DELIVERED, DeliveryStatus.FAILED, DeliveryStatus.DELIVERED,
                DeliveryStatus.FAILED), r.outcomes().stream().map(RecipientOutcome::status).toList());
        assertEquals(Phase.RESOLVE, r.outcomes().get(3).phase().orElseThrow());
    }

    @Test
    void smartHostVerificationAsksTheSmartHostOnceForAllRecipients() {
        Sender s = Sender.builder().transport(transport).smartHost(MailHost.of("relay.test", 587)).build();
        DeliveryReport r = s.verify(Envelope.of("me@c.test", "x@a.test", "y@b.test"), true);
        assertEquals(List.of("relay.test [x@a.test, y@b.test] vrfy"), transport.calls);
        assertTrue(r.allDelivered());
    }

    @Test
    void etrnGoesToTheSmartHostAndNeedsOne() throws Exception {
        Sender s = Sender.builder().transport(transport).smartHost(MailHost.of("relay.test")).build();
        EtrnResult r = s.etrn(EtrnNode.parse("example.org"));
        assertEquals(250, r.reply().code());
        assertEquals(List.of("relay.test ETRN example.org"), transport.calls);
        Sender direct = Sender.builder().transport(transport).resolver(resolver).build();
        assertThrows(IllegalStateException.class, () -> direct.etrn(EtrnNode.parse("example.org")));
    }

    @Test
    void etrnReportsTheFailureWhenTheOnlyHostIsDown() {
        Sender s = Sender.builder().transport(transport).smartHost(MailHost.of("down.test")).build();
        ConnectionFailedException e = assertThrows(ConnectionFailedException.class,
                () -> s.etrn(EtrnNode.parse("example.org")));
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    @Test
    void etrnNodeFormsAndRefusals() {
        assertEquals("ETRN example.org", EtrnNode.parse("Example.ORG").command());
        assertEquals("ETRN @example.org", EtrnNode.parse("@example.org").command());
        assertEquals("ETRN #queue-1", EtrnNode.parse("#queue-1").command());
        assertEquals("ETRN xn--bcher-kva.example", EtrnNode.parse("bücher.example").command());
        assertEquals("ETRN [192.0.2.1]", EtrnNode.parse("[192.0.2.1]").command());
        for (String bad : new String[] {"", "@", "#", "a b.org", "a.org\r\nQUIT", "bad..name", "-x.org",
                "#q\u00e9", "a_b.org\n"}) {
            assertThrows(IllegalArgumentException.class, () -> EtrnNode.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new EtrnNode("x.org\r\nDATA"));
    }
}
