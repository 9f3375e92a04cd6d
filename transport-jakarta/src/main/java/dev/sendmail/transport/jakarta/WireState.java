package dev.sendmail.transport.jakarta;

import dev.sendmail.api.Phase;
import dev.sendmail.api.SmtpReply;
import java.util.List;
import java.util.Optional;

/**
 * What the connection had seen when something failed: the step it was at, the last reply read, and what it knew
 * about TLS. The failure mapper classifies with it.
 *
 * @param phase the step of the last command sent (GREETING before any)
 * @param lastReply the last reply read, when it was a well-formed reply
 * @param startTlsMissing STARTTLS was required and the server's EHLO did not offer it
 * @param tls the connection was protected by TLS at that point
 * @param closedByServer the last read met the end of the stream
 * @param authMechanism the SASL mechanism of the last AUTH command, if one was sent
 * @param offeredAuth the mechanisms the server's EHLO offered (empty when none)
 * @param allowedAuth the mechanisms the settings allow, in order
 * @param rcptReplies the replies to this message's RCPT commands so far, in the order of the recipients (the
 *        failure mapper falls back on them when a broken connection cost Angus its exception chain)
 */
record WireState(Phase phase, Optional<SmtpReply> lastReply, boolean startTlsMissing, boolean tls,
                 boolean closedByServer, Optional<String> authMechanism, String offeredAuth, String allowedAuth,
                 List<SmtpReply> rcptReplies) {

    WireState {
        rcptReplies = List.copyOf(rcptReplies);
    }

    static WireState at(Phase phase) {
        return new WireState(phase, Optional.empty(), false, false, false, Optional.empty(), "", "", List.of());
    }
}
