package dev.sendmail.local;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.EtrnNode;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SendMailException;
import dev.sendmail.internal.Json;
import dev.sendmail.spi.EtrnResult;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results of sending, of verifying recipients and of ETRN as a program that replaces sendmail prints them for
 * other programs: one JSON object (RFC 8259) a line, each carrying the sysexits code of its result
 * ({@link ExitCodes}) as {@code exit_code}; and the text lines of a recipient verification ({@code sendmail -bv}).
 * These are the lines of {@code send-mail --json}; scripts read them, so the fields keep their names and order.
 * Stateless; every method may be called from any thread.
 */
public final class ResultLines {

    private ResultLines() {
    }

    /**
     * A delivery report, one object per recipient in envelope order: {@code recipient}, {@code status}
     * ({@code delivered}, {@code deferred}, {@code failed}, or {@code queued}), {@code exit_code} (that recipient's
     * code), {@code queue_id} (queued recipients only), {@code host}, {@code tls_rule} (only when the deciding host
     * had one), {@code phase}, then, when a server replied, {@code code}, {@code enhanced_status} and {@code reply},
     * and last {@code detail}. Absent values are {@code null}.
     *
     * @param report the outcomes of one message
     * @param queuedAs the queue id when the message stays queued for its deferred recipients: each of them is
     *        {@code "status":"queued"} with that {@code queue_id} and exit code 0, since it is safe in the queue
     * @return the lines, without line ends
     */
    public static List<String> json(DeliveryReport report, Optional<String> queuedAs) {
        return report.outcomes().stream().map(o -> queuedAs.isPresent() && o.status() == DeliveryStatus.DEFERRED
                ? json(o, "queued", ExitCodes.OK, queuedAs, true)
                : json(o, o.status().name().toLowerCase(Locale.ROOT), ExitCodes.forOutcome(o), Optional.empty(), true))
                .toList();
    }

    /**
     * What verifying recipients found, as text: per recipient {@code ADDRESS: VERDICT: DETAIL}, the verdict as
     * {@link #verdict}; control characters become spaces.
     *
     * @param report what {@link dev.sendmail.api.Sender#verify} returned
     * @return the lines, without line ends
     */
    public static List<String> verifiedText(DeliveryReport report) {
        return report.outcomes().stream().map(o -> ControlCharacters.oneLine(o.recipient().displayAddress() + ": "
                + verdict(o) + ": " + o.detail())).toList();
    }

    /**
     * What verifying recipients found, one object per recipient with the fields of {@link #json(DeliveryReport,
     * Optional)} but {@code queue_id} and {@code tls_rule}, and the {@link #verdict} as its {@code status}.
     *
     * @param report what {@link dev.sendmail.api.Sender#verify} returned
     * @return the lines, without line ends
     */
    public static List<String> verifiedJson(DeliveryReport report) {
        return report.outcomes().stream()
                .map(o -> json(o, verdict(o), ExitCodes.forOutcome(o), Optional.empty(), false)).toList();
    }

    /**
     * The verdict of verifying one recipient, in sendmail's words: {@code deliverable} (accepted),
     * {@code undeliverable} (refused for good) or {@code unknown} (a temporary answer).
     *
     * @param o the recipient's outcome
     * @return the word
     */
    public static String verdict(RecipientOutcome o) {
        return switch (o.status()) {
            case DELIVERED -> "deliverable";
            case FAILED -> "undeliverable";
            case DEFERRED -> "unknown";
        };
    }

    /**
     * The server's answer to ETRN: {@code etrn} (the node asked for), {@code host}, {@code advertised},
     * {@code code}, {@code enhanced_status}, {@code reply} and {@code exit_code} ({@link ExitCodes#forEtrn}).
     *
     * @param r the answer
     * @return the object
     */
    public static String json(EtrnResult r) {
        return new Json().field("etrn", r.node().text()).field("host", r.host()).field("advertised", r.advertised())
                .field("code", r.reply().code())
                .field("enhanced_status", r.reply().status().map(Object::toString).orElse(null))
                .field("reply", r.reply().text()).field("exit_code", ExitCodes.forEtrn(r.reply())).toString();
    }

    /**
     * An ETRN that got no answer because the session failed: {@code etrn}, {@code host} (null when none was
     * reached), {@code detail} and {@code exit_code} ({@link ExitCodes#forFailure}).
     *
     * @param node the node asked for
     * @param e why the session failed
     * @return the object
     */
    public static String json(EtrnNode node, SendMailException e) {
        return new Json().field("etrn", node.text()).field("host", e.host().orElse(null))
                .field("detail", e.getMessage()).field("exit_code", ExitCodes.forFailure(e)).toString();
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
