package dev.sendmail.transport.jakarta;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Phase;
import dev.sendmail.api.ProtocolViolationException;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TlsFailedException;
import dev.sendmail.api.TlsRequirement;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressSucceededException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * The one place where Angus's exceptions become send-mail's: a whole-transaction failure becomes one
 * {@link SendMailException}, and the outcome of a transaction (Angus reports it, success included, as a chain
 * of {@code SMTPAddressSucceededException}/{@code SMTPAddressFailedException} under an
 * {@code SMTPSendFailedException} for the final dot) becomes one outcome per recipient.
 */
final class FailureMapper {

    private FailureMapper() {
    }

    /**
     * Like {@link #whole(Throwable, WireState, String)} for a host with a {@link TlsRequirement}: a TLS failure
     * (no STARTTLS, a handshake or certificate that fails the requirement) is transient, so the mail is deferred
     * and the next host tried, and names the rule.
     */
    static SendMailException whole(Throwable failure, WireState state, String host, TlsRequirement requirement) {
        SendMailException e = whole(failure, state, host);
        if (!requirement.requiresTls() || !(e instanceof TlsFailedException t)) {
            return e;
        }
        String what = t.getMessage();
        String prefix = t.phase().map(p -> p + " ").orElse("");
        if (what.startsWith(prefix)) {
            what = what.substring(prefix.length());
        }
        String suffix = " (" + host + ")";
        if (what.endsWith(suffix)) {
            what = what.substring(0, what.length() - suffix.length());
        }
        return new TlsFailedException(what + " [" + requirement.rule() + "]", true, t.reply(),
                t.phase().orElse(Phase.STARTTLS), host, failure);
    }

