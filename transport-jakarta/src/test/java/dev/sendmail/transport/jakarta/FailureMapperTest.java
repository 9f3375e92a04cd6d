package dev.sendmail.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Phase;
import dev.sendmail.api.ProtocolViolationException;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.TlsFailedException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressSucceededException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Angus's exception chains, built as Angus builds them, classified without a server. */
class FailureMapperTest {

    private static final String HOST = "mx.example.net";
    private final Mailbox a = Mailbox.parse("a@example.net");
    private final Mailbox b = Mailbox.parse("b@example.net");
    private final InternetAddress ia = address(a);
    private final InternetAddress ib = address(b);
    private final IdentityHashMap<Address, Mailbox> map = new IdentityHashMap<>();

    FailureMapperTest() {
        map.put(ia, a);
        map.put(ib, b);
    }

    private static InternetAddress address(Mailbox m) {
        InternetAddress x = new InternetAddress();
        x.setAddress(m.address());
        return x;
    }

    private static WireState at(Phase p, String reply) {
        return new WireState(p, reply == null ? Optional.empty() : ReplyText.parse(reply), false, false, false,
                Optional.empty(), "", "", List.of());
    }

    @Test
    void successIsReportedThroughTheChainWithTheFinalReply() throws Exception {
        MessagingException chain = new SMTPAddressSucceededException(ia, "RCPT TO:<a@example.net>", 250, "250 2.1.5 Ok\n");
        chain.setNextException(new SMTPAddressFailedException(ib, "RCPT TO:<b@example.net>", 550,
                "550 5.1.1 User unknown\n"));
        SMTPSendFailedException top = new SMTPSendFailedException(".", 250, "250 2.0.0 Ok: queued as X\n", chain,
                new Address[] {ia}, new Address[0], new Address[] {ib});
        DeliveryReport r = FailureMapper.outcomes(top, List.of(a, b), map, at(Phase.DATA, "250 ok"), HOST);
        assertEquals(DeliveryStatus.DELIVERED, r.outcomes().get(0).status());
        assertTrue(r.outcomes().get(0).detail().contains("queued as X"), r.outcomes().get(0).detail());
        assertEquals(DeliveryStatus.FAILED, r.outcomes().get(1).status());
        assertEquals("RCPT 550 5.1.1 User unknown (mx.example.net)", r.outcomes().get(1).detail());
    }

    @Test
    void everyRecipientOfALongListIsFoundInTheChain() throws Exception {
        // Angus chains one exception per recipient: 1,010 recipients (over Postfix's default limit of 1,000,
        // the last 10 refused as too many) make a chain longer than a fixed bound of 1,000 links
        int n = 1010;
        List<Mailbox> rcpts = new java.util.ArrayList<>();
        IdentityHashMap<Address, Mailbox> byAddress = new IdentityHashMap<>();
        MessagingException first = null;
        MessagingException last = null;
        for (int i = 0; i < n; i++) {
            Mailbox m = Mailbox.parse("r" + i + "@example.net");
            InternetAddress x = address(m);
            rcpts.add(m);
            byAddress.put(x, m);
            MessagingException e = i < 1000 ? new SMTPAddressSucceededException(x, "RCPT", 250, "250 2.1.5 Ok\n")
                    : new SMTPAddressFailedException(x, "RCPT", 452, "452 4.5.3 Error: too many recipients\n");
            if (first == null) {
                first = e;
            } else {
                last.setNextException(e);
            }
            last = e;
        }
        SMTPSendFailedException top = new SMTPSendFailedException(".", 250, "250 2.0.0 Ok: queued as X\n", first,
                new Address[0], new Address[0], new Address[0]);
        DeliveryReport r = FailureMapper.outcomes(top, rcpts, byAddress, at(Phase.DATA, "250 ok"), HOST);
        assertEquals(1000, r.delivered().size());
        assertEquals(10, r.deferred().size());
        for (var o : r.deferred()) {
            assertEquals(Phase.RCPT, o.phase().orElseThrow(), o.toString());
            assertEquals(452, o.reply().orElseThrow().code(), o.toString());
        }
    }

