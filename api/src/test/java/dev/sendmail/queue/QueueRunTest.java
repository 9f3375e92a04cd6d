package dev.sendmail.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A queue run delivers through the recorded route and keeps every message some recipient will never get. */
class QueueRunTest {

    @TempDir
    Path dir;

    private final MailQueueTest.MutableClock clock = new MailQueueTest.MutableClock(
            java.time.Instant.parse("2026-11-28T12:00:00Z"));
    private static final QueueRoute ROUTE = QueueRoute.builder().smartHost(MailHost.of("relay.test", 2525))
            .account("work").authUser("alice").passwordSource("file:/home/a/pw").build();
    private static final byte[] MESSAGE = "From: s@x.test\r\nSubject: the original\r\n\r\nbody\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    /** Answers each recipient with a scripted reply (250 when none); records everything it is given. */
    static final class Scripted implements QueueDelivery {
        final Map<String, SmtpReply> replies = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        final List<Optional<QueueRoute>> routes = new ArrayList<>();
        final List<String> contents = new ArrayList<>();
        RouteUnavailableException unavailable;

        @Override
        public DeliveryReport deliver(Optional<QueueRoute> route, Envelope envelope, MessageContent content,
                                      DeliveryOptions options) throws RouteUnavailableException {
            if (unavailable != null) {
                throw unavailable;
            }
            routes.add(route);
            calls.add(envelope.reversePath() + " -> " + envelope.recipients());
            try (InputStream in = content.open()) {
                contents.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            List<RecipientOutcome> out = new ArrayList<>();
            for (Mailbox r : envelope.recipients()) {
                SmtpReply reply = replies.getOrDefault(r.address(), SmtpReply.of(250, "2.0.0 Ok"));
                out.add(reply.isPositive() ? RecipientOutcome.delivered(r, reply, "relay.test")
                        : RecipientOutcome.of(r, new SmtpRejectedException(reply, Phase.RCPT, "relay.test")));
            }
            return new DeliveryReport(out);
        }
    }

    private MailQueue queue(boolean bounces) throws Exception {
        return MailQueue.builder(dir).clock(clock).bounces(bounces).reportingHost("host.test").open();
    }

    /** Queues a message whose first attempt deferred every recipient. */
    private String enqueue(MailQueue q, String sender, String... recipients) throws Exception {
        Envelope env = Envelope.of(sender, recipients);
        try (QueueClaim claim = q.accept(env, MessageContent.of(MESSAGE), DeliveryOptions.DEFAULT, ROUTE)) {
            List<RecipientOutcome> out = new ArrayList<>();
            for (Mailbox r : env.recipients()) {
                out.add(RecipientOutcome.of(r, new SmtpRejectedException(SmtpReply.of(421, "4.3.0 down"), Phase.CONNECT,
                        "relay.test")));
            }
            claim.record(new DeliveryReport(out));
            return claim.id();
        }
    }

