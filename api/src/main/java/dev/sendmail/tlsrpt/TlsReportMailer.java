package dev.sendmail.tlsrpt;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.Sender;
import dev.sendmail.spi.Resolver;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mails a {@link TlsReport} where its policy domain asks for it (RFC 8460 section 5.3): to each {@code mailto:}
 * address of the domain's {@code _smtp._tls} record, one message each, through a {@link Sender}. {@code https:}
 * addresses are not served.
 */
public final class TlsReportMailer {

    private TlsReportMailer() {
    }

    /**
     * The addresses to mail the report of {@code domain} to.
     *
     * @param resolver asked for the {@code _smtp._tls} record
     * @param domain the policy domain
     * @return the {@code mailto:} addresses, in the record's order; never empty
     * @throws ResolutionFailedException when the lookup fails
     * @throws IllegalArgumentException with a one-line reason when the domain has no valid record, or its record
     *         names only {@code https:} addresses
     */
    public static List<String> addresses(Resolver resolver, String domain) throws ResolutionFailedException {
        List<String> to = TlsRptRecord.lookup(resolver, domain).mailto();
        if (to.isEmpty()) {
            throw new IllegalArgumentException("_smtp._tls." + domain + " names only https: report addresses, and "
                    + "only mailto: addresses get the report by mail");
        }
        return to;
    }

    /**
     * Sends {@code report} to each address, from {@code from}, which is also the envelope sender. Each message's
     * Message-ID is made of the report id and the submitter's domain.
     *
     * @param report the report
     * @param sender how the messages are sent; it stays open
     * @param from the sender, whose domain names the submitter
     * @param to the addresses, such as {@link #addresses} gives
     * @param date the Date of the messages
     * @return each address with the outcome of its message, in the order sent
     */
    public static Map<String, DeliveryReport> mail(TlsReport report, Sender sender, Mailbox from, List<String> to,
                                                   Instant date) {
        Map<String, DeliveryReport> out = new LinkedHashMap<>();
        for (String address : to) {
            byte[] message = report.message(from.address(), address, from.domain(), date,
                    report.reportId().replace('@', '.') + "@" + from.domain());
            out.put(address, sender.send(Envelope.of(from.address(), address), MessageContent.of(message),
                    DeliveryOptions.DEFAULT));
        }
        return out;
    }
}
