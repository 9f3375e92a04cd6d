package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.EtrnNode;
import dev.sendmail.api.Phase;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.Timeouts;
import dev.sendmail.spi.EtrnResult;
import java.io.IOException;

/**
 * {@code --etrn}: on a ready connection (greeting, EHLO, TLS, AUTH done), one ETRN command (RFC 1985) and its
 * reply. ETRN goes out even when EHLO did not list it; the transcript notes that. A 421 fails the session like
 * any other command's.
 */
final class Etrn {

    private Etrn() {
    }

    static EtrnResult run(SmtpConnection c, EtrnNode node, Timeouts timeouts) throws SendMailException {
        boolean advertised = c.capabilities().keywords().containsKey("ETRN");
        if (!advertised) {
            c.listener().note(c.host(), "the server does not list ETRN in its EHLO reply; sending it anyway");
        }
        SmtpReply r;
        try {
            r = c.command(node.command(), timeouts.command());
        } catch (IOException e) {
            c.markBroken();
            // the reply to MAIL is the nearest phase: ETRN, like MAIL, follows a complete session setup
            throw Failures.of(e, Phase.MAIL, c.host());
        }
        if (r.code() == 421) {
            c.markBroken();
            throw new SmtpRejectedException(r, Phase.MAIL, c.host());
        }
        return new EtrnResult(c.host(), node, advertised, r);
    }
}
