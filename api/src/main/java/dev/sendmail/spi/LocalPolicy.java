package dev.sendmail.spi;

import dev.sendmail.api.ContentTraits;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Hint;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.Phase;

/**
 * What every transport refuses before MAIL FROM, so that nothing of a message that cannot travel intact is sent,
 * with the same words, phases and order whichever transport runs: content that SMTP cannot carry, then what the
 * server does not offer. Also the two decisions MAIL FROM depends on (SMTPUTF8, BODY=8BITMIME).
 */
public final class LocalPolicy {

    /**
     * What the server announced that the checks depend on.
     *
     * @param smtpUtf8 SMTPUTF8 offered
     * @param dsn DSN offered
     * @param eightBitMime 8BITMIME offered
     * @param sizeLimit the SIZE limit in octets; 0 for none
     */
    public record ServerOffers(boolean smtpUtf8, boolean dsn, boolean eightBitMime, long sizeLimit) {
    }

    private LocalPolicy() {
    }

    /**
     * Refusals that need no server: a line over 998 octets, a NUL octet.
     *
     * @param traits the content's traits
     * @param host the host, for the message
     * @throws LocalPolicyException for an over-long line or a NUL octet
     */
    public static void checkContent(ContentTraits traits, String host) throws LocalPolicyException {
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
     * Refusals against the connection and what the server offers. A message that requires TLS needs a verified
     * session: encryption to a server that did not prove its name is not enough.
     *
     * @param envelope the envelope
     * @param traits the content's traits
     * @param options the delivery options
     * @param offers what the server offered
     * @param tls how the session is secured
     * @param host the host, for the message
     * @throws LocalPolicyException when the message cannot go to this server as required
     */
    public static void checkServer(Envelope envelope, ContentTraits traits, DeliveryOptions options,
                                   ServerOffers offers, TlsState tls, String host) throws LocalPolicyException {
        if (options.requireTls() && !tls.verified()) {
            throw new LocalPolicyException("the message requires TLS, but " + tls.shortfall().orElseThrow(),
                    Phase.STARTTLS, host, true);
        }
        if ((envelope.needsSmtpUtf8() || options.smtpUtf8() == Hint.YES) && !offers.smtpUtf8()) {
            throw new LocalPolicyException((envelope.needsSmtpUtf8() ? "an address" : "the message")
                    + " needs SMTPUTF8, which the server does not offer", Phase.MAIL, host, true);
        }
        if (offers.sizeLimit() > 0 && traits.wireSize() > offers.sizeLimit()) {
            throw new LocalPolicyException("the message is " + traits.wireSize() + " octets; the server accepts at "
                    + "most " + offers.sizeLimit(), Phase.MAIL, host);
        }
        if (options.dsn().isRequested() && !offers.dsn()) {
            throw new LocalPolicyException("DSN was requested, but the server does not offer it", Phase.MAIL, host,
                    true);
        }
        if (options.eightBitMime() == Hint.YES && !offers.eightBitMime()) {
            throw new LocalPolicyException("the message has 8-bit octets, but the server does not offer 8BITMIME",
                    Phase.MAIL, host, true);
        }
    }

    /**
     * Whether MAIL FROM declares SMTPUTF8 to this server: an address needs it or the hint says so (checked by
     * {@link #checkServer}), or (AUTO) the headers have UTF-8 and the server offers it. UTF-8 in a subject or
     * another unstructured header does not need SMTPUTF8: without it the message goes as 8BITMIME or as it is,
     * as Postfix and msmtp send it.
     *
     * @param envelope the envelope
     * @param traits the content's traits
     * @param options the delivery options
     * @param offers what the server offered
     * @return true to declare SMTPUTF8
     */
    public static boolean wantSmtpUtf8(Envelope envelope, ContentTraits traits, DeliveryOptions options,
                                       ServerOffers offers) {
        return envelope.needsSmtpUtf8() || options.smtpUtf8() == Hint.YES
                || (options.smtpUtf8() == Hint.AUTO && traits.nonAsciiHeaders() && offers.smtpUtf8());
    }

    /**
     * Whether MAIL FROM declares BODY=8BITMIME to this server: the hint says so, or (AUTO) the content has 8-bit
     * octets and the server offers it. 8-bit content to a server without 8BITMIME goes as it is.
     *
     * @param traits the content's traits
     * @param options the delivery options
     * @param offers what the server offered
     * @return true to declare BODY=8BITMIME
     */
    public static boolean wantEightBit(ContentTraits traits, DeliveryOptions options, ServerOffers offers) {
        return options.eightBitMime() == Hint.YES
                || (options.eightBitMime() == Hint.AUTO && (traits.eightBit() || traits.nonAsciiHeaders())
                && offers.eightBitMime());
    }

    /**
     * Whether MAIL FROM carries {@code REQUIRETLS} (RFC 8689 section 4.2.1): the message requires TLS and the server
     * lists REQUIRETLS in its EHLO reply, so it keeps the requirement on its own next hops. A server without it still
     * gets the message over the verified session {@link #checkServer} demands.
     *
     * @param options the delivery options
     * @param offered the server lists REQUIRETLS
     * @return true to add {@code REQUIRETLS} to MAIL FROM
     */
    public static boolean wantRequireTls(DeliveryOptions options, boolean offered) {
        return options.requireTls() && offered;
    }

    /**
     * A line for the transcript when 8-bit content goes without SMTPUTF8, so a reader sees how it was sent.
     *
     * @param envelope the envelope
     * @param traits the content's traits
     * @param options the delivery options
     * @param offers what the server offered
     * @return the note, or null when there is nothing to say
     */
    public static String eightBitNote(Envelope envelope, ContentTraits traits, DeliveryOptions options,
                                      ServerOffers offers) {
        if (!(traits.eightBit() || traits.nonAsciiHeaders()) || wantSmtpUtf8(envelope, traits, options, offers)) {
            return null;
        }
        String what = traits.nonAsciiHeaders() ? "UTF-8 in the header without SMTPUTF8" : "8-bit content";
        return wantEightBit(traits, options, offers) ? what + ": sent as 8BITMIME"
                : what + ": the server offers no 8BITMIME, sent as it is";
    }

    /**
     * The limit of an EHLO {@code SIZE} parameter; 0 when absent, empty, malformed or 0 (RFC 1870: no limit).
     *
     * @param parameter the parameter text after SIZE, or null
     * @return the limit in octets, or 0
     */
    public static long sizeLimit(String parameter) {
        if (parameter == null) {
            return 0;
        }
        String first = parameter.strip().split(" ")[0];
        if (first.isEmpty() || first.length() > 18 || !first.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Long.parseLong(first);
    }
}