    @Test
    void dataRefusalAfterAPartialRcptGoesToTheAcceptedOnly() throws Exception {
        MessagingException chain = new SMTPAddressSucceededException(ia, "RCPT", 250, "250 ok\n");
        chain.setNextException(new SMTPAddressFailedException(ib, "RCPT", 452, "452 4.2.2 Full\n"));
        SMTPSendFailedException top = new SMTPSendFailedException(".", 554, "554 5.7.1 Spam\n", chain,
                null, new Address[] {ia}, null);
        DeliveryReport r = FailureMapper.outcomes(top, List.of(a, b), map, at(Phase.DATA, "554 5.7.1 Spam"), HOST);
        assertEquals(DeliveryStatus.FAILED, r.outcomes().get(0).status());
        assertEquals(Phase.DATA, r.outcomes().get(0).phase().orElseThrow());
        assertEquals(DeliveryStatus.DEFERRED, r.outcomes().get(1).status());
        assertEquals(Phase.RCPT, r.outcomes().get(1).phase().orElseThrow());
    }

    @Test
    void dataRefusalWithNothingDecidedIsAWholeFailure() {
        MessagingException chain = new SMTPAddressSucceededException(ia, "RCPT", 250, "250 ok\n");
        SMTPSendFailedException top = new SMTPSendFailedException(".", 451, "451 4.3.0 later\n", chain, null,
                new Address[] {ia}, null);
        SmtpRejectedException e = assertThrows(SmtpRejectedException.class,
                () -> FailureMapper.outcomes(top, List.of(a), map, at(Phase.DATA, "451 4.3.0 later"), HOST));
        assertTrue(e.isTransient());
        assertEquals(Phase.DATA, e.phase().orElseThrow());
    }

    @Test
    void everyRecipientRefused() throws Exception {
        MessagingException chain = new SMTPAddressFailedException(ia, "RCPT", 550, "550 no\n");
        chain.setNextException(new SMTPAddressFailedException(ib, "RCPT", 553, "553 bad\n"));
        SendFailedException top = new SendFailedException("Invalid Addresses", chain, null, null,
                new Address[] {ia, ib});
        DeliveryReport r = FailureMapper.outcomes(top, List.of(a, b), map, at(Phase.RCPT, "553 bad"), HOST);
        assertEquals(2, r.failed().size());
        assertEquals(553, r.outcomes().get(1).reply().orElseThrow().code());
    }

    @Test
    void aBrokenConnectionKeepsTheRcptRefusalsItAlreadyHad() throws Exception {
        WireState st = new WireState(Phase.DATA, Optional.empty(), false, false, true, Optional.empty(), "", "",
                List.of(SmtpReply.of(250, "ok"), SmtpReply.of(550, "5.1.1 unknown")));
        MessagingException lost = new MessagingException("IOException while sending message", new EOFException());
        DeliveryReport r = FailureMapper.outcomes(lost, List.of(a, b), map, st, HOST);
        assertEquals(DeliveryStatus.DEFERRED, r.outcomes().get(0).status());
        assertEquals(Phase.DATA, r.outcomes().get(0).phase().orElseThrow());
        assertEquals(DeliveryStatus.FAILED, r.outcomes().get(1).status());
        assertEquals(Phase.RCPT, r.outcomes().get(1).phase().orElseThrow());
        WireState closing = new WireState(Phase.RCPT, ReplyText.parse("421 4.3.2 bye\n"), false, false, false,
                Optional.empty(), "", "", List.of(SmtpReply.of(250, "ok"), SmtpReply.of(421, "4.3.2 bye")));
        SmtpRejectedException e = assertThrows(SmtpRejectedException.class, () -> FailureMapper.outcomes(
                new ServiceClosingException("421 4.3.2 bye\n"), List.of(a, b), map, closing,
                HOST));
        assertEquals(421, e.smtpReply().code());
    }

