package dev.sendmail.cli.output;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.local.ExitCodes;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the per-recipient report: one line per recipient on stderr
 * ({@code bob@x.test: failed: RCPT 550 5.1.1 User unknown (mx1.x.test)}), or one JSON object per recipient on
 * stdout with {@code --json}; and what {@code -bv} found, the same way on stdout.
 */
public final class ReportPrinter {

    private ReportPrinter() {
    }

    public static void printLines(DeliveryReport report, PrintStream err) {
        for (RecipientOutcome o : report.outcomes()) {
            err.println(ControlCharacters.oneLine(o.recipient().displayAddress() + ": " + o.status().name().toLowerCase(Locale.ROOT)
                    + ": " + o.detail()));
        }
    }

    /**
     * One object per recipient; with {@code queuedAs}, a deferred recipient is {@code "status":"queued"} with
     * its {@code "queue_id"} and exit code 0: it is safe in the queue.
     */
    public static void printJson(DeliveryReport report, Optional<String> queuedAs, PrintStream out) {
        for (RecipientOutcome o : report.outcomes()) {
            out.println(json(o, queuedAs));
        }
    }

    static String json(RecipientOutcome o, Optional<String> queuedAs) {
        boolean queued = queuedAs.isPresent() && o.status() == DeliveryStatus.DEFERRED;
        return queued ? json(o, "queued", ExitCodes.OK, queuedAs, true)
                : json(o, o.status().name().toLowerCase(Locale.ROOT), ExitCodes.forOutcome(o), Optional.empty(), true);
    }

    /**
     * {@code -bv}: per recipient {@code deliverable}, {@code undeliverable} (permanent refusal) or {@code unknown}
     * (temporary), then the deciding reply; with {@code json} one object per recipient with the fields of sending
     * (but the TLS rule) and that word as its status.
     */
    public static void printVerified(DeliveryReport report, boolean json, PrintStream out) {
        for (RecipientOutcome o : report.outcomes()) {
            String word = switch (o.status()) {
                case DELIVERED -> "deliverable";
                case FAILED -> "undeliverable";
                case DEFERRED -> "unknown";
            };
            out.println(json ? json(o, word, ExitCodes.forOutcome(o), Optional.empty(), false)
                    : ControlCharacters.oneLine(o.recipient().displayAddress() + ": " + word + ": " + o.detail()));
        }
    }

    private static String json(RecipientOutcome o, String status, int exitCode, Optional<String> queueId,
            boolean tlsRule) {
        Json j = new Json().field("recipient", o.recipient().displayAddress()).field("status", status)
                .field("exit_code", exitCode);
        queueId.ifPresent(id -> j.field("queue_id", id));
        j.field("host", o.host().orElse(null));
        if (tlsRule) {
            o.tlsRule().ifPresent(r -> j.field("tls_rule", r));
        }
        j.field("phase", o.phase().map(Enum::name).orElse(null));
        if (o.reply().isPresent()) {
            j.field("code", o.reply().get().code());
            j.field("enhanced_status", o.reply().get().status().map(Object::toString).orElse(null));
            j.field("reply", o.reply().get().text());
        }
        return j.field("detail", o.detail()).toString();
    }
}
