package dev.sendmail.spi;

import dev.sendmail.api.EtrnNode;
import dev.sendmail.api.SmtpReply;
import java.util.Objects;

/**
 * The server's answer to one ETRN command (RFC 1985): {@code 250} queue run started, {@code 251} no messages
 * waiting, {@code 252}/{@code 253} pending messages, {@code 458} unable to queue, {@code 459} node not allowed,
 * {@code 500}/{@code 501}/{@code 502} not understood or not implemented.
 *
 * @param host the host that answered
 * @param node what was asked for
 * @param advertised whether the server listed ETRN in its EHLO reply (the command is sent either way)
 * @param reply the server's reply to ETRN
 */
public record EtrnResult(String host, EtrnNode node, boolean advertised, SmtpReply reply) {

    /**
     * Checks the components; lists and maps are copied.
     *
     * @param host the host that answered
     * @param node what was asked for
     * @param advertised whether the server listed ETRN in its EHLO reply (the command is sent either way)
     * @param reply the server's reply to ETRN
     */
    public EtrnResult {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(reply, "reply");
    }

    /** {@code ETRN example.org: 250 Queuing started (mx.example.org)}. */
    @Override
    public String toString() {
        return "ETRN " + node + ": " + reply + " (" + host + ")";
    }
}
