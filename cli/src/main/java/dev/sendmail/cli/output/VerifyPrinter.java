package dev.sendmail.cli.output;

import dev.sendmail.local.ExitCodes;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.RecipientOutcome;
import java.io.PrintStream;

/**
 * Prints what {@code -bv} found: one line per recipient ({@code deliverable}, {@code undeliverable} or
 * {@code unknown}, then the deciding reply), or with {@code --json} one object per recipient with the same fields
 * as for sending and that word as its status.
 */
public final class VerifyPrinter {

    private VerifyPrinter() {
    }

    /** {@code deliverable}, {@code undeliverable} (permanent refusal) or {@code unknown} (temporary). */
    public static String word(RecipientOutcome o) {
        return switch (o.status()) {
            case DELIVERED -> "deliverable";
            case FAILED -> "undeliverable";
            case DEFERRED -> "unknown";
        };
    }

    public static void print(DeliveryReport report, boolean json, PrintStream out) {
        for (RecipientOutcome o : report.outcomes()) {
            if (json) {
                Json j = new Json()
                        .field("recipient", o.recipient().displayAddress())
                        .field("status", word(o))
                        .field("exit_code", ExitCodes.forOutcome(o));
                j.field("host", o.host().orElse(null));
                j.field("phase", o.phase().map(Enum::name).orElse(null));
                if (o.reply().isPresent()) {
                    j.field("code", o.reply().get().code());
                    j.field("enhanced_status", o.reply().get().status().map(Object::toString).orElse(null));
                    j.field("reply", o.reply().get().text());
                }
                j.field("detail", o.detail());
                out.println(j);
            } else {
                out.println(ReportPrinter.oneLine(o.recipient().displayAddress() + ": " + word(o) + ": "
                        + o.detail()));
            }
        }
    }
}
