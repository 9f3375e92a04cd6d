package dev.sendmail.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MessageContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueListingTest {

    @TempDir
    Path dir;

    private final byte[] message = "Subject: queued\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    private MailQueue queue() throws Exception {
        return MailQueue.builder(dir).clock(new MailQueueTest.MutableClock(Instant.parse("2026-11-28T12:00:00Z")))
                .retryPolicy(new RetryPolicy(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(5)))
                .bounces(false).open();
    }

    /** One message from s@x.test: a@y.test delivered, b@y.test deferred. */
    private QueueEntry enqueue(MailQueue q) throws Exception {
        Envelope env = Envelope.of("s@x.test", "a@y.test", "b@y.test");
        try (QueueClaim claim = q.accept(env, MessageContent.of(message), DeliveryOptions.DEFAULT,
                MailQueueTest.ROUTE)) {
            claim.record(new MailQueueTest.Recorder(Set.of("a@y.test")).deliver(env, MessageContent.of(message),
                    DeliveryOptions.DEFAULT));
        }
        return q.list().get(0);
    }

    @Test
    void anEmptyQueueSaysSoAsTextAndIsNothingAsJson() throws Exception {
        MailQueue q = queue();
        assertEquals(List.of("Mail queue is empty"), QueueListing.text(q));
        assertEquals(List.of(), QueueListing.json(q));
    }

    @Test
    void theTextListsEachMessageWithOnlyItsPendingRecipientsAndCountsThem() throws Exception {
        MailQueue q = queue();
        QueueEntry e = enqueue(q);
        String deferred = e.recipients().get(1).detail();
        assertTrue(deferred.contains("451 4.3.0 later"), deferred);
        List<String> lines = QueueListing.text(q);
        assertEquals(6, lines.size(), lines.toString());
        assertEquals("Queue ID                                Size Next attempt         Sender/Recipient",
                lines.get(0));
        assertTrue(lines.get(1).matches(Pattern.quote(String.format("%-34s", e.id()))
                + "        25 2026-11-28 \\d\\d:\\d\\d:\\d\\d  s@x\\.test"), lines.get(1));
        assertEquals(" ".repeat(66) + " (" + deferred + ")", lines.get(2));
        assertEquals(" ".repeat(66) + " b@y.test", lines.get(3));
        assertEquals("", lines.get(4));
        assertEquals("-- 1 message in queue", lines.get(5));
    }

    @Test
    void theJsonGivesEveryRecipientWithItsStateAndDetail() throws Exception {
        MailQueue q = queue();
        QueueEntry e = enqueue(q);
        String delivered = e.recipients().get(0).detail();
        String deferred = e.recipients().get(1).detail();
        assertEquals(List.of("{\"queue_id\":\"" + e.id() + "\",\"size\":25,\"created\":\"2026-11-28T12:00:00Z\","
                + "\"next_attempt\":\"" + e.nextAttempt() + "\",\"attempts\":1,\"sender\":\"s@x.test\",\"recipients\":["
                + "{\"recipient\":\"a@y.test\",\"state\":\"delivered\",\"detail\":\"" + delivered + "\"},"
                + "{\"recipient\":\"b@y.test\",\"state\":\"pending\",\"detail\":\"" + deferred + "\"}]}"),
                QueueListing.json(q));
    }

    @Test
    void aStoredReplysControlCharactersNeverReachTheText() throws Exception {
        MailQueue q = queue();
        QueueEntry e = enqueue(q);
        Path file = dir.resolve(e.id() + ".entry");
        String stored = Files.readString(file);
        String hostile = "451 \u001b[2J\u009b31m\rBcc: x\u2028y\u2029z\u0085w\u007f";
        Files.writeString(file, stored.replace("recipient: pending b@y.test " + e.recipients().get(1).detail(),
                "recipient: pending b@y.test " + hostile));
        List<String> lines = QueueListing.text(q);
        assertEquals(" ".repeat(66) + " (451  [2J 31m Bcc: x y z w )", lines.get(2));
        for (String line : lines) {
            assertEquals(-1, ControlCharacters.indexOf(line), line);
        }
    }
}
