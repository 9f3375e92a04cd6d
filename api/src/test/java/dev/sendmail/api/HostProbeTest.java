package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.ProbeResult;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostProbeTest {

    private static final List<Mailbox> RCPTS = List.of(Mailbox.parse("bob@b.test"));
    private static final Instant DEADLINE = Instant.parse("2026-12-01T12:00:00Z");

    /** Probes answer for mx1, fail for every other host; every host asked is recorded. */
    private static final class ProbingTransport implements Transport {
        final List<String> asked = new ArrayList<>();

        @Override
        public DeliveryReport send(SendRequest request) {
            throw new AssertionError("a probe sends no mail");
        }

        @Override
        public ProbeResult probe(MailHost host, Instant deadline) throws SendMailException {
            asked.add(host.name() + " " + deadline);
            if (!host.name().equals("mx1.b.test")) {
                throw new ConnectionFailedException("refused", Phase.CONNECT, host.name(), null);
            }
            return new ProbeResult(host.name(), "192.0.2.1", SmtpReply.of(220, "ready"), List.of("PIPELINING"),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        @Override
        public void close() {
        }
    }

    @Test
    void everyHostOfTheRouteIsProbedInOrderAndAFailureDoesNotStopTheOthers() {
        MailRoute route = new MailRoute("b.test", MailRoute.Kind.MX, List.of(MailHost.of("mx2.b.test"),
                MailHost.of("mx1.b.test"), MailHost.of("mx3.b.test")));
        ProbingTransport transport = new ProbingTransport();
        List<HostProbe> probes = HostProbe.each(transport,
                new Sender.RoutePlan("b.test", RCPTS, Optional.of(route), Optional.empty()), DEADLINE);
        assertEquals(List.of("mx2.b.test " + DEADLINE, "mx1.b.test " + DEADLINE, "mx3.b.test " + DEADLINE),
                transport.asked);
        assertEquals(List.of("mx2.b.test", "mx1.b.test", "mx3.b.test"),
                probes.stream().map(p -> p.host().name()).toList());
        assertEquals(List.of(false, true, false), probes.stream().map(p -> p.result().isPresent()).toList());
        assertTrue(probes.get(0).failure().orElseThrow().getMessage().contains("refused"),
                probes.get(0).failure().get().getMessage());
        assertEquals(List.of("b.test"), probes.stream().map(HostProbe::domain).distinct().toList());
    }

    @Test
    void aPlanWithoutARouteHasNothingToProbe() {
        ProbingTransport transport = new ProbingTransport();
        ResolutionFailedException nxdomain = new ResolutionFailedException("b.test",
                ResolutionFailedException.Reason.NO_SUCH_DOMAIN, "no such domain", null);
        assertEquals(List.of(), HostProbe.each(transport,
                new Sender.RoutePlan("b.test", RCPTS, Optional.empty(), Optional.of(nxdomain)), DEADLINE));
        assertEquals(List.of(), transport.asked);
    }

    @Test
    void aProbeHasEitherAResultOrAFailure() {
        assertThrows(IllegalArgumentException.class,
                () -> new HostProbe("b.test", MailHost.of("mx.b.test"), Optional.empty(), Optional.empty()));
    }
}
