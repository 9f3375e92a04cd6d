package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.Timeouts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code -bv}: on a ready connection, optionally VRFY for each recipient (when asked and offered), then MAIL
 * FROM and one RCPT TO for each recipient VRFY did not decide, then RSET. Never DATA: nothing is delivered.
 * Commands go one at a time, so a refusal is tied to its recipient without relying on PIPELINING.
 */
final class Verification {

    private final SmtpConnection c;
    private final Timeouts timeouts;
    private final String host;

    Verification(SmtpConnection c, Timeouts timeouts) {
        this.c = c;
        this.timeouts = timeouts;
        this.host = c.host();
    }

    DeliveryReport run(Envelope envelope, boolean vrfy) throws SendMailException {
        Capabilities caps = c.capabilities();
        boolean utf8 = envelope.needsSmtpUtf8();
        if (utf8 && !caps.smtpUtf8()) {
            throw new LocalPolicyException("the envelope needs SMTPUTF8, which the server does not offer",
                    Phase.MAIL, host, true);
        }
        List<Mailbox> rcpts = envelope.recipients();
        RecipientOutcome[] out = new RecipientOutcome[rcpts.size()];
        Phase phase = Phase.RCPT;
        try {
            if (vrfy) {
                if (caps.keywords().containsKey("VRFY")) {
                    for (int i = 0; i < rcpts.size(); i++) {
                        out[i] = byVrfy(rcpts.get(i), read("VRFY " + rcpts.get(i).address(), Phase.RCPT));
                    }
                } else {
                    c.listener().note(host, "the server does not offer VRFY; asking with RCPT TO");
                }
            }
            boolean rest = false;
            for (RecipientOutcome o : out) {
                rest |= o == null;
            }
            if (rest) {
                phase = Phase.MAIL;
                SmtpReply mail = read("MAIL FROM:" + envelope.reversePath() + (utf8 ? " SMTPUTF8" : ""), Phase.MAIL);
                if (!mail.isPositive()) {
                    reset();
                    throw new SmtpRejectedException(mail, Phase.MAIL, host);
                }
                phase = Phase.RCPT;
                for (int i = 0; i < rcpts.size(); i++) {
                    if (out[i] == null) {
                        out[i] = outcome(rcpts.get(i), read("RCPT TO:<" + rcpts.get(i).address() + ">", Phase.RCPT),
                                "RCPT");
                    }
                }
                reset();
            }
        } catch (IOException e) {
            c.markBroken();
            throw Failures.of(e, phase, host);
        }
        return new DeliveryReport(List.of(out));
    }

    /** 250/251: deliverable; 550, 551, 553: undeliverable; anything else (252, 502, 4xx) leaves it to RCPT. */
    private RecipientOutcome byVrfy(Mailbox r, SmtpReply reply) {
        int code = reply.code();
        if (code == 250 || code == 251 || code == 550 || code == 551 || code == 553) {
            return outcome(r, reply, "VRFY");
        }
        return null;
    }

    private RecipientOutcome outcome(Mailbox r, SmtpReply reply, String command) {
        if (reply.isPositive()) {
            return new RecipientOutcome(r, DeliveryStatus.DELIVERED, Optional.of(reply), Optional.of(host),
                    Optional.of(Phase.RCPT), command + " " + reply + " (" + host + ")", Optional.empty());
        }
        SmtpRejectedException e = new SmtpRejectedException(reply, Phase.RCPT, host);
        return new RecipientOutcome(r, e.isTransient() ? DeliveryStatus.DEFERRED : DeliveryStatus.FAILED,
                Optional.of(reply), Optional.of(host), Optional.of(Phase.RCPT),
                command + " " + reply + " (" + host + ")", Optional.of(e));
    }

    /** Ends the transaction; the connection is closed right after, so a refused RSET only makes it unusable. */
    private void reset() throws IOException {
        SmtpReply r = c.command("RSET", timeouts.command());
        if (!r.isPositive()) {
            c.markBroken();
        }
    }

    /** One command and its reply; a 421 fails the whole session. */
    private SmtpReply read(String command, Phase phase) throws IOException, SmtpRejectedException {
        SmtpReply r = c.command(command, timeouts.command());
        if (r.code() == 421) {
            c.markBroken();
            throw new SmtpRejectedException(r, phase, host);
        }
        return r;
    }
}
