package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import dev.sendmail.testing.MemoryTransport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The Sender hands each host's {@link TlsRequirement} to the transport (also with {@code mxPort}), moves on to the
 * next MX when a host fails its rule, and reports which rule decided each recipient.
 */
class SenderTlsRequirementTest {

    private static final TlsRequirement DANE = new TlsRequirement.Dane("mx1.a.test",
            List.of(TlsaRecord.parse("3 1 1 " + "ab".repeat(32))));
    private static final TlsRequirement PKIX = new TlsRequirement.Pkix("mx2.a.test", "MTA-STS enforce");
    private final MemoryTransport memory = new MemoryTransport();
    private final MessageContent content = MessageContent.of("Subject: t\r\n\r\nhello\r\n");

    private static Resolver twoHosts() {
        MailRoute route = new MailRoute("a.test", MailRoute.Kind.MX, List.of(
                new MailHost("mx1.a.test", OptionalInt.empty(), List.of(), 10).withTlsRequirement(DANE),
                new MailHost("mx2.a.test", OptionalInt.empty(), List.of(), 20).withTlsRequirement(PKIX)));
        return domain -> route;
    }

    /** A transport that fails the DANE host's handshake and delivers elsewhere through memory. */
    private Transport failingDane(List<SendRequest> seen, boolean failAll) {
        return new Transport() {
            @Override
            public DeliveryReport send(SendRequest request) throws SendMailException {
                seen.add(request);
                if (failAll || request.host().tlsRequirement() instanceof TlsRequirement.Dane) {
                    throw new TlsFailedException("certificate matches none of the TLSA records", true,
                            Optional.empty(), Phase.STARTTLS, request.host().name(), null);
                }
                return memory.send(request);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aHostThatFailsItsRuleSendsTheMailToTheNextMxWithTheRequirementsIntact() {
        List<SendRequest> seen = Collections.synchronizedList(new ArrayList<>());
        Sender s = Sender.builder().transport(failingDane(seen, false)).resolver(twoHosts()).mxPort(2525).build();
        DeliveryReport r = s.send(Envelope.of("s@x.test", "u@a.test"), content, DeliveryOptions.DEFAULT);
        assertTrue(r.allDelivered(), r.toString());
        assertEquals(List.of(DANE, PKIX), seen.stream().map(q -> q.host().tlsRequirement()).toList());
        assertEquals(List.of(2525, 2525), seen.stream().map(q -> q.host().port().orElse(-1)).toList());
        assertEquals(Optional.of(PKIX.rule()), r.outcomes().get(0).tlsRule());
    }

    @Test
    void whenEveryHostFailsItsRuleTheMailIsDeferredAndTheReportNamesTheRule() {
        List<SendRequest> seen = Collections.synchronizedList(new ArrayList<>());
        Sender s = Sender.builder().transport(failingDane(seen, true)).resolver(twoHosts()).build();
        DeliveryReport r = s.send(Envelope.of("s@x.test", "u@a.test"), content, DeliveryOptions.DEFAULT);
        RecipientOutcome o = r.outcomes().get(0);
        assertEquals(DeliveryStatus.DEFERRED, o.status(), o.toString());
        assertEquals(Optional.of(PKIX.rule()), o.tlsRule());
        assertEquals(2, seen.size());
    }

    @Test
    void aHostWithoutARequirementAddsNoRule() {
        MailRoute route = new MailRoute("a.test", MailRoute.Kind.MX, List.of(
                new MailHost("mx1.a.test", OptionalInt.empty(), List.of(), 10)));
        Resolver plain = domain -> route;
        DeliveryReport r = Sender.builder().transport(memory).resolver(plain).build()
                .send(Envelope.of("s@x.test", "u@a.test"), content, DeliveryOptions.DEFAULT);
        assertTrue(r.allDelivered(), r.toString());
        assertEquals(Optional.empty(), r.outcomes().get(0).tlsRule());
    }
}
