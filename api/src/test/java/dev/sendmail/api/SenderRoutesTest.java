package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.testing.MemoryTransport;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenderRoutesTest {

    private final MemoryTransport defaultTransport = new MemoryTransport();
    private final MemoryTransport salesTransport = new MemoryTransport();
    private final MemoryTransport billingTransport = new MemoryTransport();
    private final MessageContent content = MessageContent.of("Subject: t\r\n\r\nhello\r\n");

    private final Sender sales = Sender.builder().transport(salesTransport).smartHost(MailHost.of("relay.sales.test"))
            .build();
    private final Sender billing = Sender.builder().transport(billingTransport)
            .smartHost(MailHost.of("relay.billing.test")).build();
    private final Sender sender = Sender.builder().transport(defaultTransport)
            .smartHost(MailHost.of("relay.default.test"))
            .senderRoute("sales.example.org", sales)
            .senderRoute("Billing@Sales.Example.org", billing)
            .build();

    private DeliveryReport send(Envelope e) {
        return sender.send(e, content, DeliveryOptions.DEFAULT);
    }

    @Test
    void theSenderChoosesTheRelayByAddressThenDomainThenTheDefault() {
        assertTrue(send(Envelope.of("anna@SALES.example.org", "x@example.net")).outcomes().get(0).isDelivered());
        assertTrue(send(Envelope.of("billing@sales.example.org", "x@example.net")).outcomes().get(0).isDelivered());
        assertTrue(send(Envelope.of("me@other.example.org", "x@example.net")).outcomes().get(0).isDelivered());
        assertTrue(send(Envelope.nullSender(List.of(Mailbox.parse("x@example.net")))).outcomes().get(0)
                .isDelivered());
        assertEquals(List.of("relay.sales.test"), salesTransport.sent().stream().map(MemoryTransport.Sent::host)
                .toList());
        assertEquals(List.of("relay.billing.test"), billingTransport.sent().stream().map(MemoryTransport.Sent::host)
                .toList());
        assertEquals(List.of("relay.default.test", "relay.default.test"), defaultTransport.sent().stream()
                .map(MemoryTransport.Sent::host).toList());
    }

    @Test
    void plansFollowTheSameRoute() {
        Envelope e = Envelope.of("anna@sales.example.org", "x@example.net");
        assertEquals("relay.sales.test", sender.plan(e).get(0).route().orElseThrow().hosts().get(0).name());
        assertEquals(sales, sender.routeFor(e).orElseThrow());
    }

    @Test
    void aRouteNeedsAValidAddressOrDomain() {
        assertThrows(IllegalArgumentException.class, () -> Sender.builder().senderRoute("bad domain", sales));
        assertThrows(IllegalArgumentException.class, () -> Sender.builder().senderRoute("a@b@c", sales));
    }
}
