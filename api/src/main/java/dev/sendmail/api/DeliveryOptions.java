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

    /**
     * No DSN, TLS not required, SMTPUTF8 and 8BITMIME decided from the content.
     */
    public static final DeliveryOptions DEFAULT = new DeliveryOptions(Dsn.NONE, false, Hint.AUTO, Hint.AUTO);

    /**
     * Checks the components; collections are copied.
     *
     * @param dsn delivery status notification parameters
     * @param requireTls fail rather than send this message over a connection without TLS, whatever the TLS mode
     * @param eightBitMime declare BODY=8BITMIME: AUTO when the content has 8-bit octets
     * @param smtpUtf8 declare SMTPUTF8: AUTO when an address or a header needs it
     */
    public DeliveryOptions {
        if (dsn == null || eightBitMime == null || smtpUtf8 == null) {
            throw new NullPointerException("delivery options must not be null");
        }
    }

    /**
     * The same options with other DSN parameters.
     *
     * @param value the parameters
     * @return new options
     */
    public DeliveryOptions withDsn(Dsn value) {
        return new DeliveryOptions(value, requireTls, eightBitMime, smtpUtf8);
    }

    /**
     * The same options, requiring a verified TLS session or not.
     *
     * @param value true to require TLS
     * @return new options
     */
    public DeliveryOptions withRequireTls(boolean value) {
        return new DeliveryOptions(dsn, value, eightBitMime, smtpUtf8);
    }

    /**
     * The same options with another BODY=8BITMIME choice.
     *
     * @param value the choice
     * @return new options
     */
    public DeliveryOptions withEightBitMime(Hint value) {
        return new DeliveryOptions(dsn, requireTls, value, smtpUtf8);
    }

    /**
     * The same options with another SMTPUTF8 choice.
     *
     * @param value the choice
     * @return new options
     */
    public DeliveryOptions withSmtpUtf8(Hint value) {
        return new DeliveryOptions(dsn, requireTls, eightBitMime, value);
    }
}