    /** Classifies a failure of the connection or of the whole transaction. */
    static SendMailException whole(Throwable failure, WireState state, String host) {
        List<Throwable> chain = chain(failure);
        Phase phase = state.phase();
        Optional<SmtpReply> reply = state.lastReply().filter(r -> !r.isPositive());
        CredentialsRefusedException refused = find(chain,
                CredentialsRefusedException.class);
        if (refused != null) {
            return new AuthenticationFailedException(refused.getMessage(), Optional.empty(), host);
        }
        UnexpectedReplyException unexpected = find(chain,
                UnexpectedReplyException.class);
        if (unexpected != null) {
            return new ProtocolViolationException(ReplyText.printable(unexpected.getMessage()), phase, host);
        }
        GuardedSocket.UnexpectedInputException input = find(chain, GuardedSocket.UnexpectedInputException.class);
        if (input != null) {
            return new ProtocolViolationException(input.getMessage(), phase, host);
        }
        if (state.startTlsMissing()) {
            return new TlsFailedException("the server does not offer STARTTLS", false,
                    Optional.empty(), Phase.STARTTLS, host, failure);
        }
        StreamedMessage.ContentException content = find(chain, StreamedMessage.ContentException.class);
        if (content != null) {
            return new LocalPolicyException(ReplyText.printable(content.getMessage()), Phase.DATA, host);
        }
        if (find(chain, GuardedSocket.ReplyTooLongException.class) != null) {
            return new ProtocolViolationException("reply longer than " + GuardedSocket.READ_BUDGET + " octets",
                    phase, host);
        }
        Throwable tls = find(chain, SSLException.class);
        if (tls == null) {
            tls = find(chain, CertificateException.class);
        }
        if (tls == null) {
            tls = find(chain, GeneralSecurityException.class);
        }
        if (tls != null) {
            if (phase == Phase.GREETING || phase == Phase.CONNECT || phase == Phase.STARTTLS) {
                Phase p = phase == Phase.STARTTLS ? Phase.STARTTLS : Phase.CONNECT;
                Optional<String> cert = dev.sendmail.spi.TlsSupport.describeCertificateFailure(failure);
                // a certificate that fails the check will fail it again: permanent, as in the socket transport
                return new TlsFailedException(cert.orElse("TLS handshake failed: " + message(tls)), cert.isEmpty(),
                        Optional.empty(), p, host, failure);
            }
            // an established TLS session that broke later: the connection was lost
            return lost(find(chain, IOException.class), phase, host);
        }
        jakarta.mail.AuthenticationFailedException auth = find(chain, jakarta.mail.AuthenticationFailedException.class);
        if (auth != null) {
            String m = String.valueOf(auth.getMessage());
            if (m.startsWith("No authentication mechanisms")) {
                return new AuthenticationFailedException("no common SASL mechanism: the server offers "
                        + state.offeredAuth() + "; allowed: " + state.allowedAuth(), Optional.empty(), host);
            }
            Optional<SmtpReply> r = phase == Phase.AUTH ? reply : Optional.empty();
            Optional<SmtpReply> challenge = state.lastReply().filter(x -> x.code() == 334);
            if (r.isEmpty() && phase == Phase.AUTH && challenge.isPresent()
                    && state.authMechanism().filter("XOAUTH2"::equalsIgnoreCase).isPresent()) {
                // Angus gives up at the error challenge (RFC 7628 3.2.2 style JSON) instead of reading the final
                // reply: that challenge is the server's answer to the token
                return new AuthenticationFailedException("XOAUTH2 token refused: the server answered with an error"
                        + " challenge", challenge, host);
            }
            String mech = state.authMechanism().map(x -> x + " ").orElse("");
            return new AuthenticationFailedException(mech + r.map(SmtpReply::toString).orElse("authentication failed"),
                    r, host);
        }
        SMTPSendFailedException sent = find(chain, SMTPSendFailedException.class);
        if (sent != null && sent.getReturnCode() >= 400 && sent.getReturnCode() <= 599) {
            SmtpReply r = ReplyText.of(sent.getReturnCode(), sent.getMessage());
            return new SmtpRejectedException(r, phaseOfCommand(sent.getCommand(), phase), host);
        }
        if (find(chain, SocketTimeoutException.class) != null) {
            return new ConnectionFailedException("timed out waiting for the server", phase, host, failure);
        }
        if (find(chain, UnknownHostException.class) != null) {
            return new ConnectionFailedException("cannot resolve host name " + host, Phase.CONNECT, host, failure);
        }
        if (reply.isPresent()) {
            if (phase == Phase.STARTTLS) {
                return new TlsFailedException("STARTTLS refused: " + reply.get(), reply.get().isTransient(), reply,
                        Phase.STARTTLS, host, failure);
            }
            if (phase == Phase.AUTH) {
                return new AuthenticationFailedException(state.authMechanism().map(x -> x + " ").orElse("")
                        + reply.get(), reply, host);
            }
            return new SmtpRejectedException(reply.get(), phase, host);
        }
        IOException io = find(chain, IOException.class);
        if (io != null) {
            return lost(io, phase, host);
        }
        if (state.closedByServer()) {
            return new ConnectionFailedException("connection closed by the server", phase, host, failure);
        }
        if (state.lastReply().isEmpty()) {
            return new ProtocolViolationException("malformed or unexpected reply", phase, host);
        }
        return new ProtocolViolationException("unexpected reply " + state.lastReply().get(), phase, host);
    }

