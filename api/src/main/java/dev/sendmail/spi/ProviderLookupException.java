package dev.sendmail.spi;

/**
 * No usable provider: none on the class path, or none with the requested name. A configuration problem, not
 * a delivery failure; the CLI exits with EX_CONFIG (78).
 */
public final class ProviderLookupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A lookup failure with a message that names what is missing.
     *
     * @param message one line, naming the missing provider or the names found
     */
    public ProviderLookupException(String message) {
        super(message);
    }
}
