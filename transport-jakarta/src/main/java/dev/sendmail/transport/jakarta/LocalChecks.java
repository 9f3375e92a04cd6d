package dev.sendmail.transport.jakarta;

import dev.sendmail.api.ContentTraits;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Hint;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.Phase;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What send-mail refuses before MAIL FROM, so that nothing of a message that cannot travel intact is sent. The
 * socket transport refuses the same things with the same words, phases and order.
 */
final class LocalChecks {

    private LocalChecks() {
    }

    /** Checks that need no connection: the content itself. */
    static void content(ContentTraits traits, String host) throws LocalPolicyException {
        if (traits.hasOverlongLine()) {
            throw new LocalPolicyException("the message has a line of " + traits.longestLine() + " octets; SMTP "
                    + "allows " + ContentTraits.MAX_LINE_OCTETS + " (encode the body, e.g. quoted-printable)",
                    Phase.DATA, host);
        }
        if (traits.nulOctets()) {
            throw new LocalPolicyException("the message contains a NUL octet, which SMTP cannot carry "
                    + "(encode the body, e.g. base64)", Phase.DATA, host);
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
            throw new LocalPolicyException("the message requires TLS, but the connection is not encrypted",
                    Phase.STARTTLS, host);
        }
        boolean addressNeedsUtf8 = envelope.needsSmtpUtf8();
        if (wantSmtpUtf8(envelope, traits, options) && !offers.test("SMTPUTF8")) {
            throw new LocalPolicyException((addressNeedsUtf8 ? "an address" : "the message") + " needs SMTPUTF8, "
                    + "which the server does not offer", Phase.MAIL, host);
        }
        long limit = offers.test("SIZE") ? sizeLimit(parameter.apply("SIZE")) : 0;
        if (limit > 0 && traits.wireSize() > limit) {
            throw new LocalPolicyException("the message is " + traits.wireSize() + " octets; the server accepts at "
                    + "most " + limit, Phase.MAIL, host);
        }
        if (options.dsn().isRequested() && !offers.test("DSN")) {
            throw new LocalPolicyException("DSN was requested, but the server does not offer it", Phase.MAIL, host);
        }
        if (wantEightBit(traits, options) && !offers.test("8BITMIME")) {
            throw new LocalPolicyException("the message has 8-bit octets, but the server does not offer 8BITMIME",
                    Phase.MAIL, host);
        }
    }

    /** Whether MAIL FROM declares SMTPUTF8 (the server offers it: {@link #server} has checked). */
    static boolean wantSmtpUtf8(Envelope envelope, ContentTraits traits, DeliveryOptions options) {
        return envelope.needsSmtpUtf8() || options.smtpUtf8() == Hint.YES
                || (options.smtpUtf8() == Hint.AUTO && traits.nonAsciiHeaders());
    }

    /** Whether MAIL FROM declares BODY=8BITMIME. */
    static boolean wantEightBit(ContentTraits traits, DeliveryOptions options) {
        return options.eightBitMime() == Hint.YES || (options.eightBitMime() == Hint.AUTO && traits.eightBit());
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
