package dev.sendmail.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.testkit.FaultyFileSystem;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailQueueTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final RetryPolicy policy = new RetryPolicy(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(5));
    static final QueueRoute ROUTE = QueueRoute.builder().smartHost(dev.sendmail.api.MailHost.of("relay.test", 2525))
            .authUser("u").passwordSource("file:/p").build();

    private final byte[] message = "Subject: queued\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    /** Delivers to the recipients in {@code accept}, defers the rest, and records every call. */
    static class Recorder implements QueueDelivery {
        final Set<String> accept;
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final List<byte[]> contents = Collections.synchronizedList(new ArrayList<>());

        Recorder(Set<String> accept) {
            this.accept = accept;
        }

        final List<Optional<QueueRoute>> routes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public DeliveryReport deliver(Optional<QueueRoute> route, Envelope envelope, MessageContent content,
                                      DeliveryOptions options) throws RouteUnavailableException {
            routes.add(route);
            return deliver(envelope, content, options);
        }

        DeliveryReport deliver(Envelope envelope, MessageContent content, DeliveryOptions options) {
            calls.add(envelope.reversePath() + " -> " + envelope.recipients());
            try (InputStream in = content.open()) {
                contents.add(in.readAllBytes());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            List<RecipientOutcome> outcomes = new ArrayList<>();
            for (Mailbox r : envelope.recipients()) {
                outcomes.add(accept.contains(r.address())
                        ? RecipientOutcome.delivered(r, SmtpReply.of(250, "2.0.0 Ok"), "mx.test")
                        : RecipientOutcome.of(r, new SmtpRejectedException(SmtpReply.of(451, "4.3.0 later"),
                                Phase.RCPT, "mx.test")));
            }
            return new DeliveryReport(outcomes);
        }
    }

    private DeliveryReport firstAttempt(Envelope env, Set<String> delivered) {
        return new Recorder(delivered).deliver(env, MessageContent.of(message), DeliveryOptions.DEFAULT);
    }

    /** Accepts a message the way the CLI does, then records a first attempt that delivered {@code delivered}. */
    private String enqueue(MailQueue q, Envelope env, Set<String> delivered) throws Exception {
        try (QueueClaim claim = q.accept(env, MessageContent.of(message), DeliveryOptions.DEFAULT, ROUTE)) {
            claim.record(firstAttempt(env, delivered));
            return claim.id();
        }
    }

    @Test
    void acceptedMessageSurvivesACrashBeforeAnyAttemptIsRecorded() throws Exception {
        Envelope env = Envelope.of("s@x.test", "a@y.test");
        MailQueue q = queue();
        QueueClaim claim = q.accept(env, MessageContent.of(message), DeliveryOptions.DEFAULT, ROUTE);
        Recorder meanwhile = new Recorder(Set.of("a@y.test"));
        assertEquals(1, queue().flush(meanwhile).skipped(), "a claimed entry is left to its owner");
        assertTrue(meanwhile.calls.isEmpty());
        claim.close(); // the process dies here: no outcome was recorded
        Recorder later = new Recorder(Set.of("a@y.test"));
        QueueRun run = queue().run(later);
        assertEquals(1, run.finished(), "a message accepted but never attempted is due at once");
        assertArrayEquals(message, later.contents.get(0));
    }

    private MailQueue queue() throws Exception {
        return MailQueue.builder(dir).clock(clock).retryPolicy(policy).bounces(false).open();
    }

    @Test
    void deliveredRecipientsAreNeverRetriedAndTheEntryLeavesWhenDone() throws Exception {
        Envelope env = Envelope.of("s@x.test", "a@y.test", "b@y.test");
        MailQueue q = queue();
        String id = enqueue(q, env, Set.of("a@y.test"));
        assertEquals(List.of(Mailbox.parse("b@y.test")), q.list().get(0).pending());
        q.run(new Recorder(Set.of()));

        Recorder notDue = new Recorder(Set.of("b@y.test"));
        QueueRun early = q.run(notDue);
        assertEquals(0, early.tried());
        assertEquals(1, early.skipped());
        assertTrue(notDue.calls.isEmpty(), "an entry that is not due is not tried");

        clock.now = clock.now.plus(Duration.ofMinutes(6));
        Recorder later = new Recorder(Set.of("b@y.test"));
        QueueRun run = q.run(later);
        assertEquals(List.of("<s@x.test> -> [b@y.test]"), later.calls, "only the pending recipient is tried");
        assertArrayEquals(message, later.contents.get(0), "the queued message is byte for byte the original");
        assertEquals(1, run.finished());
        assertTrue(q.list().isEmpty());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no file of the entry is left: " + id);
        }
    }

    @Test
    void backOffGrowsAndFlushIgnoresIt() throws Exception {
        Envelope env = Envelope.of("s@x.test", "a@y.test");
        MailQueue q = queue();
        enqueue(q, env, Set.of());
        assertEquals(clock.now, q.list().get(0).nextAttempt(), "the first queue run after queueing tries it");
        q.run(new Recorder(Set.of()));
        assertEquals(2, q.list().get(0).attempts());
        assertEquals(clock.now.plus(Duration.ofMinutes(5)), q.list().get(0).nextAttempt());
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        q.run(new Recorder(Set.of()));
        assertEquals(3, q.list().get(0).attempts());
        assertEquals(clock.now.plus(Duration.ofMinutes(10)), q.list().get(0).nextAttempt());
        Recorder flush = new Recorder(Set.of("a@y.test"));
        assertEquals(1, q.flush(flush).finished());
        assertEquals(1, flush.calls.size());
    }

    @Test
    void expiredEntriesFailAndBounceToTheSender() throws Exception {
        Envelope env = Envelope.of("s@x.test", "a@y.test");
        MailQueue q = queue();
        enqueue(q, env, Set.of());
        clock.now = clock.now.plus(Duration.ofDays(6));
        Recorder r = new Recorder(Set.of("s@x.test"));
        QueueRun run = MailQueue.builder(dir).clock(clock).retryPolicy(policy).open().run(r);
        assertEquals(1, run.finished());
        assertEquals(List.of("<> -> [s@x.test]"), r.calls, "the bounce goes from the null sender to the sender");
        String bounce = new String(r.contents.get(0), StandardCharsets.UTF_8);
        assertTrue(bounce.contains("a@y.test") && bounce.contains("Subject: queued"), bounce);
        assertTrue(run.lines().stream().anyMatch(l -> l.contains("failed: gave up")), run.lines().toString());
    }

    @Test
    void corruptEntriesAreMovedAsideAndTheRunGoesOn() throws Exception {
        Envelope env = Envelope.of("s@x.test", "a@y.test");
        MailQueue q = queue();
        enqueue(q, env, Set.of());
        Files.writeString(dir.resolve("0000-bad.entry"), "garbage\n");
        Files.writeString(dir.resolve("0000-bad.msg"), "x");
        QueueRun run = q.flush(new Recorder(Set.of("a@y.test")));
        assertEquals(1, run.corrupt().size());
        assertTrue(run.corrupt().get(0).contains("line 1"), run.corrupt().get(0));
        assertTrue(Files.exists(dir.resolve("corrupt/0000-bad.entry")));
        assertEquals(1, run.finished());
    }

    @Test
    void twoRunsAtOnceNeverSendTheSameMessageTwice() throws Exception {
        Envelope env = Envelope.of("s@x.test", "a@y.test");
        MailQueue q = queue();
        enqueue(q, env, Set.of());
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder slow = new Recorder(Set.of("a@y.test")) {
            @Override
            DeliveryReport deliver(Envelope e, MessageContent c, DeliveryOptions o) {
                inside.countDown();
                try {
                    assertTrue(release.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return super.deliver(e, c, o);
            }
        };
        QueueRun[] first = new QueueRun[1];
        Thread t = new Thread(() -> {
            try {
                first[0] = queue().flush(slow);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        Recorder second = new Recorder(Set.of("a@y.test"));
        QueueRun other = queue().flush(second);
        release.countDown();
        t.join(10_000);
        assertEquals(1, other.skipped());
        assertTrue(second.calls.isEmpty(), "the second run must not send a message another run holds");
        assertEquals(1, first[0].finished());
        assertEquals(1, slow.calls.size());
    }

    /** A message whose reading fails after some octets, or that runs {@code atEnd} once read to its end. */
    private static MessageContent content(boolean failing, Runnable atEnd) {
        byte[] text = "Subject: s\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII);
        return new MessageContent() {
            @Override
            public InputStream open() {
                return new java.io.FilterInputStream(new java.io.ByteArrayInputStream(text)) {
                    @Override
                    public int read(byte[] b, int off, int len) throws java.io.IOException {
                        int n = super.read(b, off, len);
                        if (n < 0) {
                            if (failing) {
                                throw new java.io.IOException("spool file lost");
                            }
                            atEnd.run();
                        }
                        return n;
                    }
                };
            }

            @Override
            public java.util.OptionalLong size() {
                return java.util.OptionalLong.of(text.length);
            }
        };
    }

    private static List<String> names(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aMessageThatCannotBeQueuedLeavesNoFileBehind() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem();
        MailQueue q = MailQueue.open(fs.wrap(dir));
        QueueRoute route = QueueRoute.builder().smartHost(dev.sendmail.api.MailHost.of("relay.test")).build();
        Envelope env = Envelope.of("a@a.test", "b@b.test");
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> q.accept(env, content(true, () -> { }), DeliveryOptions.DEFAULT, route));
        assertEquals(List.of(), names(dir), "a message that could not be read whole leaves no temporary file");
        java.io.IOException full = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> q.accept(env, content(false, () -> fs.fail(FaultyFileSystem.Fault.FULL)),
                        DeliveryOptions.DEFAULT, route));
        fs.fail(FaultyFileSystem.Fault.NONE);
        assertTrue(full.getMessage().contains("No space left on device"), full.getMessage());
        assertEquals(List.of(), names(dir), "the message written before the entry failed is removed, and its lock");
    }
}
