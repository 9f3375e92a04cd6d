package dev.sendmail.transport.jakarta;

import dev.sendmail.api.ContentTraits;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Hint;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Phase;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What send-mail refuses before MAIL FROM, so that nothing of a message that cannot travel intact is sent. The
 * socket transport refuses the same things.
 */
final class LocalChecks {

    private LocalChecks() {
    }

    /** Checks that need no connection: the content itself. */
    static void content(ContentTraits traits, String host) throws LocalPolicyException {
        if (traits.hasOverlongLine()) {
            throw new LocalPolicyException("message has a line of " + traits.longestLine()
                    + " octets; SMTP allows at most " + ContentTraits.MAX_LINE_OCTETS + " (RFC 5321 4.5.3.1.6)",
                    Phase.DATA, host);
        }
        if (traits.nulOctets()) {
            throw new LocalPolicyException("message contains a NUL octet, which SMTP DATA cannot carry",
                    Phase.DATA, host);
        }
    }

    /**
     * Checks against what the server offers.
     *
     * @param offers whether the server's EHLO offered a keyword
     * @param parameter the parameter of an EHLO keyword, or null
     * @param tls whether the connection is protected by TLS
     */
    static void server(Envelope envelope, ContentTraits traits, DeliveryOptions options,
                       Predicate<String> offers, Function<String, String> parameter, boolean tls, String host)
            throws LocalPolicyException {
        if (options.requireTls() && !tls) {
            throw new LocalPolicyException("this message requires TLS and the connection has none", Phase.MAIL, host);
        }
        if (envelope.needsSmtpUtf8() && !offers.test("SMTPUTF8")) {
            String who = envelope.sender().filter(Mailbox::needsSmtpUtf8).map(Mailbox::displayAddress)
                    .orElseGet(() -> envelope.recipients().stream().filter(Mailbox::needsSmtpUtf8)
                            .map(Mailbox::displayAddress).findFirst().orElse("an address"));
            throw new LocalPolicyException("address " + who + " needs SMTPUTF8, which the server does not offer",
                    Phase.MAIL, host);
        }
        if (options.smtpUtf8() == Hint.YES && !offers.test("SMTPUTF8")) {
            throw new LocalPolicyException("SMTPUTF8 was requested and the server does not offer it", Phase.MAIL, host);
        }
        if (options.dsn().isRequested() && !offers.test("DSN")) {
            throw new LocalPolicyException("DSN was requested and the server does not offer it", Phase.MAIL, host);
        }
        if (offers.test("SIZE")) {
            long limit = sizeLimit(parameter.apply("SIZE"));
            if (limit > 0 && traits.wireSize() > limit) {
                throw new LocalPolicyException("message of " + traits.wireSize() + " octets exceeds the server's SIZE "
                        + limit, Phase.MAIL, host);
            }
        }
    }

    /** Whether to declare SMTPUTF8 on MAIL FROM. */
    static boolean declareSmtpUtf8(Envelope envelope, ContentTraits traits, DeliveryOptions options,
                                   Predicate<String> offers) {
        if (!offers.test("SMTPUTF8") || options.smtpUtf8() == Hint.NO) {
            return false;
        }
        return options.smtpUtf8() == Hint.YES || envelope.needsSmtpUtf8() || traits.nonAsciiHeaders();
    }

    /** Whether to declare BODY=8BITMIME. */
    static boolean declareEightBit(ContentTraits traits, DeliveryOptions options, Predicate<String> offers) {
        if (!offers.test("8BITMIME") || options.eightBitMime() == Hint.NO) {
            return false;
        }
        return options.eightBitMime() == Hint.YES || traits.eightBit();
    }

    private static long sizeLimit(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(parameter.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
