package dev.sendmail.transport.jakarta;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.EtrnNode;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.spi.EtrnResult;
import dev.sendmail.spi.VerifyRequest;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ETRN and recipient verification over an open Angus session, through Angus's public
 * {@code simpleCommand(String)}: each command goes through the observed hooks (transcript, timeouts, 421), and
 * its reply is the one {@link ObservedSmtpTransport} recorded. No message is ever started.
 */
final class PlainCommands {

    private final SmtpConnection c;
    private final ObservedSmtpTransport smtp;
    private final String host;

    PlainCommands(SmtpConnection c, String host) {
        this.c = c;
        this.smtp = c.smtp();
        this.host = host;
    }

    EtrnResult etrn(EtrnNode node) throws SendMailException {
        boolean advertised = smtp.supportsExtension("ETRN");
        if (!advertised) {
            smtp.noteForTranscript("the server does not list ETRN in its EHLO reply; sending it anyway");
        }
        return new EtrnResult(host, node, advertised, command(node.command()));
    }

    DeliveryReport verify(VerifyRequest request) throws SendMailException {
        boolean utf8 = request.envelope().needsSmtpUtf8();
        if (utf8 && !smtp.supportsExtension("SMTPUTF8")) {
            throw new LocalPolicyException("the envelope needs SMTPUTF8, which the server does not offer",
                    Phase.MAIL, host, true);
        }
        List<Mailbox> rcpts = request.envelope().recipients();
        List<RecipientOutcome> out = new ArrayList<>();
        for (int i = 0; i < rcpts.size(); i++) {
            out.add(null);
        }
        if (request.vrfy()) {
            if (smtp.supportsExtension("VRFY")) {
                for (int i = 0; i < rcpts.size(); i++) {
                    SmtpReply r = command("VRFY " + rcpts.get(i).address());
                    int code = r.code();
                    if (code == 250 || code == 251 || code == 550 || code == 551 || code == 553) {
                        out.set(i, outcome(rcpts.get(i), r, "VRFY"));
                    }
                }
            } else {
                smtp.noteForTranscript("the server does not offer VRFY; asking with RCPT TO");
            }
        }
        if (out.contains(null)) {
            SmtpReply mail = command("MAIL FROM:" + request.envelope().reversePath() + (utf8 ? " SMTPUTF8" : ""));
            if (!mail.isPositive()) {
                command("RSET");
                throw new SmtpRejectedException(mail, Phase.MAIL, host);
            }
            for (int i = 0; i < rcpts.size(); i++) {
                if (out.get(i) == null) {
                    out.set(i, outcome(rcpts.get(i), command("RCPT TO:<" + rcpts.get(i).address() + ">"), "RCPT"));
                }
            }
            command("RSET");
        }
        return new DeliveryReport(out);
    }

    private RecipientOutcome outcome(Mailbox r, SmtpReply reply, String command) {
        String detail = command + " " + reply + " (" + host + ")";
        if (reply.isPositive()) {
            return new RecipientOutcome(r, DeliveryStatus.DELIVERED, Optional.of(reply), Optional.of(host),
                    Optional.of(Phase.RCPT), detail, Optional.empty());
        }
        SmtpRejectedException e = new SmtpRejectedException(reply, Phase.RCPT, host);
        return new RecipientOutcome(r, e.isTransient() ? DeliveryStatus.DEFERRED : DeliveryStatus.FAILED,
                Optional.of(reply), Optional.of(host), Optional.of(Phase.RCPT), detail, Optional.of(e));
    }

    /** Sends one command and returns its reply; no reply, a 421 or an I/O failure fails the session. */
    private SmtpReply command(String line) throws SendMailException {
        try {
            smtp.simpleCommand(line);
        } catch (MessagingException | RuntimeException e) {
            c.markBroken();
            throw FailureMapper.whole(e, smtp.state(), host);
        }
        Optional<SmtpReply> r = smtp.state().lastReply();
        if (r.isEmpty()) {
            c.markBroken();
            throw FailureMapper.whole(new MessagingException("no reply to " + line.split(" ")[0]), smtp.state(), host);
        }
        return r.get();
    }
}
