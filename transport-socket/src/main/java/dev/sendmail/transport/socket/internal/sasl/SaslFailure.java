package dev.sendmail.transport.socket.internal.sasl;

/** The exchange cannot go on: a malformed challenge, a server that failed to prove itself. */
public final class SaslFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public SaslFailure(String message) {
        super(message);
    }
}
