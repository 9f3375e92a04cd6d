package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.ContentTraits;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Dsn;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.MailProtocol;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.Timeouts;
import dev.sendmail.spi.LocalPolicy;
import dev.sendmail.spi.SendRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One mail transaction on a ready connection: checks what the server must support, then MAIL, every RCPT
 * and DATA (or BDAT) — in one write when the server pipelines — then the content, streamed, and the final
 * reply. Every recipient gets an outcome; the transaction goes on when at least one recipient was accepted.
 * On a reused connection an RSET goes first, in the same write.
 */
final class MailTransaction {

    /** Messages up to this size go in the same write as MAIL and RCPT when the server offers CHUNKING. */
    static final long INLINE_BDAT_LIMIT = 64 * 1024;

    private final SmtpConnection c;
    private final SendRequest request;
    private final ContentTraits traits;
    private final Timeouts timeouts;
    private final boolean rsetFirst;
    private final boolean chunkingAllowed;
    private final String host;
    private boolean dataEndSent;
    private int replies;

    MailTransaction(SmtpConnection c, SendRequest request, ContentTraits traits, Timeouts timeouts,
                    boolean rsetFirst, boolean chunkingAllowed) {
        this.c = c;
        this.request = request;
        this.traits = traits;
        this.timeouts = timeouts;
        this.rsetFirst = rsetFirst;
        this.chunkingAllowed = chunkingAllowed;
        this.host = c.host();
    }

    /**
     * True when {@code failure} shows a connection that was already dead when this transaction began, and
     * nothing of the message can have been accepted: the message may go again on a fresh connection.
     */
    boolean mayRetry(SendMailException failure) {
        boolean dead = failure instanceof ConnectionFailedException
                || failure instanceof SmtpRejectedException r && r.smtpReply().code() == 421;
        return rsetFirst && dead && (!dataEndSent || replies == 0);
    }

    DeliveryReport run() throws SendMailException {
        c.writeTimeout(timeouts.dataBlock());
        Capabilities caps = c.capabilities();
        boolean smtpUtf8 = checkPolicy(caps);
        List<Mailbox> rcpts = request.envelope().recipients();
        boolean lmtp = c.protocol() == MailProtocol.LMTP;
        // LMTP: DATA only, so that the per-recipient replies follow the one end of the data
        boolean bdat = chunkingAllowed && caps.chunking() && !lmtp;
        boolean pipe = caps.pipelining();
        boolean inline = bdat && pipe && traits.wireSize() <= INLINE_BDAT_LIMIT;
        Phase phase = Phase.MAIL;
        try {
            if (rsetFirst) {
                c.send("RSET");
                if (!pipe) {
                    c.flush();
                    expectRset();
                }
            }
            c.send(mailCommand(caps, smtpUtf8));
            List<SmtpReply> rcptReplies = new ArrayList<>(rcpts.size());
            SmtpReply dataReply = null;
            SmtpReply mailReply;
            if (pipe) {
                for (Mailbox r : rcpts) {
                    c.send(rcptCommand(r));
                }
                if (inline) {
                    c.send("BDAT " + traits.wireSize() + " LAST");
                    writeContent(false);
                    dataEndSent = true;
                } else if (!bdat) {
                    c.send("DATA");
                }
                c.flush();
                if (rsetFirst) {
                    expectRset();
                }
                mailReply = read(timeouts.command(), Phase.MAIL, "MAIL", 250, 251);
                phase = Phase.RCPT;
                for (int i = 0; i < rcpts.size(); i++) {
                    rcptReplies.add(read(timeouts.command(), Phase.RCPT, "RCPT", 250, 251));
                }
                phase = Phase.DATA;
                if (inline) {
                    dataReply = read(timeouts.dataTermination(), Phase.DATA, "BDAT", 250);
                } else if (!bdat) {
                    dataReply = read(timeouts.dataInitiation(), Phase.DATA, "DATA", 354);
                }
            } else {
                c.flush();
                mailReply = read(timeouts.command(), Phase.MAIL, "MAIL", 250, 251);
                if (!mailReply.isPositive()) {
                    throw rejected(mailReply, Phase.MAIL);
                }
                phase = Phase.RCPT;
                for (Mailbox r : rcpts) {
                    c.send(rcptCommand(r));
                    c.flush();
                    rcptReplies.add(read(timeouts.command(), Phase.RCPT, "RCPT", 250, 251));
                }
            }
            phase = Phase.MAIL;
            if (!mailReply.isPositive()) {
                abandonData(dataReply, inline);
                throw rejected(mailReply, Phase.MAIL);
            }
            phase = Phase.DATA;
            boolean anyAccepted = rcptReplies.stream().anyMatch(SmtpReply::isPositive);
            if (!anyAccepted) {
                abandonData(dataReply, inline);
                return report(rcptReplies, null);
            }
            SmtpReply last;
            if (inline) {
                last = dataReply;
            } else if (bdat) {
                c.send("BDAT " + traits.wireSize() + " LAST");
                writeContent(false);
                dataEndSent = true;
                c.flush();
                last = read(timeouts.dataTermination(), Phase.DATA, "BDAT", 250);
            } else {
                if (dataReply == null) {
                    c.send("DATA");
                    c.flush();
                    dataReply = read(timeouts.dataInitiation(), Phase.DATA, "DATA", 354);
                }
                if (dataReply.code() != 354) {
                    last = dataReply;
                } else {
                    writeContent(true);
                    dataEndSent = true;
                    c.flush();
                    if (lmtp) {
                        return lmtpReport(rcptReplies);
                    }
                    last = read(timeouts.dataTermination(), Phase.DATA, "the end of the data", 250);
                }
            }
            return report(rcptReplies, last);
        } catch (IOException e) {
            c.markBroken();
            throw Failures.of(e, phase, host);
        }
    }