    private List<String> failedFiles() throws Exception {
        Path failed = dir.resolve("failed");
        if (!Files.exists(failed)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(failed)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theRunDeliversThroughTheRouteTheEntryRecorded() throws Exception {
        MailQueue q = queue(true);
        enqueue(q, "s@x.test", "a@y.test");
        Scripted d = new Scripted();
        QueueRun run = q.flush(d);
        assertEquals(1, run.count(EntryReport.Result.DELIVERED), run.toString());
        assertEquals(List.of(Optional.of(ROUTE)), d.routes);
    }

    @Test
    void anEntryWhoseRouteCannotBeRebuiltStaysQueuedUntouched() throws Exception {
        MailQueue q = queue(true);
        String id = enqueue(q, "s@x.test", "a@y.test");
        byte[] before = Files.readAllBytes(dir.resolve(id + ".entry"));
        Scripted d = new Scripted();
        d.unavailable = new RouteUnavailableException("account work is gone from the configuration", false);
        QueueRun run = q.flush(d);
        assertEquals(1, run.count(EntryReport.Result.ROUTE_UNAVAILABLE), run.toString());
        assertEquals(List.of("account work is gone from the configuration; it stays queued"), run.lines());
        assertEquals(new String(before, StandardCharsets.UTF_8),
                Files.readString(dir.resolve(id + ".entry")), "not even the attempt count changes");
        assertTrue(d.calls.isEmpty());
    }

    @Test
    void aPermanentFailureSendsADeliveryStatusNotificationThroughTheSameRoute() throws Exception {
        MailQueue q = queue(true);
        enqueue(q, "s@x.test", "gone@y.test", "ok@y.test");
        Scripted d = new Scripted();
        d.replies.put("gone@y.test", SmtpReply.of(550, "5.1.1 no such user"));
        QueueRun run = q.flush(d);
        assertEquals(1, run.count(EntryReport.Result.FAILED), run.toString());
        assertEquals(List.of("<s@x.test> -> [gone@y.test, ok@y.test]", "<> -> [s@x.test]"), d.calls);
        assertEquals(List.of(Optional.of(ROUTE), Optional.of(ROUTE)), d.routes, "the notice takes the same route");
        String dsn = d.contents.get(1);
        assertTrue(dsn.contains("Content-Type: multipart/report; report-type=delivery-status;"), dsn);
        assertTrue(dsn.contains("Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; host.test\r\n"), dsn);
        assertTrue(dsn.contains("Final-Recipient: rfc822; gone@y.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 no such user\r\n"), dsn);
        assertFalse(dsn.contains("ok@y.test"), "only the failed recipient is reported: " + dsn);
        assertTrue(dsn.contains("Content-Type: text/rfc822-headers\r\n\r\nFrom: s@x.test\r\nSubject: the original\r\n"),
                dsn);
        assertTrue(run.lines().stream().anyMatch(l -> l.endsWith("delivery status notification sent to s@x.test")),
                run.lines().toString());
        assertEquals(List.of(), failedFiles());
        assertTrue(q.list().isEmpty());
    }

    @Test
    void whenTheNoticeCannotBeSentTheMessageIsKeptInFailedWithTheReason() throws Exception {
        MailQueue q = queue(true);
        String id = enqueue(q, "s@x.test", "gone@y.test");
        Scripted d = new Scripted();
        d.replies.put("gone@y.test", SmtpReply.of(550, "5.1.1 no such user"));
        d.replies.put("s@x.test", SmtpReply.of(451, "4.3.0 not now"));
        QueueRun run = q.flush(d);
        assertEquals(List.of(id + ".2.msg", id + ".2.reason"), failedFiles(), run.toString());
        assertEquals(new String(MESSAGE, StandardCharsets.US_ASCII),
                Files.readString(dir.resolve("failed/" + id + ".2.msg")));
        String reason = Files.readString(dir.resolve("failed/" + id + ".2.reason"));
        assertTrue(reason.contains("failed: gone@y.test 5.1.1 ") && reason.contains("4.3.0 not now"), reason);
        assertTrue(q.list().isEmpty());
    }

    @Test
    void withBouncesOffOrANullSenderTheMessageGoesToFailed() throws Exception {
        MailQueue q = queue(false);
        String a = enqueue(q, "s@x.test", "gone@y.test");
        Scripted d = new Scripted();
        d.replies.put("gone@y.test", SmtpReply.of(550, "5.1.1 no such user"));
        q.flush(d);
        assertEquals(List.of("<s@x.test> -> [gone@y.test]"), d.calls, "no notice when bounces are off");
        assertTrue(Files.readString(dir.resolve("failed/" + a + ".2.reason")).contains("bounces are off"));

        MailQueue on = queue(true);
        String b = enqueue(on, "<>", "gone@y.test");
        on.flush(d);
        assertTrue(Files.readString(dir.resolve("failed/" + b + ".2.reason")).contains("null sender"));
        assertEquals(2, d.calls.size(), "a message from the null sender is never bounced: " + d.calls);
    }

    @Test
    void expiryIsAPermanentFailureLikeAnyOther() throws Exception {
        MailQueue q = queue(true);
        enqueue(q, "s@x.test", "a@y.test");
        clock.now = clock.now.plus(Duration.ofDays(6));
        Scripted d = new Scripted();
        QueueRun run = q.run(d);
        assertEquals(List.of("<> -> [s@x.test]"), d.calls, "an expired message is not tried again, its sender told");
        assertTrue(d.contents.get(0).contains("Final-Recipient: rfc822; a@y.test\r\nAction: failed\r\nStatus: 4.4.7"),
                d.contents.get(0));
        assertEquals(1, run.count(EntryReport.Result.FAILED));
    }

    @Test
    void anEntryWhoseOutcomeCannotBeRecordedStaysAsItWasAndTheRunGoesOnAndNamesWhoItWouldResendTo()
            throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem();
        MailQueue q = MailQueue.builder(fs.wrap(dir)).clock(clock).bounces(false).reportingHost("host.test").open();
        String first = enqueue(q, "s@x.test", "a@y.test", "b@y.test");
        String second = enqueue(q, "s@x.test", "c@y.test");
        Scripted d = new Scripted();
        d.replies.put("b@y.test", SmtpReply.of(451, "4.3.0 later"));
        QueueRun run = q.flush((route, envelope, content, options) -> {
            fs.fail(FaultyFileSystem.Fault.FULL);
            return d.deliver(route, envelope, content, options);
        });
        fs.fail(FaultyFileSystem.Fault.NONE);
        assertEquals(List.of(first, second), run.entries().stream().map(EntryReport::id).toList(), run.toString());
        EntryReport unrecorded = run.entries().get(0);
        assertEquals(EntryReport.Result.UNRECORDED, unrecorded.result());
        assertTrue(unrecorded.needsAttention());
        assertEquals(EntryReport.Result.DELIVERED, run.entries().get(1).result(), "removing works on a full disk");
        assertEquals(dev.sendmail.local.ExitCodes.CANT_CREATE, dev.sendmail.local.ExitCodes.forQueueRun(run));
        List<String> lines = unrecorded.lines();
        assertTrue(lines.get(0).startsWith("a@y.test: delivered") && lines.get(1).startsWith("b@y.test: deferred"),
                lines.toString());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("could not record the outcome (") && last.contains("No space left on device")
                && last.contains("sends the message again to a@y.test (delivered);")
                && last.contains("send " + dir.resolve(first + ".msg") + " yourself to b@y.test alone"), last);
        assertEquals(List.of(first), q.list().stream().map(QueueEntry::id).toList());
        assertEquals(List.of(Mailbox.parse("a@y.test"), Mailbox.parse("b@y.test")), q.list().get(0).pending(),
                "as it was before the run");
    }

    @Test
    void aRecipientThatFailedStaysQueuedWhenItsCopyCannotBeKept() throws Exception {
        MailQueue q = queue(false);
        Files.writeString(dir.resolve("failed"), "not a directory");
        enqueue(q, "s@x.test", "a@y.test", "gone@y.test");
        Scripted d = new Scripted();
        d.replies.put("gone@y.test", SmtpReply.of(550, "5.1.1 no such user"));
        QueueRun run = q.flush(d);
        assertEquals(1, run.count(EntryReport.Result.NOT_KEPT), run.toString());
        assertTrue(run.entries().get(0).needsAttention(), "a run that can neither bounce nor keep is not routine");
        assertEquals(73, dev.sendmail.local.ExitCodes.forQueueRun(run));
        assertTrue(run.lines().stream().anyMatch(l -> l.startsWith("could not keep the message for the recipients"
                + " that failed (") && l.endsWith("): they stay queued")), run.lines().toString());
        QueueEntry left = q.list().get(0);
        assertEquals(List.of(Mailbox.parse("gone@y.test")), left.pending(), "not lost: a later run tries again");
        assertEquals(QueueEntry.State.DELIVERED, left.recipients().get(0).state());
    }
}
