package dev.sendmail.api;

/** The step of a delivery at which something happened. */
public enum Phase {
    /** Looking up where the mail should go (DNS, routes). */
    RESOLVE,
    /** Opening the TCP connection (and the TLS handshake for implicit TLS). */
    CONNECT,
    /** Reading the server's 220 greeting. */
    GREETING,
    /** EHLO or HELO. */
    EHLO,
    /** STARTTLS and the handshake that follows it. */
    STARTTLS,
    /** SASL authentication. */
    AUTH,
    /** MAIL FROM. */
    MAIL,
    /** RCPT TO. */
    RCPT,
    /** DATA or BDAT, the content and the final reply. */
    DATA
}