    /**
     * The outcome of every recipient after {@code sendMessage} threw {@code failure}. Angus (with
     * {@code reportsuccess}) throws even on success: the top exception carries the reply to the final dot.
     *
     * @param recipients the envelope's recipients, in order
     * @param addresses each Angus address passed to {@code sendMessage} and the recipient it stands for
     * @throws SendMailException when no recipient was decided on its own: the whole transaction failed
     */
    static DeliveryReport outcomes(MessagingException failure, List<Mailbox> recipients,
                                   IdentityHashMap<Address, Mailbox> addresses, WireState state, String host)
            throws SendMailException {
        List<Throwable> all = chain(failure, CHAIN_LIMIT + 2 * recipients.size());
        if (find(all, UnexpectedReplyException.class) != null
                || find(all, GuardedSocket.UnexpectedInputException.class) != null) {
            // out of step: no reply of this transaction can be trusted, whatever Angus made of them
            throw whole(failure, state, host);
        }
        Map<Mailbox, RecipientOutcome> decided = new LinkedHashMap<>();
        List<Mailbox> accepted = new ArrayList<>();
        for (Throwable t : all) {
            if (t instanceof SMTPAddressSucceededException ok) {
                Mailbox m = lookup(addresses, ok.getAddress());
                if (m != null) {
                    accepted.add(m);
                }
            } else if (t instanceof SMTPAddressFailedException bad && t != failure) {
                Mailbox m = lookup(addresses, bad.getAddress());
                if (m != null && bad.getReturnCode() >= 400 && bad.getReturnCode() <= 599) {
                    SmtpReply r = ReplyText.of(bad.getReturnCode(), bad.getMessage());
                    decided.put(m, RecipientOutcome.of(m, new SmtpRejectedException(r, Phase.RCPT, host)));
                }
            }
        }
        if (decided.isEmpty() && accepted.isEmpty()) {
            // Angus drops its chain when the connection breaks: what each RCPT got is still known
            List<SmtpReply> replies = state.rcptReplies();
            for (int i = 0; i < replies.size() && i < recipients.size(); i++) {
                SmtpReply r = replies.get(i);
                if (!r.isPositive() && r.code() != 421) { // 421 is about the connection, not the recipient
                    Mailbox m = recipients.get(i);
                    decided.put(m, RecipientOutcome.of(m, new SmtpRejectedException(r, Phase.RCPT, host)));
                }
            }
        }
        if (failure instanceof SMTPSendFailedException top && isDataCommand(top.getCommand())
                && top.getReturnCode() == 250) {
            SmtpReply r = ReplyText.of(250, top.getMessage());
            for (Mailbox m : accepted) {
                decided.put(m, RecipientOutcome.delivered(m, r, host));
            }
        } else if (failure.getClass() == SendFailedException.class && accepted.isEmpty() && !decided.isEmpty()) {
            // "Invalid Addresses": every recipient refused at RCPT, nothing sent
        } else {
            SendMailException whole = whole(failure, state, host);
            if (decided.isEmpty()) {
                throw whole;
            }
            for (Mailbox m : recipients) {
                decided.putIfAbsent(m, RecipientOutcome.of(m, whole));
            }
        }
        List<RecipientOutcome> ordered = new ArrayList<>();
        SendMailException unknown = null;
        for (Mailbox m : recipients) {
            RecipientOutcome o = decided.get(m);
            if (o == null) {
                if (unknown == null) {
                    unknown = new ProtocolViolationException("no reply recorded for this recipient", Phase.RCPT, host);
                }
                o = RecipientOutcome.of(m, unknown);
            }
            ordered.add(o);
        }
        return new DeliveryReport(ordered);
    }

    private static ConnectionFailedException lost(IOException io, Phase phase, String host) {
        if (io == null) {
            return new ConnectionFailedException("connection lost", phase, host, null);
        }
        String what = io instanceof EOFException ? "connection closed by the server" : "connection lost: " + message(io);
        return new ConnectionFailedException(what, phase, host, io);
    }

    private static boolean isDataCommand(String cmd) {
        return ".".equals(cmd) || "DATA".equalsIgnoreCase(cmd);
    }

    private static Phase phaseOfCommand(String cmd, Phase fallback) {
        if (cmd == null) {
            return fallback;
        }
        if (isDataCommand(cmd)) {
            return Phase.DATA;
        }
        if (cmd.regionMatches(true, 0, "MAIL", 0, 4)) {
            return Phase.MAIL;
        }
        if (cmd.regionMatches(true, 0, "RCPT", 0, 4)) {
            return Phase.RCPT;
        }
        return fallback;
    }

    private static Mailbox lookup(IdentityHashMap<Address, Mailbox> addresses, Address a) {
        Mailbox m = addresses.get(a);
        if (m == null && a != null) {
            for (Map.Entry<Address, Mailbox> e : addresses.entrySet()) {
                if (e.getKey().equals(a)) {
                    return e.getValue();
                }
            }
        }
        return m;
    }

    /** The exception, its causes and (for Angus's exceptions) the chained next exceptions, without cycles. */
    static List<Throwable> chain(Throwable failure) {
        return chain(failure, CHAIN_LIMIT);
    }

    /** Links followed in a failure's chain when no recipient list says how long it may be. */
    private static final int CHAIN_LIMIT = 1000;

    /**
     * The failure, its causes and Angus's next-exceptions, each once, at most {@code limit} of them. Angus chains
     * one exception per recipient, so a transaction's chain is as long as its recipient list.
     */
    static List<Throwable> chain(Throwable failure, int limit) {
        List<Throwable> out = new ArrayList<>();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.add(failure);
        while (!todo.isEmpty() && out.size() < limit) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            out.add(t);
            if (t instanceof MessagingException me && me.getNextException() != null) {
                todo.add(me.getNextException());
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
        }
        return out;
    }

    private static <T> T find(List<Throwable> chain, Class<T> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return ReplyText.printable(m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
    }
}
