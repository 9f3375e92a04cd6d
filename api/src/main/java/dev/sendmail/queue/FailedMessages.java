package dev.sendmail.queue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.RecipientOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What a queue does with a message some recipients will never get: a delivery status notification to its sender
 * through the same route; when there is no sender to tell, bounces are off, or the notification cannot be sent, a
 * copy of the message and the reason in {@code failed/}. Nothing is removed before one of them is done.
 */
final class FailedMessages {

    private final QueueDirectory directory;
    private final Clock clock;
    private final boolean bounces;
    private final String reportingHost;

    FailedMessages(QueueDirectory directory, Clock clock, boolean bounces, String reportingHost) {
        this.directory = directory;
        this.clock = clock;
        this.bounces = bounces;
        this.reportingHost = reportingHost;
    }

    /** Bounces or keeps the message of {@code claim}; adds a line saying which to {@code lines}. */
    void keep(QueueClaim claim, QueueDelivery delivery, List<Bounce.Failure> failures, List<String> lines)
            throws IOException {
        QueueEntry entry = claim.entry();
        String id = entry.id();
        String why;
        if (!bounces) {
            why = "bounces are off";
        } else if (entry.sender().isEmpty()) {
            why = "the message has the null sender, so no notice is sent";
        } else {
            Mailbox to = entry.sender().get();
            MessageContent notice = MessageContent.of(Bounce.text(entry, failures, clock.instant(), reportingHost,
                    directory.messageHeaders(id)));
            String outcome;
            try {
                DeliveryReport r = delivery.deliver(entry.route(), Envelope.nullSender(List.of(to)), notice,
                        DeliveryOptions.DEFAULT);
                RecipientOutcome o = r.outcomes().get(0);
                if (o.isDelivered()) {
                    lines.add("delivery status notification sent to " + to.displayAddress());
                    return;
                }
                outcome = o.detail();
            } catch (RouteUnavailableException | RuntimeException e) {
                outcome = String.valueOf(e.getMessage());
            }
            why = "the notice to " + to.displayAddress() + " could not be sent: " + outcome;
        }
        Path kept = keepInFailed(claim, failures, why);
        lines.add(QueueEntry.oneLine(why) + "; message kept in " + kept);
    }

    /** Copies the message to {@code failed/ID.N.msg} with {@code ID.N.reason} beside it, both durable. */
    private Path keepInFailed(QueueClaim claim, List<Bounce.Failure> failures, String why) throws IOException {
        Path failedDir = directory.path().resolve("failed");
        QueueFiles.prepareDirectory(failedDir);
        QueueEntry entry = claim.entry();
        String base = entry.id() + "." + (entry.attempts() + 1);
        Path msgTemp;
        try (InputStream in = claim.content().open()) {
            msgTemp = QueueDirectory.writeTemporary(failedDir, base + ".msg", in);
        }
        StringBuilder reason = new StringBuilder();
        reason.append("sender: ").append(entry.sender().map(Mailbox::address).orElse("<>")).append('\n');
        reason.append("queued: ").append(entry.created()).append('\n');
        reason.append("why-kept: ").append(QueueEntry.oneLine(why)).append('\n');
        for (Bounce.Failure f : failures) {
            reason.append("failed: ").append(f.recipient().address()).append(' ').append(f.status()).append(' ')
                    .append(QueueEntry.oneLine(f.detail())).append('\n');
        }
        Path reasonTemp = QueueDirectory.writeTemporary(failedDir, base + ".reason",
                reason.toString().getBytes(StandardCharsets.UTF_8));
        QueueDirectory.move(reasonTemp, failedDir.resolve(base + ".reason"));
        Path kept = failedDir.resolve(base + ".msg");
        QueueDirectory.move(msgTemp, kept);
        QueueDirectory.sync(failedDir);
        return kept;
    }
}