    private void expectRset() throws IOException, SendMailException {
        SmtpReply r = read(timeouts.command(), Phase.MAIL, "RSET", 250);
        if (!r.isPositive()) {
            c.markBroken();
            throw new ConnectionFailedException("RSET refused: " + r, Phase.MAIL, host, null);
        }
    }

    /**
     * Reads the reply to {@code command}, which must be a failure or one of {@code codes} (anything else is a
     * protocol violation); a 421 means the server is closing the connection, which fails the whole transaction.
     */
    private SmtpReply read(java.time.Duration timeout, Phase phase, String command, int... codes)
            throws IOException, SmtpRejectedException {
        SmtpReply r = c.read(timeout);
        if (r.code() == 421) {
            c.markBroken();
            throw new SmtpRejectedException(r, phase, host);
        }
        replies++;
        return ExpectedReply.check(r, command, codes);
    }

    private SmtpRejectedException rejected(SmtpReply r, Phase phase) {
        if (r.code() == 421) {
            c.markBroken();
        }
        return new SmtpRejectedException(r, phase, host);
    }

    /** After a pipelined DATA that should not have been accepted: end the empty message so nothing is kept. */
    private void abandonData(SmtpReply dataReply, boolean inline) throws IOException, SmtpRejectedException {
        if (!inline && dataReply != null && dataReply.code() == 354) {
            c.send(".");
            c.flush();
            read(timeouts.dataTermination(), Phase.DATA, "the end of the data", 250);
        }
    }

    private DeliveryReport report(List<SmtpReply> rcptReplies, SmtpReply last) throws SendMailException {
        List<Mailbox> rcpts = request.envelope().recipients();
        boolean allAccepted = rcptReplies.stream().allMatch(SmtpReply::isPositive);
        if (last != null && !last.isPositive() && allAccepted) {
            throw new SmtpRejectedException(last, Phase.DATA, host);
        }
        List<RecipientOutcome> out = new ArrayList<>(rcpts.size());
        for (int i = 0; i < rcpts.size(); i++) {
            SmtpReply r = rcptReplies.get(i);
            if (!r.isPositive()) {
                out.add(RecipientOutcome.of(rcpts.get(i), new SmtpRejectedException(r, Phase.RCPT, host)));
            } else if (last.isPositive()) {
                out.add(RecipientOutcome.delivered(rcpts.get(i), last, host));
            } else {
                out.add(RecipientOutcome.of(rcpts.get(i), new SmtpRejectedException(last, Phase.DATA, host)));
            }
        }
        return new DeliveryReport(out);
    }

    /**
     * LMTP (RFC 2033 4.2): after the data, one reply per recipient accepted at RCPT, in RCPT order; each decides
     * that recipient alone. When the replies stop (a 421, a timeout, the connection lost), the recipients whose
     * reply never came fail transiently: they are never reported delivered.
     */
    private DeliveryReport lmtpReport(List<SmtpReply> rcptReplies) {
        List<Mailbox> rcpts = request.envelope().recipients();
        List<RecipientOutcome> out = new ArrayList<>(rcpts.size());
        SendMailException stopped = null;
        for (int i = 0; i < rcpts.size(); i++) {
            SmtpReply accepted = rcptReplies.get(i);
            if (!accepted.isPositive()) {
                out.add(RecipientOutcome.of(rcpts.get(i), new SmtpRejectedException(accepted, Phase.RCPT, host)));
                continue;
            }
            if (stopped != null) {
                out.add(RecipientOutcome.of(rcpts.get(i), stopped));
                continue;
            }
            try {
                SmtpReply r = ExpectedReply.check(c.read(timeouts.dataTermination()), "the end of the data", 250);
                replies++;
                if (r.isPositive()) {
                    out.add(RecipientOutcome.delivered(rcpts.get(i), r, host));
                    continue;
                }
                SmtpRejectedException refused = new SmtpRejectedException(r, Phase.DATA, host);
                out.add(RecipientOutcome.of(rcpts.get(i), refused));
                if (r.code() == 421) {
                    c.markBroken();
                    stopped = refused;
                }
            } catch (IOException e) {
                c.markBroken();
                stopped = Failures.of(e, Phase.DATA, host);
                out.add(RecipientOutcome.of(rcpts.get(i), stopped));
            }
        }
        return new DeliveryReport(out);
    }

