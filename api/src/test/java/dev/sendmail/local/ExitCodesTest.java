package dev.sendmail.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Phase;
import dev.sendmail.api.ProtocolViolationException;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TlsFailedException;
import dev.sendmail.config.ConfigException;
import dev.sendmail.queue.EntryReport;
import dev.sendmail.queue.QueueRun;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExitCodesTest {

    private static final Mailbox BOB = Mailbox.parse("bob@b.test");

    private static int code(SendMailException e) {
        return ExitCodes.forOutcome(RecipientOutcome.of(BOB, e));
    }

    private static SmtpRejectedException rejected(int code, String text, Phase phase) {
        return new SmtpRejectedException(SmtpReply.of(code, text), phase, "mx.b.test");
    }

    @Test
    void eachFailureHasItsCode() {
        assertEquals(67, code(rejected(550, "5.1.1 User unknown", Phase.RCPT)));
        assertEquals(67, code(rejected(550, "No such user here", Phase.RCPT)), "550 without status at RCPT");
        assertEquals(67, code(rejected(553, "mailbox name not allowed", Phase.RCPT)));
        assertEquals(69, code(rejected(550, "5.7.1 Relaying denied", Phase.RCPT)));
        assertEquals(69, code(rejected(554, "Transaction failed", Phase.DATA)));
        assertEquals(69, code(rejected(550, "rejected", Phase.MAIL)));
        assertEquals(77, code(rejected(530, "5.7.0 Authentication required", Phase.MAIL)));
        assertEquals(77, code(rejected(530, "5.7.0 Authentication required", Phase.RCPT)));
        assertEquals(77, code(rejected(530, "Authentication required", Phase.RCPT)), "530 without status");
        assertEquals(69, code(new LocalPolicyException("DSN was requested, but the server does not offer it",
                Phase.MAIL, "h", true)));
        assertEquals(75, code(rejected(451, "4.3.0 try again", Phase.RCPT)));
        assertEquals(75, code(rejected(421, "closing", Phase.GREETING)));
        assertEquals(68, code(new ResolutionFailedException("b.test", ResolutionFailedException.Reason.NO_SUCH_DOMAIN,
                "no such domain", null)));
        assertEquals(68, code(new ResolutionFailedException("b.test", ResolutionFailedException.Reason.NULL_MX,
                "null MX", null)));
        assertEquals(75, code(new ResolutionFailedException("b.test", ResolutionFailedException.Reason.TEMPORARY,
                "SERVFAIL", null)));
        assertEquals(69, code(new ResolutionFailedException("b.test", ResolutionFailedException.Reason.PERMANENT,
                "CNAME loop", null)));
        assertEquals(78, code(new ResolutionFailedException("b.test", ResolutionFailedException.Reason.UNSUPPORTED,
                "this resolver cannot look up TXT records", null)), "a resolver that cannot do the lookup");
        assertEquals(77, code(new AuthenticationFailedException("535 5.7.8 bad credentials",
                Optional.of(SmtpReply.of(535, "5.7.8 bad")), "h")));
        assertEquals(75, code(new AuthenticationFailedException("454 temporary",
                Optional.of(SmtpReply.of(454, "4.7.0 later")), "h")));
        assertEquals(76, code(new ProtocolViolationException("garbage reply", Phase.EHLO, "h")));
        assertEquals(65, code(new LocalPolicyException("line 3 is longer than 998 octets", Phase.DATA, "h")));
        assertEquals(75, code(new ConnectionFailedException("refused", Phase.CONNECT, "h", null)));
        assertEquals(75, code(new TlsFailedException("handshake", true, Optional.empty(), Phase.STARTTLS, "h", null)));
        assertEquals(69, code(new TlsFailedException("certificate", false, Optional.empty(), Phase.STARTTLS, "h", null)));
    }

    @Test
    void permanentOutranksProtocolOutranksTemporary() {
        RecipientOutcome ok = RecipientOutcome.delivered(BOB, SmtpReply.of(250, "ok"), "h");
        RecipientOutcome temp = RecipientOutcome.of(Mailbox.parse("t@b.test"), rejected(450, "busy", Phase.RCPT));
        RecipientOutcome proto = RecipientOutcome.of(Mailbox.parse("p@b.test"),
                new ProtocolViolationException("bad", Phase.DATA, "h"));
        RecipientOutcome unknown = RecipientOutcome.of(Mailbox.parse("u@b.test"),
                rejected(550, "5.1.1 unknown", Phase.RCPT));
        RecipientOutcome nohost = RecipientOutcome.of(Mailbox.parse("n@c.test"), new ResolutionFailedException(
                "c.test", ResolutionFailedException.Reason.NO_SUCH_DOMAIN, "nx", null));
        assertEquals(0, ExitCodes.forReport(new DeliveryReport(List.of(ok))));
        assertEquals(75, ExitCodes.forReport(new DeliveryReport(List.of(ok, temp))));
        assertEquals(76, ExitCodes.forReport(new DeliveryReport(List.of(temp, proto))));
        assertEquals(67, ExitCodes.forReport(new DeliveryReport(List.of(temp, unknown, proto))));
        assertEquals(68, ExitCodes.forReport(new DeliveryReport(List.of(nohost, temp, unknown))),
                "the first permanent failure decides");
    }

    @Test
    void theStatusDecidesBetweenTemporaryAndPermanent() {
        SmtpRejectedException unknown = rejected(550, "5.1.1 unknown", Phase.RCPT);
        RecipientOutcome deferred = new RecipientOutcome(BOB, DeliveryStatus.DEFERRED, unknown.reply(),
                unknown.host(), unknown.phase(), unknown.getMessage(), Optional.of(unknown));
        assertEquals(75, ExitCodes.forOutcome(deferred), "a deferred recipient is never a permanent failure");
        SmtpRejectedException busy = rejected(451, "4.3.0 busy", Phase.RCPT);
        RecipientOutcome failed = new RecipientOutcome(BOB, DeliveryStatus.FAILED, busy.reply(), busy.host(),
                busy.phase(), busy.getMessage(), Optional.of(busy));
        assertEquals(69, ExitCodes.forOutcome(failed), "a failed recipient is never a temporary failure");
        RecipientOutcome noFailure = new RecipientOutcome(BOB, DeliveryStatus.FAILED, unknown.reply(),
                unknown.host(), unknown.phase(), unknown.getMessage(), Optional.empty());
        assertEquals(67, ExitCodes.forOutcome(noFailure), "without a classified failure the reply decides");
    }

    @Test
    void etrnRepliesAfterRfc1985() {
        assertEquals(0, ExitCodes.forEtrn(SmtpReply.of(250, "queuing started")));
        assertEquals(0, ExitCodes.forEtrn(SmtpReply.of(253, "2 messages pending")));
        assertEquals(75, ExitCodes.forEtrn(SmtpReply.of(458, "unable to queue now")));
        assertEquals(69, ExitCodes.forEtrn(SmtpReply.of(459, "node not allowed")));
        assertEquals(69, ExitCodes.forEtrn(SmtpReply.of(502, "not offered")));
    }

    @Test
    void configurationProblemsByReason() {
        assertEquals(66, ExitCodes.forConfig(new ConfigException(ConfigException.Reason.MISSING, "no file")));
        assertEquals(77, ExitCodes.forConfig(new ConfigException(ConfigException.Reason.UNREADABLE, "denied")));
        assertEquals(78, ExitCodes.forConfig(new ConfigException(ConfigException.Reason.INVALID, "line 3: unknown key")));
        assertTrue(ExitCodes.isPermanent(ExitCodes.NO_HOST));
        assertFalse(ExitCodes.isPermanent(ExitCodes.PROTOCOL));
    }

    @Test
    void aQueueRunFailsOnlyForARouteThatCannotBeRebuilt() {
        assertEquals(78, ExitCodes.forQueueRun(EntryReport.Result.ROUTE_UNAVAILABLE));
        assertEquals(75, ExitCodes.forQueueRun(EntryReport.Result.ROUTE_UNAVAILABLE_TEMPORARILY));
        for (EntryReport.Result r : List.of(EntryReport.Result.DELIVERED, EntryReport.Result.FAILED,
                EntryReport.Result.QUEUED, EntryReport.Result.CORRUPT)) {
            assertEquals(0, ExitCodes.forQueueRun(r), r.name());
        }
    }

    @Test
    void aWholeQueueRunTakesTheWorstOfItsEntries() {
        EntryReport delivered = new EntryReport("a", EntryReport.Result.DELIVERED, List.of());
        EntryReport later = new EntryReport("b", EntryReport.Result.ROUTE_UNAVAILABLE_TEMPORARILY, List.of());
        EntryReport fix = new EntryReport("c", EntryReport.Result.ROUTE_UNAVAILABLE, List.of());
        EntryReport corrupt = new EntryReport("d", EntryReport.Result.CORRUPT, List.of());
        assertEquals(0, ExitCodes.forQueueRun(new QueueRun(List.of(), 3)));
        assertEquals(0, ExitCodes.forQueueRun(new QueueRun(List.of(delivered, corrupt), 0)));
        assertEquals(75, ExitCodes.forQueueRun(new QueueRun(List.of(delivered, later), 0)));
        assertEquals(78, ExitCodes.forQueueRun(new QueueRun(List.of(later, fix, delivered), 0)));
    }

    @Test
    void eachCodeHasItsSysexitsNameAsMsmtpLogsIt() {
        assertEquals("EX_OK", ExitCodes.name(ExitCodes.OK));
        assertEquals("EX_TEMPFAIL", ExitCodes.name(75));
        assertEquals("EX_CONFIG", ExitCodes.name(78));
        assertEquals("EX_OSFILE", ExitCodes.name(72));
        assertEquals("3", ExitCodes.name(3));
    }
}
