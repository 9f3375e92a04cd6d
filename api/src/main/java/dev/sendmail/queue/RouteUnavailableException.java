package dev.sendmail.queue;

/**
 * The route recorded in a queue entry cannot be rebuilt now (its configuration account is gone, its password
 * source cannot be read, its transport is missing). The entry stays queued as it was; the message is never
 * sent another way instead.
 */
public final class RouteUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    /**
     * @param message one line saying why
     * @param transientFailure true when trying again later may work without anyone changing anything
     */
    public RouteUnavailableException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    /** @return true when trying again later may work; false when someone must fix the configuration */
    public boolean isTransient() {
        return transientFailure;
    }
}
