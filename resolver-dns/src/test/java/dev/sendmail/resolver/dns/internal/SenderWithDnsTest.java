package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.Sender;
import dev.sendmail.resolver.dns.DnsResolverProvider;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.ResolverSettings;
import dev.sendmail.testing.MemoryTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** The api's Sender routing through the dns resolver (found as a provider) to an in-memory transport. */
class SenderWithDnsTest {

    private FakeDnsServer dns;

    @BeforeEach
    void start() throws Exception {
        dns = FakeDnsServer.start()
                .add("multi.test", Type.MX, "10 mxa.multi.test.")
                .add("multi.test", Type.MX, "20 mxb.multi.test.")
                .add("mxa.multi.test", Type.A, "127.0.0.2")
                .add("mxb.multi.test", Type.A, "127.0.0.3")
                .add("nomx.test", Type.A, "127.0.0.4")
                .add("nullmx.test", Type.MX, "0 .")
                .fault("broken.test", Type.MX, FakeDnsServer.Fault.SERVFAIL);
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    private Resolver resolver() throws Exception {
        return new DnsResolverProvider().create(new ResolverSettings(List.of(dns.server()), Duration.ofSeconds(5),
                new SplittableRandom(3), Map.of("attempts", "1")));
    }

    private static RecipientOutcome outcome(DeliveryReport report, String address) {
        return report.outcomes().stream().filter(o -> o.recipient().address().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void eachDomainGetsTheOutcomeItsDnsCallsFor() throws Exception {
        MemoryTransport memory = new MemoryTransport();
        try (Resolver resolver = resolver()) {
            Sender sender = Sender.builder().transport(memory).resolver(resolver).build();
            Envelope env = Envelope.of("a@x.test", "bob@multi.test", "carol@nomx.test", "dave@nullmx.test",
                    "erin@nosuch.test", "frank@broken.test");
            DeliveryReport report = sender.send(env, MessageContent.of("Subject: t\r\n\r\nhi\r\n"), DeliveryOptions.DEFAULT);
            assertEquals(DeliveryStatus.DELIVERED, outcome(report, "bob@multi.test").status());
            assertEquals(DeliveryStatus.DELIVERED, outcome(report, "carol@nomx.test").status());
            RecipientOutcome dave = outcome(report, "dave@nullmx.test");
            assertEquals(DeliveryStatus.FAILED, dave.status());
            assertTrue(dave.detail().contains("null MX"), dave.detail());
            assertEquals(DeliveryStatus.FAILED, outcome(report, "erin@nosuch.test").status());
            assertEquals(DeliveryStatus.DEFERRED, outcome(report, "frank@broken.test").status());
            List<String> hosts = memory.sent().stream().map(MemoryTransport.Sent::host).sorted().toList();
            assertEquals(List.of("mxa.multi.test", "nomx.test"), hosts);
        }
    }

    @Test
    void bestMxDownMeansTheNextOne() throws Exception {
        MemoryTransport memory = new MemoryTransport()
                .failHost("mxa.multi.test", new ConnectionFailedException("connection refused", Phase.CONNECT, "mxa.multi.test", null));
        try (Resolver resolver = resolver()) {
            Sender sender = Sender.builder().transport(memory).resolver(resolver).build();
            DeliveryReport report = sender.send(Envelope.of("a@x.test", "bob@multi.test"),
                    MessageContent.of("Subject: t\r\n\r\nhi\r\n"), DeliveryOptions.DEFAULT);
            assertEquals(DeliveryStatus.DELIVERED, outcome(report, "bob@multi.test").status(), report.toString());
            assertEquals(List.of("mxb.multi.test"), memory.sent().stream().map(MemoryTransport.Sent::host).toList());
        }
    }
}
