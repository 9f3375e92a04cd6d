package dev.sendmail.spi;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.EnhancedStatus;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpReply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recipient lists longer than a server takes in one transaction (RFC 5321 section 4.5.3.1.10). A server may
 * accept only so many recipients per transaction and answer the others {@code 452 4.5.3 Too many recipients}
 * (some say 552). Once the transaction for the recipients it accepted is done, the others go at once in further
 * transactions on the same connection, in chunks of the size the server accepted, until every recipient is
 * decided. A transport calls {@link #sendRest} with the report of its first transaction.
 */
public final class RecipientBatches {

    /** One more mail transaction on the connection the first one used. */
    @FunctionalInterface
    public interface Transaction {
        /**
         * Runs the transaction for these recipients.
         *
         * @param request the same request with the next chunk of recipients
         * @return one outcome per recipient of the chunk
         * @throws SendMailException when the transaction fails as a whole
         */
        DeliveryReport run(SendRequest request) throws SendMailException;
    }

    private RecipientBatches() {
    }

    /**
     * True for a reply to RCPT that means "no more recipients in this transaction": 452, or 552 saying too many
     * recipients; with an enhanced status code, only {@code X.5.3} counts (a {@code 452 4.2.2} mailbox full is
     * about that recipient).
     *
     * @param reply the reply to RCPT
     * @return true when the recipient should go in a later transaction
     */
    public static boolean tooManyRecipients(SmtpReply reply) {
        if (reply.code() != 452 && reply.code() != 552) {
            return false;
        }
        if (reply.status().isPresent()) {
            EnhancedStatus s = reply.status().get();
            return s.subject() == 5 && s.detail() == 3;
        }
        return reply.code() == 452 || reply.text().toLowerCase(Locale.ROOT).contains("too many recipients");
    }

    /**
     * Completes {@code first}, the report of the transaction that ran {@code request}: when the server refused
     * some recipients as too many after accepting others, and the accepted ones were delivered, the refused ones
     * are sent with {@code next} in chunks of the number the server accepted. Stops when a transaction delivers
     * nothing; a transaction that fails as a whole gives its failure to every recipient not yet decided.
     *
     * @return one outcome per recipient of {@code request}, in envelope order
     * @param request the whole request
     * @param first the outcomes of the first transaction
     * @param next runs one more transaction on the same connection
     */
    public static DeliveryReport sendRest(SendRequest request, DeliveryReport first, Transaction next) {
        List<Mailbox> rest = refused(first);
        int chunk = accepted(first);
        if (rest.isEmpty() || first.delivered().isEmpty()) {
            return first;
        }
        Map<Mailbox, RecipientOutcome> decided = new LinkedHashMap<>();
        first.outcomes().forEach(o -> decided.put(o.recipient(), o));
        while (!rest.isEmpty()) {
            List<Mailbox> batch = List.copyOf(rest.subList(0, Math.min(chunk, rest.size())));
            List<Mailbox> later = rest.subList(batch.size(), rest.size());
            DeliveryReport report;
            try {
                report = next.run(new SendRequest(request.host(), request.envelope().withRecipients(batch),
                        request.content(), request.options(), request.deadline()));
            } catch (SendMailException e) {
                for (Mailbox m : rest) {
                    decided.put(m, RecipientOutcome.of(m, e));
                }
                break;
            }
            report.outcomes().forEach(o -> decided.put(o.recipient(), o));
            if (report.delivered().isEmpty()) {
                break;
            }
            List<Mailbox> again = refused(report);
            if (!again.isEmpty()) {
                chunk = accepted(report);
            }
            again.addAll(later);
            rest = again;
        }
        List<RecipientOutcome> ordered = new ArrayList<>();
        for (Mailbox m : request.envelope().recipients()) {
            ordered.add(decided.get(m));
        }
        return new DeliveryReport(ordered);
    }

    /** The recipients refused as too many, in order. */
    private static List<Mailbox> refused(DeliveryReport report) {
        List<Mailbox> list = new ArrayList<>();
        for (RecipientOutcome o : report.outcomes()) {
            if (!o.isDelivered() && o.phase().orElse(null) == Phase.RCPT
                    && o.reply().map(RecipientBatches::tooManyRecipients).orElse(false)) {
                list.add(o.recipient());
            }
        }
        return list;
    }

    /** How many recipients the server accepted at RCPT (delivered, or decided later at DATA). */
    private static int accepted(DeliveryReport report) {
        return (int) report.outcomes().stream()
                .filter(o -> o.isDelivered() || o.phase().orElse(null) != Phase.RCPT).count();
    }
}
