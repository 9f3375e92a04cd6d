package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import dev.sendmail.testing.MemoryTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SenderTest {

    private final MemoryTransport memory = new MemoryTransport();
    private final ScriptedResolver resolver = new ScriptedResolver();
    private final MessageContent content = MessageContent.of("Subject: t\r\n\r\nhello\r\n");

    /** A resolver answering from a map; a domain not in it is NXDOMAIN. */
    static final class ScriptedResolver implements Resolver {
        final Map<String, Object> answers = new HashMap<>();
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());

        ScriptedResolver mx(String domain, String... hosts) {
            List<MailHost> list = new ArrayList<>();
            int pref = 10;
            for (String h : hosts) {
                list.add(new MailHost(h, OptionalInt.empty(), List.of(), pref += 10));
            }
            answers.put(domain, new MailRoute(domain, MailRoute.Kind.MX, list));
            return this;
        }

        ScriptedResolver fail(String domain, ResolutionFailedException.Reason reason) {
            answers.put(domain, new ResolutionFailedException(domain, reason, reason.name(), null));
            return this;
        }

        @Override
        public MailRoute resolve(String domain) throws ResolutionFailedException {
            asked.add(domain);
            Object a = answers.get(domain);
            if (a instanceof MailRoute r) {
                return r;
            }
            if (a instanceof ResolutionFailedException e) {
                throw e;
            }
            throw new ResolutionFailedException(domain, ResolutionFailedException.Reason.NO_SUCH_DOMAIN,
                    "no such domain", null);
        }
    }

    private Sender direct() {
        return Sender.builder().transport(memory).resolver(resolver).build();
    }

    private static RecipientOutcome outcome(DeliveryReport r, String address) {
        return r.outcomes().stream().filter(o -> o.recipient().address().equals(address)).findFirst().orElseThrow();
    }

    @BeforeEach
    void scripts() {
        resolver.mx("a.test", "mx1.a.test", "mx2.a.test").mx("b.test", "mx.b.test");
    }

    @Test
    void groupsRecipientsByDomainOneTransactionPerDomain() {
        DeliveryReport r = direct().send(Envelope.of("s@x.test", "u1@a.test", "u@b.test", "u2@A.TEST"), content,
                DeliveryOptions.DEFAULT);
        assertTrue(r.allDelivered());
        assertEquals(List.of("u1@a.test", "u@b.test", "u2@a.test"),
                r.outcomes().stream().map(o -> o.recipient().address()).toList(), "report keeps envelope order");
        assertEquals(2, memory.sent().size());
        MemoryTransport.Sent toA = memory.sent().stream().filter(s -> s.host().equals("mx1.a.test")).findFirst()
                .orElseThrow();
        assertEquals(2, toA.recipients().size());
        assertEquals("<s@x.test>", toA.reversePath());
        assertEquals(Optional.of("mx1.a.test"), outcome(r, "u1@a.test").host());
    }

    @Test
    void nextHostAfterConnectionFailure() {
        memory.failHost("mx1.a.test", new ConnectionFailedException("connection refused", Phase.CONNECT,
                "mx1.a.test", null));
        DeliveryReport r = direct().send(Envelope.of("s@x.test", "u@a.test"), content, DeliveryOptions.DEFAULT);
        assertTrue(r.allDelivered());
        assertEquals(Optional.of("mx2.a.test"), r.outcomes().get(0).host());
    }

    @Test
    void nextHostAfterTransientGreetingAndTransientTransaction() {
        memory.failHost("mx1.a.test", new SmtpRejectedException(SmtpReply.of(421, "4.3.2 busy"), Phase.GREETING,
                "mx1.a.test"));
        assertTrue(direct().send(Envelope.of("s@x.test", "u@a.test"), content, DeliveryOptions.DEFAULT).allDelivered());
        memory.clear();
        memory.failHost("mx1.a.test", new SmtpRejectedException(SmtpReply.of(451, "4.3.0 try later"), Phase.DATA,
                "mx1.a.test"));
        assertTrue(direct().send(Envelope.of("s@x.test", "u@a.test"), content, DeliveryOptions.DEFAULT).allDelivered());
    }

    @Test
    void permanentTransactionFailureStopsAtThatHost() {
        memory.failHost("mx1.a.test", new SmtpRejectedException(SmtpReply.of(554, "5.7.1 spam"), Phase.DATA,
                "mx1.a.test"));
        DeliveryReport r = direct().send(Envelope.of("s@x.test", "u@a.test"), content, DeliveryOptions.DEFAULT);
        RecipientOutcome o = r.outcomes().get(0);
        assertEquals(DeliveryStatus.FAILED, o.status());
        assertEquals(Optional.of(Phase.DATA), o.phase());
        assertEquals("DATA 554 5.7.1 spam (mx1.a.test)", o.detail());
        assertTrue(memory.sent().isEmpty(), "mx2 must not be tried after a 5xx for the transaction");
    }

    @Test
    void allHostsDownDefersWithTheLastFailure() {
        memory.failHost("mx1.a.test", new ConnectionFailedException("refused", Phase.CONNECT, "mx1.a.test", null));
        memory.failHost("mx2.a.test", new ConnectionFailedException("timed out", Phase.CONNECT, "mx2.a.test", null));
        RecipientOutcome o = direct().send(Envelope.of("s@x.test", "u@a.test"), content, DeliveryOptions.DEFAULT)
                .outcomes().get(0);
        assertEquals(DeliveryStatus.DEFERRED, o.status());
        assertEquals("CONNECT timed out (mx2.a.test)", o.detail());
    }

    @Test
    void perRecipientOutcomes() {
        memory.replyToRecipient("bad@a.test", SmtpReply.of(550, "5.1.1 User unknown"));
        memory.replyToRecipient("later@a.test", SmtpReply.of(450, "4.2.1 mailbox busy"));
        DeliveryReport r = direct().send(Envelope.of("s@x.test", "good@a.test", "bad@a.test", "later@a.test"),
                content, DeliveryOptions.DEFAULT);
        assertEquals(DeliveryStatus.DELIVERED, outcome(r, "good@a.test").status());
        assertEquals(DeliveryStatus.FAILED, outcome(r, "bad@a.test").status());
        assertEquals("RCPT 550 5.1.1 User unknown (mx1.a.test)", outcome(r, "bad@a.test").detail());
        assertEquals(DeliveryStatus.DEFERRED, outcome(r, "later@a.test").status());
        assertEquals(1, memory.sent().size(), "a RCPT 4xx is not retried on the next host");
        assertFalse(r.allDelivered());
    }

    @Test
    void resolutionFailuresArePerDomain() {
        resolver.fail("null.test", ResolutionFailedException.Reason.NULL_MX)
                .fail("slow.test", ResolutionFailedException.Reason.TEMPORARY);
        DeliveryReport r = direct().send(Envelope.of("s@x.test", "u@a.test", "u@null.test", "u@slow.test",
                "u@nosuch.test"), content, DeliveryOptions.DEFAULT);
        assertEquals(DeliveryStatus.DELIVERED, outcome(r, "u@a.test").status());
        assertEquals(DeliveryStatus.FAILED, outcome(r, "u@null.test").status());
        assertEquals(DeliveryStatus.DEFERRED, outcome(r, "u@slow.test").status());
        assertEquals(DeliveryStatus.FAILED, outcome(r, "u@nosuch.test").status());
        assertEquals(Optional.of(Phase.RESOLVE), outcome(r, "u@nosuch.test").phase());
    }

    @Test
    void smartHostTakesEveryRecipientInOneTransaction() {
        Sender s = Sender.builder().transport(memory).smartHost(MailHost.parse("relay.test:587")).build();
        DeliveryReport r = s.send(Envelope.of("s@x.test", "u@a.test", "u@b.test"), content, DeliveryOptions.DEFAULT);
        assertTrue(r.allDelivered());
        assertEquals(1, memory.sent().size());
        assertEquals("relay.test", memory.sent().get(0).host());
        assertTrue(resolver.asked.isEmpty());
    }

    @Test
    void routeOverridesDnsAndMxPortAppliesToDnsHosts() {
        List<SendRequest> seen = Collections.synchronizedList(new ArrayList<>());
        Transport recording = new Transport() {
            @Override
            public DeliveryReport send(SendRequest request) throws SendMailException {
                seen.add(request);
                return memory.send(request);
            }

            @Override
            public void close() {
            }
        };
        Sender s = Sender.builder().transport(recording).resolver(resolver).route("b.test", MailHost.parse("gw:2525"))
                .mxPort(2526).build();
        assertTrue(s.send(Envelope.of("s@x.test", "u@a.test", "u@b.test"), content, DeliveryOptions.DEFAULT)
                .allDelivered());
        assertEquals(List.of("a.test"), resolver.asked);
        Map<String, Integer> ports = new HashMap<>();
        for (SendRequest q : seen) {
            ports.put(q.host().name(), q.host().port().orElse(-1));
        }
        assertEquals(Map.of("mx1.a.test", 2526, "gw", 2525), ports);
    }

    @Test
    void addressLiteralNeedsNoResolver() {
        DeliveryReport r = direct().send(Envelope.of("s@x.test", "u@[192.0.2.7]"), content, DeliveryOptions.DEFAULT);
        assertTrue(r.allDelivered());
        assertEquals("192.0.2.7", memory.sent().get(0).host());
        assertTrue(resolver.asked.isEmpty());
    }

    @Test
    void deadlinePassedDefersWithoutTrying() {
        Clock frozen = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Clock[] now = {frozen};
        Clock moving = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId z) { return this; }
            @Override public Instant instant() {
                Instant i = now[0].instant();
                now[0] = Clock.fixed(i.plusSeconds(61), ZoneOffset.UTC);
                return i;
            }
        };
        Sender s = Sender.builder().transport(memory).resolver(resolver).clock(moving)
                .deadline(Duration.ofSeconds(60)).build();
        RecipientOutcome o = s.send(Envelope.of("s@x.test", "u@a.test"), content, DeliveryOptions.DEFAULT)
                .outcomes().get(0);
        assertEquals(DeliveryStatus.DEFERRED, o.status());
        assertTrue(o.detail().contains("deadline"), o.detail());
        assertTrue(memory.sent().isEmpty());
    }

    @Test
    void domainsAreDeliveredConcurrently() throws Exception {
        java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
        Transport waiting = new Transport() {
            @Override
            public DeliveryReport send(SendRequest request) throws SendMailException {
                both.countDown();
                try {
                    if (!both.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new ConnectionFailedException("the other domain never started", Phase.CONNECT,
                                request.host().name(), null);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return memory.send(request);
            }

            @Override
            public void close() {
            }
        };
        Sender s = Sender.builder().transport(waiting).resolver(resolver).concurrency(2).build();
        assertTrue(s.send(Envelope.of("s@x.test", "u@a.test", "u@b.test"), content, DeliveryOptions.DEFAULT)
                .allDelivered());
    }

    @Test
    void planShowsRoutesAndFailuresWithoutSending() {
        resolver.fail("null.test", ResolutionFailedException.Reason.NULL_MX);
        List<Sender.RoutePlan> plan = direct().plan(Envelope.of("s@x.test", "u@a.test", "v@null.test"));
        assertEquals(2, plan.size());
        assertEquals(List.of("mx1.a.test", "mx2.a.test"),
                plan.get(0).route().orElseThrow().hosts().stream().map(MailHost::name).toList());
        assertEquals(ResolutionFailedException.Reason.NULL_MX, plan.get(1).failure().orElseThrow().reason());
        assertTrue(memory.sent().isEmpty());
    }

    /** A transport that throws an unchecked exception: whatever the number of domains, every recipient is deferred. */
    private static final class ThrowingTransport implements Transport {
        final IllegalStateException bug = new IllegalStateException("bug in the transport");

        @Override
        public DeliveryReport send(SendRequest request) {
            throw bug;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aRuntimeExceptionFromTheTransportDefersOneDomainAsItDoesSeveral() {
        for (String[] recipients : List.of(new String[] {"u@a.test"}, new String[] {"u@a.test", "u@b.test"})) {
            ThrowingTransport throwing = new ThrowingTransport();
            Sender s = Sender.builder().transport(throwing).resolver(resolver).concurrency(2).build();
            DeliveryReport r = s.send(Envelope.of("s@x.test", recipients), content, DeliveryOptions.DEFAULT);
            assertEquals(recipients.length, r.outcomes().size());
            for (RecipientOutcome o : r.outcomes()) {
                assertEquals(DeliveryStatus.DEFERRED, o.status(), o.toString());
                assertTrue(o.detail().contains("bug in the transport"), o.detail());
                assertEquals(throwing.bug, o.failure().orElseThrow().getCause(), "the cause is kept for the trace");
            }
        }
    }

    @Test
    void credentialsAreOfferedOnlyToTheSmartHostAndRoutesWithCredentials() {
        List<SendRequest> seen = Collections.synchronizedList(new ArrayList<>());
        Transport recording = new Transport() {
            @Override
            public DeliveryReport send(SendRequest request) throws SendMailException {
                seen.add(request);
                return memory.send(request);
            }

            @Override
            public void close() {
            }
        };
        resolver.mx("c.test", "mx.c.test");
        Sender direct = Sender.builder().transport(recording).resolver(resolver)
                .route("b.test", MailHost.parse("gw.test")).routeWithCredentials("c.test", MailHost.parse("auth.test"))
                .build();
        assertTrue(direct.send(Envelope.of("s@x.test", "u@a.test", "u@b.test", "u@c.test"), content,
                DeliveryOptions.DEFAULT).allDelivered());
        Map<String, Boolean> offered = new HashMap<>();
        for (SendRequest q : seen) {
            offered.put(q.host().name(), q.offerCredentials());
        }
        assertEquals(Map.of("mx1.a.test", false, "gw.test", false, "auth.test", true), offered);

        seen.clear();
        Sender relay = Sender.builder().transport(recording).smartHost(MailHost.parse("relay.test")).build();
        assertTrue(relay.send(Envelope.of("s@x.test", "u@a.test"), content, DeliveryOptions.DEFAULT).allDelivered());
        assertTrue(seen.get(0).offerCredentials(), "the smart host is offered the credentials");
    }

    @Test
    void recipientVerificationNeverOffersTheCredentialsToAHostFromDns() {
        List<dev.sendmail.spi.VerifyRequest> seen = Collections.synchronizedList(new ArrayList<>());
        Transport recording = new Transport() {
            @Override
            public DeliveryReport send(SendRequest request) throws SendMailException {
                return memory.send(request);
            }

            @Override
            public DeliveryReport verify(dev.sendmail.spi.VerifyRequest request) {
                seen.add(request);
                return new DeliveryReport(request.envelope().recipients().stream()
                        .map(r -> RecipientOutcome.delivered(r, SmtpReply.of(250, "ok"), request.host().name()))
                        .toList());
            }

            @Override
            public void close() {
            }
        };
        Sender.builder().transport(recording).resolver(resolver).build()
                .verify(Envelope.of("s@x.test", "u@a.test"), false);
        Sender.builder().transport(recording).smartHost(MailHost.parse("relay.test")).build()
                .verify(Envelope.of("s@x.test", "u@a.test"), false);
        assertEquals(List.of(false, true), seen.stream().map(dev.sendmail.spi.VerifyRequest::offerCredentials).toList());
    }
}
