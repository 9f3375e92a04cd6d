package dev.sendmail.cli.output;

import dev.sendmail.local.ExitCodes;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.RecipientOutcome;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints the per-recipient report: one line per recipient on stderr
 * ({@code bob@x.test: failed: RCPT 550 5.1.1 User unknown (mx1.x.test)}), or one JSON object per recipient on
 * stdout with {@code --json}.
 */
public final class ReportPrinter {

    private ReportPrinter() {
    }

    public static void printLines(DeliveryReport report, PrintStream err) {
        for (RecipientOutcome o : report.outcomes()) {
            err.println(line(o));
        }
    }

    static String line(RecipientOutcome o) {
        return oneLine(o.recipient().displayAddress() + ": " + o.status().name().toLowerCase(Locale.ROOT) + ": "
                + o.detail());
    }

    public static void printJson(DeliveryReport report, PrintStream out) {
        printJson(report, java.util.Optional.empty(), out);
    }

    /**
     * One object per recipient; with {@code queuedAs}, a deferred recipient is {@code "status":"queued"} with
     * its {@code "queue_id"} and exit code 0: it is safe in the queue.
     */
    public static void printJson(DeliveryReport report, java.util.Optional<String> queuedAs, PrintStream out) {
        for (RecipientOutcome o : report.outcomes()) {
            out.println(json(o, queuedAs));
        }
    }

    static String json(RecipientOutcome o) {
        return json(o, java.util.Optional.empty());
    }

    static String json(RecipientOutcome o, java.util.Optional<String> queuedAs) {
        boolean queued = queuedAs.isPresent() && o.status() == dev.sendmail.api.DeliveryStatus.DEFERRED;
        Json j = new Json()
                .field("recipient", o.recipient().displayAddress())
                .field("status", queued ? "queued" : o.status().name().toLowerCase(Locale.ROOT))
                .field("exit_code", queued ? ExitCodes.OK : ExitCodes.forOutcome(o));
        if (queued) {
            j.field("queue_id", queuedAs.get());
        }
        j.field("host", o.host().orElse(null));
        o.tlsRule().ifPresent(r -> j.field("tls_rule", r));
        j.field("phase", o.phase().map(Enum::name).orElse(null));
        if (o.reply().isPresent()) {
            j.field("code", o.reply().get().code());
            j.field("enhanced_status", o.reply().get().status().map(Object::toString).orElse(null));
            j.field("reply", o.reply().get().text());
        }
        j.field("detail", o.detail());
        return j.toString();
    }

    /** Replaces any line break a server put into a reply, so each recipient stays on one line. */
    public static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7F ? ' ' : c);
        }
        return b.toString();
    }
}