    /** Local refusals, before any command of the transaction is sent. Returns whether to declare SMTPUTF8. */
    private boolean checkPolicy(Capabilities caps) throws LocalPolicyException {
        LocalPolicy.ServerOffers offers = offers(caps);
        LocalPolicy.checkServer(request.envelope(), traits, request.options(), offers, c.tlsState(), host);
        String note = LocalPolicy.eightBitNote(request.envelope(), traits, request.options(), offers);
        if (note != null) {
            c.listener().note(host, note);
        }
        return LocalPolicy.wantSmtpUtf8(request.envelope(), traits, request.options(), offers);
    }

    private static LocalPolicy.ServerOffers offers(Capabilities caps) {
        return new LocalPolicy.ServerOffers(caps.smtpUtf8(), caps.dsn(), caps.eightBitMime(), caps.sizeLimit());
    }

    private String mailCommand(Capabilities caps, boolean smtpUtf8) {
        DeliveryOptions o = request.options();
        StringBuilder sb = new StringBuilder("MAIL FROM:").append(request.envelope().reversePath());
        if (caps.has("SIZE")) {
            sb.append(" SIZE=").append(traits.wireSize());
        }
        if (LocalPolicy.wantEightBit(traits, o, offers(caps))) {
            sb.append(" BODY=8BITMIME");
        }
        if (smtpUtf8) {
            sb.append(" SMTPUTF8");
        }
        if (LocalPolicy.wantRequireTls(o, caps.has("REQUIRETLS"))) {
            sb.append(" REQUIRETLS");
        }
        Dsn dsn = o.dsn();
        dsn.ret().ifPresent(r -> sb.append(" RET=").append(r.name()));
        dsn.envelopeId().ifPresent(id -> sb.append(" ENVID=").append(Dsn.xtext(id)));
        return sb.toString();
    }

    private String rcptCommand(Mailbox r) {
        StringBuilder sb = new StringBuilder("RCPT TO:<").append(r.address()).append('>');
        Dsn dsn = request.options().dsn();
        if (!dsn.notifyOn().isEmpty()) {
            sb.append(" NOTIFY=").append(dsn.notifyOn().stream().sorted().map(Enum::name)
                    .collect(Collectors.joining(",")));
        }
        if (dsn.originalRecipient()) {
            sb.append(" ORCPT=").append(originalRecipient(r));
        }
        return sb.toString();
    }

    /** {@code rfc822;} with xtext (RFC 3461), or {@code utf-8;} with utf-8-addr-unitext (RFC 6533) when needed. */
    static String originalRecipient(Mailbox r) {
        if (!r.needsSmtpUtf8()) {
            return "rfc822;" + Dsn.xtext(r.address());
        }
        StringBuilder sb = new StringBuilder("utf-8;");
        r.address().codePoints().forEach(cp -> {
            if (cp < 0x21 || cp == 0x7F || cp == '+' || cp == '\\' || cp == '=') {
                sb.append("\\x{").append(Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT)).append('}');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /** Streams the content through the encoder into the connection's buffer. */
    private void writeContent(boolean dotStuffing) throws IOException {
        DataEncoder enc = new DataEncoder(c.sink(), dotStuffing, ContentTraits.MAX_LINE_OCTETS);
        int size = (int) Math.min(CommandWriter.BUFFER, Math.max(512, traits.wireSize() + 1));
        byte[] buf = new byte[size];
        InputStream opened;
        try {
            opened = request.content().open();
        } catch (IOException e) {
            throw new ContentException("cannot read the message: " + Failures.message(e), e);
        }
        try (InputStream in = opened) {
            int n;
            while ((n = readContent(in, buf)) > 0) {
                enc.write(buf, 0, n);
            }
        }
        enc.finish();
        if (!dotStuffing && enc.octets() != traits.wireSize()) {
            c.markBroken();
            throw new ContentException("the message changed while it was sent ("
                    + enc.octets() + " octets instead of " + traits.wireSize() + ")", null);
        }
    }

    private static int readContent(InputStream in, byte[] buf) throws ContentException {
        try {
            return in.read(buf);
        } catch (IOException e) {
            throw new ContentException("cannot read the message: " + Failures.message(e), e);
        }
    }

    /** The message could not be read; the connection is abandoned mid-message. */
    static final class ContentException extends IOException {
        private static final long serialVersionUID = 1L;

        ContentException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
