package dev.sendmail.api;

/**
 * Per-message choices.
 *
 * @param dsn delivery status notification parameters
 * @param requireTls fail rather than send this message over a connection without TLS, whatever the TLS mode
 * @param eightBitMime declare BODY=8BITMIME: AUTO when the content has 8-bit octets
 * @param smtpUtf8 declare SMTPUTF8: AUTO when an address or a header needs it
 */
public record DeliveryOptions(Dsn dsn, boolean requireTls, Hint eightBitMime, Hint smtpUtf8) {

    public static final DeliveryOptions DEFAULT = new DeliveryOptions(Dsn.NONE, false, Hint.AUTO, Hint.AUTO);

    public DeliveryOptions {
        if (dsn == null || eightBitMime == null || smtpUtf8 == null) {
            throw new NullPointerException("delivery options must not be null");
        }
    }

    public DeliveryOptions withDsn(Dsn value) {
        return new DeliveryOptions(value, requireTls, eightBitMime, smtpUtf8);
    }

    public DeliveryOptions withRequireTls(boolean value) {
        return new DeliveryOptions(dsn, value, eightBitMime, smtpUtf8);
    }

    public DeliveryOptions withEightBitMime(Hint value) {
        return new DeliveryOptions(dsn, requireTls, value, smtpUtf8);
    }

    public DeliveryOptions withSmtpUtf8(Hint value) {
        return new DeliveryOptions(dsn, requireTls, eightBitMime, value);
    }
}
