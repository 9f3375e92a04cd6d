package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import dev.sendmail.testkit.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenderRateLimitTest {

    private final RateGateTest.FakeClock clock = new RateGateTest.FakeClock();
    private final RecordingListener listener = new RecordingListener();
    private final MessageContent content = MessageContent.of("Subject: t\r\n\r\nhello\r\n");

    /** Answers the first {@code refusals} transactions with {@code reply} (at MAIL or CONNECT), then accepts. */
    private final class ThrottlingTransport implements Transport {
        final List<String> hosts = new ArrayList<>();
        final List<Instant> times = new ArrayList<>();
        final SmtpReply reply;
        final boolean atGreeting;
        int refusals;

        ThrottlingTransport(int refusals, SmtpReply reply, boolean atGreeting) {
            this.refusals = refusals;
            this.reply = reply;
            this.atGreeting = atGreeting;
        }

        @Override
        public DeliveryReport send(SendRequest request) throws SendMailException {
            hosts.add(request.host().name());
            times.add(clock.instant());
            List<RecipientOutcome> out = new ArrayList<>();
            if (refusals-- > 0) {
                SmtpRejectedException e = new SmtpRejectedException(reply, atGreeting ? Phase.GREETING : Phase.MAIL,
                        request.host().name());
                if (atGreeting) {
                    throw e;
                }
                for (Mailbox r : request.envelope().recipients()) {
                    out.add(RecipientOutcome.of(r, e));
                }
            } else {
                for (Mailbox r : request.envelope().recipients()) {
                    out.add(RecipientOutcome.delivered(r, SmtpReply.of(250, "2.0.0 Ok"), request.host().name()));
                }
            }
            return new DeliveryReport(out);
        }

        @Override
        public void close() {
        }
    }

    private Sender sender(Transport t, RateLimit limit, String... hosts) {
        List<MailHost> list = new ArrayList<>();
        for (String h : hosts) {
            list.add(MailHost.of(h));
        }
        return Sender.builder().transport(t).smartHosts(new dev.sendmail.spi.MailRoute("*",
                dev.sendmail.spi.MailRoute.Kind.STATIC, list)).clock(clock).sleeper(clock::sleepUntil)
                .listener(listener).rateLimit(limit).build();
    }

    private static Envelope envelope() {
        return Envelope.of(Mailbox.parse("me@example.org"), List.of(Mailbox.parse("you@example.net")));
    }

    @Test
    void theSenderStartsTransactionsAtTheConfiguredPace() {
        ThrottlingTransport t = new ThrottlingTransport(0, null, false);
        Sender s = sender(t, RateLimit.parse("5/s"), "relay.test");
        Instant t0 = clock.instant();
        for (int i = 0; i < 4; i++) {
            assertTrue(s.send(envelope(), content, DeliveryOptions.DEFAULT).outcomes().get(0).isDelivered());
        }
        assertEquals(List.of(t0, t0.plusMillis(200), t0.plusMillis(400), t0.plusMillis(600)), t.times);
    }

    @Test
    void aThrottledMessageIsRetriedAtTheSameHostMoreSlowlyAndDelivered() {
        ThrottlingTransport t = new ThrottlingTransport(3, SmtpReply.of(454, "4.7.0 Throttling"), false);
        Sender s = sender(t, RateLimit.parse("5/s"), "relay.test", "second.test");
        DeliveryReport r = s.send(envelope(), content, DeliveryOptions.DEFAULT);
        assertTrue(r.outcomes().get(0).isDelivered(), r.toString());
        assertEquals(List.of("relay.test", "relay.test", "relay.test", "relay.test"), t.hosts);
        Instant t0 = t.times.get(0);
        // halved three times: 400, 800, 1600 ms between the tries
        assertEquals(List.of(t0, t0.plusMillis(400), t0.plusMillis(1200), t0.plusMillis(2800)), t.times);
        assertTrue(listener.lines().stream().anyMatch(l -> l.contains("throttled (454 4.7.0 Throttling)")
                && l.contains("slowing down to one transaction every 400 ms")), listener.lines().toString());
    }

    @Test
    void aRateLimitReplyToTheGreetingIsAlsoRetried() {
        ThrottlingTransport t = new ThrottlingTransport(1,
                SmtpReply.of(421, "4.7.28 Our system has detected an unusual rate of mail"), true);
        Sender s = sender(t, null, "relay.test", "second.test");
        DeliveryReport r = s.send(envelope(), content, DeliveryOptions.DEFAULT);
        assertTrue(r.outcomes().get(0).isDelivered(), r.toString());
        assertEquals(List.of("relay.test", "relay.test"), t.hosts);
        assertEquals(HostPace.THROTTLED_FLOOR.multipliedBy(2), Duration.between(t.times.get(0), t.times.get(1)));
    }

    @Test
    void aHostThatKeepsThrottlingIsLeftForTheNextAndTheMessageIsDeferredNotFailed() {
        ThrottlingTransport t = new ThrottlingTransport(1000, SmtpReply.of(451, "4.7.1 Rate limit exceeded"), false);
        Sender s = sender(t, RateLimit.parse("5/s"), "relay.test", "second.test");
        DeliveryReport r = s.send(envelope(), content, DeliveryOptions.DEFAULT);
        assertEquals(DeliveryStatus.DEFERRED, r.outcomes().get(0).status(), r.toString());
        assertEquals(2 * (Sender.MAX_THROTTLE_RETRIES + 1), t.hosts.size());
        assertEquals("second.test", t.hosts.get(t.hosts.size() - 1));
    }

    @Test
    void aThrottledMessageWhoseNextSlotComesAfterTheDeadlineIsDeferred() {
        ThrottlingTransport t = new ThrottlingTransport(1000, SmtpReply.of(454, "4.7.0 Throttling"), false);
        Sender s = Sender.builder().transport(t).smartHost(MailHost.of("relay.test")).clock(clock)
                .sleeper(clock::sleepUntil).rateLimit(RateLimit.parse("1/min")).deadline(Duration.ofMinutes(3))
                .listener(listener).build();
        DeliveryReport r = s.send(envelope(), content, DeliveryOptions.DEFAULT);
        assertEquals(DeliveryStatus.DEFERRED, r.outcomes().get(0).status(), r.toString());
        // 0, then 2 min (halved): the third slot would be after the deadline
        assertEquals(2, t.hosts.size());
        assertTrue(listener.lines().stream().anyMatch(l -> l.contains("comes after the deadline")),
                listener.lines().toString());
    }

    @Test
    void aTemporaryReplyThatIsNotAboutRateMovesOnAsBefore() {
        ThrottlingTransport t = new ThrottlingTransport(1, SmtpReply.of(451, "4.3.0 Local error; try again"), false);
        Sender s = sender(t, null, "relay.test", "second.test");
        DeliveryReport r = s.send(envelope(), content, DeliveryOptions.DEFAULT);
        assertTrue(r.outcomes().get(0).isDelivered());
        assertEquals(List.of("relay.test", "second.test"), t.hosts);
        assertFalse(listener.lines().stream().anyMatch(l -> l.contains("throttled")));
    }

    @Test
    void whatCountsAsThrottling() {
        String[] yes = {"421 4.7.0 Try again later, closing connection. (rate limited)", "454 4.7.0 Throttling",
                "451 4.7.1 Rate limit exceeded", "454 Throttling failure: Maximum sending rate exceeded",
                "421 4.3.2 THROTTLED"};
        String[] no = {"450 4.7.1 Rate limit exceeded", "452 4.2.2 Rate of mail too high", "451 4.3.0 Separate issue",
                "421 4.3.2 Service not available", "554 5.7.0 Throttling"};
        for (String s : yes) {
            assertTrue(FailureRules.isThrottle(rejected(s)), s);
        }
        for (String s : no) {
            assertFalse(FailureRules.isThrottle(rejected(s)), s);
        }
    }

    private static SmtpRejectedException rejected(String line) {
        int code = Integer.parseInt(line.substring(0, 3));
        return new SmtpRejectedException(SmtpReply.of(code, line.substring(4)), Phase.MAIL, "h");
    }
}