    @Test
    void mailRefusalCarriesItsReply() {
        SMTPSendFailedException top = new SMTPSendFailedException("MAIL FROM:<x@y>", 553, "553 5.7.1 Sender\n", null,
                null, new Address[] {ia}, null);
        SendMailException e = FailureMapper.whole(top, at(Phase.MAIL, "553 5.7.1 Sender"), HOST);
        assertEquals("MAIL 553 5.7.1 Sender (mx.example.net)", e.getMessage());
    }

    @Test
    void ioCausesAreConnectionFailures() {
        MessagingException timeout = new MessagingException("Exception reading response",
                new SocketTimeoutException("Read timed out"));
        assertInstanceOf(ConnectionFailedException.class, FailureMapper.whole(timeout, at(Phase.RCPT, null), HOST));
        MessagingException eof = new MessagingException("IOException while sending message", new EOFException());
        SendMailException e = FailureMapper.whole(eof, at(Phase.DATA, null), HOST);
        assertInstanceOf(ConnectionFailedException.class, e);
        assertEquals(Phase.DATA, e.phase().orElseThrow());
        assertTrue(e.isTransient());
    }

    @Test
    void certificateFailureIsPermanentHandshakeFailureTransient() {
        SSLHandshakeException cert = new SSLHandshakeException("PKIX path building failed");
        cert.initCause(new CertificateException("PKIX path building failed"));
        TlsFailedException e1 = assertInstanceOf(TlsFailedException.class, FailureMapper.whole(
                new MessagingException("Could not convert socket to TLS", cert), at(Phase.STARTTLS, null), HOST));
        assertFalse(e1.isTransient());
        assertTrue(e1.getMessage().contains("certificate"), e1.getMessage());
        TlsFailedException e2 = assertInstanceOf(TlsFailedException.class, FailureMapper.whole(
                new MessagingException("x", new SSLHandshakeException("Received fatal alert: protocol_version")),
                at(Phase.CONNECT, null), HOST));
        assertTrue(e2.isTransient());
        assertEquals(Phase.CONNECT, e2.phase().orElseThrow());
    }

    @Test
    void authenticationReplies() {
        WireState st = new WireState(Phase.AUTH, ReplyText.parse("454 4.7.0 Temporary failure\n"), false, true, false,
                Optional.of("PLAIN"), "PLAIN LOGIN", "PLAIN LOGIN", List.of());
        AuthenticationFailedException e = assertInstanceOf(AuthenticationFailedException.class, FailureMapper.whole(
                new jakarta.mail.AuthenticationFailedException("454 4.7.0 Temporary failure"), st, HOST));
        assertTrue(e.isTransient());
        assertEquals("AUTH PLAIN 454 4.7.0 Temporary failure (mx.example.net)", e.getMessage());
        SendMailException none = FailureMapper.whole(new jakarta.mail.AuthenticationFailedException(
                "No authentication mechanisms supported by both server and client"), new WireState(Phase.EHLO,
                Optional.empty(), false, true, false, Optional.empty(), "CRAM-MD5", "PLAIN LOGIN", List.of()), HOST);
        assertTrue(none.getMessage().contains("the server offers CRAM-MD5; allowed: PLAIN LOGIN"), none.getMessage());
    }

    @Test
    void unreadableReplyIsAProtocolViolation() {
        SendMailException e = FailureMapper.whole(new MessagingException("bad"), at(Phase.MAIL, null), HOST);
        assertInstanceOf(ProtocolViolationException.class, e);
        SendMailException closed = FailureMapper.whole(new MessagingException("bad"), new WireState(Phase.MAIL,
                Optional.empty(), false, false, true, Optional.empty(), "", "", List.of()), HOST);
        assertInstanceOf(ConnectionFailedException.class, closed);
    }

    @Test
    void chainsWithCyclesEnd() {
        MessagingException x = new MessagingException("x");
        MessagingException y = new MessagingException("y", x);
        x.setNextException(y);
        assertEquals(2, FailureMapper.chain(x).size());
    }
}
