package dev.sendmail.transport.socket.internal.sasl;

/**
 * The client side of one SASL mechanism (RFC 4422) as used by SMTP AUTH (RFC 4954). An instance serves one
 * exchange. Challenges and responses are raw octets; the connection does the base64.
 */
public interface SaslMechanism {

    /** The IANA name, upper case. */
    String name();

    /** The initial response sent with AUTH, or null to wait for the server's first challenge. */
    byte[] initialResponse() throws SaslFailure;

    /** Answers a challenge (the decoded text of a 334 reply). */
    byte[] evaluate(byte[] challenge) throws SaslFailure;

    /**
     * Called on 235; a mechanism with mutual authentication fails here when the server never proved it knows
     * the password.
     */
    default void complete() throws SaslFailure {
    }
}
