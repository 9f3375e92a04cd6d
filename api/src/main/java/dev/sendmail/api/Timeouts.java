package dev.sendmail.api;

import java.time.Duration;

/**
 * How long each blocking step may take. The defaults are RFC 5321 4.5.3.2's, except connect.
 *
 * @param connect the TCP connect (and implicit TLS handshake)
 * @param greeting waiting for the 220 greeting (RFC: 5 minutes)
 * @param command any command reply not listed below: EHLO, STARTTLS, AUTH, MAIL, RCPT (RFC: 5 minutes)
 * @param dataInitiation the 354 reply to DATA (RFC: 2 minutes)
 * @param dataBlock each write of message content (RFC: 3 minutes)
 * @param dataTermination the reply after the final dot or last BDAT (RFC: 10 minutes)
 */
public record Timeouts(Duration connect, Duration greeting, Duration command, Duration dataInitiation,
                       Duration dataBlock, Duration dataTermination) {

    /**
     * RFC 5321's timeouts, 30 s to connect.
     */
    public static final Timeouts RFC_5321 = new Timeouts(Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10));

    /**
     * Checks the components; collections are copied.
     *
     * @param connect the TCP connect (and implicit TLS handshake)
     * @param greeting waiting for the 220 greeting (RFC: 5 minutes)
     * @param command any command reply not listed below: EHLO, STARTTLS, AUTH, MAIL, RCPT (RFC: 5 minutes)
     * @param dataInitiation the 354 reply to DATA (RFC: 2 minutes)
     * @param dataBlock each write of message content (RFC: 3 minutes)
     * @param dataTermination the reply after the final dot or last BDAT (RFC: 10 minutes)
     */
    public Timeouts {
        for (Duration d : new Duration[] {connect, greeting, command, dataInitiation, dataBlock, dataTermination}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
    }

    /**
     * Every timeout set to the same value (the CLI's {@code --timeout}).
     *
     * @param d the timeout
     * @return the timeouts
     */
    public static Timeouts all(Duration d) {
        return new Timeouts(d, d, d, d, d, d);
    }
}
