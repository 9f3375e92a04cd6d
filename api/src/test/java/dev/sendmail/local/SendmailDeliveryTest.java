package dev.sendmail.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Sender;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.config.DkimSettings;
import dev.sendmail.dkim.Canonicalization;
import dev.sendmail.dkim.DkimException;
import dev.sendmail.dkim.DkimKey;
import dev.sendmail.queue.FirstAttempt;
import dev.sendmail.queue.MailQueue;
import dev.sendmail.queue.QueueEntry;
import dev.sendmail.queue.QueueRoute;
import dev.sendmail.testing.MemoryTransport;
import dev.sendmail.testing.MemoryTransportProvider;
import dev.sendmail.testkit.FaultyFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sendmail's promise for one message: sent or queued, the rest kept, and the exit code that says how it ended. */
class SendmailDeliveryTest {

    @TempDir
    Path dir;

    private static final Envelope ENVELOPE = Envelope.of("a@a.test", "ok@b.test", "later@b.test", "gone@b.test");
    private static final MessageContent CONTENT = MessageContent.of(
            "From: a@a.test\r\nSubject: s\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII));

    private final List<String> warnings = new ArrayList<>();

    /** Keeps by recording; fails to keep when asked to. */
    private static final class Keeper implements UndeliveredHandler {
        final List<List<Mailbox>> kept = new ArrayList<>();
        final List<String> keptUnsent = new ArrayList<>();
        final boolean retries;
        final boolean broken;

        Keeper(boolean retries, boolean broken) {
            this.retries = retries;
            this.broken = broken;
        }

        @Override
        public String keep(MessageContent content, Envelope envelope, List<Mailbox> undelivered) throws IOException {
            if (broken) {
                throw new IOException("disk full");
            }
            kept.add(undelivered);
            return "kept for " + undelivered.size();
        }

        @Override
        public String keepUnsent(InputStream message, List<String> recipients, String reason) throws IOException {
            if (broken) {
                throw new IOException("disk full");
            }
            keptUnsent.add(new String(message.readAllBytes(), StandardCharsets.US_ASCII) + recipients + reason);
            return "kept unsent";
        }

        @Override
        public boolean retries() {
            return retries;
        }
    }

    /** A Sender whose memory transport delivers ok@, defers later@ (451) and refuses gone@ (550 5.1.1). */
    private static Sender sender(String name) throws Exception {
        MemoryTransport.named(name).clear();
        MemoryTransport.named(name).replyToRecipient("later@b.test", SmtpReply.of(451, "4.3.0 try later"))
                .replyToRecipient("gone@b.test", SmtpReply.of(550, "5.1.1 no such user"));
        return Sender.builder().transport(new MemoryTransportProvider(), TransportSettings.builder()
                .properties(Map.of("name", name)).build()).smartHost(MailHost.of("relay.test")).build();
    }

    private static List<Mailbox> boxes(String... addresses) {
        return java.util.Arrays.stream(addresses).map(Mailbox::parse).toList();
    }

    @Test
    void withoutAQueueEveryRecipientNotDeliveredIsKeptAndTheWorstCodeReturned() throws Exception {
        Keeper keeper = new Keeper(false, false);
        SendmailDelivery d = new SendmailDelivery(ENVELOPE, CONTENT, keeper, warnings::add);
        try (Sender s = sender("sd-plain")) {
            assertEquals(ExitCodes.NO_USER, d.finish(d.send(s, DeliveryOptions.DEFAULT)));
        }
        assertEquals(List.of(boxes("later@b.test", "gone@b.test")), keeper.kept);
        assertEquals(List.of("kept for 2"), warnings);
    }

    @Test
    void aQueueKeepsTheDeferredOnlyTheFailedAreKeptAndADeferredOnlyMessageSucceeds() throws Exception {
        MailQueue queue = MailQueue.open(dir);
        QueueRoute route = QueueRoute.builder().smartHost(MailHost.of("relay.test")).build();
        Keeper keeper = new Keeper(false, false);
        List<String> notes = new ArrayList<>();
        SendmailDelivery d = new SendmailDelivery(ENVELOPE, CONTENT, keeper, warnings::add);
        FirstAttempt a;
        try (Sender s = sender("sd-queue")) {
            a = d.send(s, DeliveryOptions.DEFAULT, queue, route, notes::add);
        }
        assertEquals(List.of(a.queuedAs().orElseThrow()), queue.list().stream().map(QueueEntry::id).toList());
        assertEquals(1, notes.size(), notes.toString());
        assertEquals(ExitCodes.NO_USER, d.finish(a), "a recipient failed for good");
        assertEquals(List.of(boxes("gone@b.test")), keeper.kept, "the deferred one is safe in the queue");

        Envelope deferredOnly = Envelope.of("a@a.test", "ok@b.test", "later@b.test");
        SendmailDelivery only = new SendmailDelivery(deferredOnly, CONTENT, keeper, warnings::add);
        try (Sender s = sender("sd-queue2")) {
            assertEquals(ExitCodes.OK, only.finish(only.send(s, DeliveryOptions.DEFAULT, queue, route, n -> { })));
        }
        assertEquals(1, keeper.kept.size(), "nothing more to keep");
    }

    @Test
    void aDeferredRecipientKeptForRetrySucceedsUnlessKeepingFailed() throws Exception {
        Envelope deferred = Envelope.of("a@a.test", "later@b.test");
        Keeper retrying = new Keeper(true, false);
        try (Sender s = sender("sd-retry")) {
            SendmailDelivery d = new SendmailDelivery(deferred, CONTENT, retrying, warnings::add);
            assertEquals(ExitCodes.OK, d.finish(d.send(s, DeliveryOptions.DEFAULT)), "the keeper retries it");
            SendmailDelivery dead = new SendmailDelivery(deferred, CONTENT, new Keeper(false, false), warnings::add);
            assertEquals(ExitCodes.TEMP_FAIL, dead.finish(dead.send(s, DeliveryOptions.DEFAULT)),
                    "kept where nobody retries it");
            SendmailDelivery broken = new SendmailDelivery(deferred, CONTENT, new Keeper(true, true), warnings::add);
            assertEquals(ExitCodes.TEMP_FAIL, broken.finish(broken.send(s, DeliveryOptions.DEFAULT)),
                    "not kept, so not retried");
        }
        assertEquals(List.of("kept for 1", "kept for 1", "could not keep the undelivered message: disk full"),
                warnings);
    }

    @Test
    void givingUpTellsWhyThenKeepsItForEveryRecipient() {
        Keeper keeper = new Keeper(false, false);
        SendmailDelivery d = new SendmailDelivery(ENVELOPE, CONTENT, keeper, warnings::add);
        assertEquals(ExitCodes.CANT_CREATE, d.giveUp("queue /q: read-only", ExitCodes.CANT_CREATE));
        assertEquals(List.of("queue /q: read-only", "kept for 3"), warnings);
        assertEquals(List.of(ENVELOPE.recipients()), keeper.kept);
        assertTrue(d.keepAll());
        assertEquals(2, keeper.kept.size());
        assertEquals(false, new SendmailDelivery(ENVELOPE, CONTENT, new Keeper(false, true), warnings::add).keepAll());
    }

    @Test
    void aMessageThatCouldNotBeAddressedIsKeptAsReadWithTheRecipientsAsGiven() {
        Keeper keeper = new Keeper(false, false);
        SubmissionException why = new SubmissionException(SubmissionException.Reason.MALFORMED, "To: bad address");
        assertEquals(ExitCodes.DATA_ERROR, SendmailDelivery.giveUpUnaddressed(CONTENT, List.of("x@"), why, keeper,
                warnings::add));
        assertEquals(List.of("From: a@a.test\r\nSubject: s\r\n\r\nhi\r\n[x@]To: bad address"), keeper.keptUnsent);
        SubmissionException none = new SubmissionException(SubmissionException.Reason.NO_RECIPIENT, "no recipient");
        assertEquals(ExitCodes.USAGE, SendmailDelivery.giveUpUnaddressed(CONTENT, List.of(), none,
                new Keeper(false, true), warnings::add));
        assertEquals(List.of("To: bad address", "kept unsent", "no recipient", "could not keep the message: disk full"),
                warnings);
    }

    @Test
    void aMessageRefusedWhileReadIsKeptAsGivenAndOneLineSaysBoth() {
        Keeper keeper = new Keeper(false, false);
        assertEquals("too big; kept unsent", SendmailDelivery.giveUpUnread(new MalformedMessageException("too big",
                new java.io.ByteArrayInputStream("X: 1\nbody\n".getBytes(StandardCharsets.US_ASCII))),
                List.of("b@b.test"), keeper));
        assertEquals(List.of("X: 1\nbody\n[b@b.test]too big"), keeper.keptUnsent);
        assertEquals("too big; could not keep the message: disk full", SendmailDelivery.giveUpUnread(
                new MalformedMessageException("too big", new java.io.ByteArrayInputStream(new byte[1])), List.of(),
                new Keeper(false, true)));
        assertEquals("too big", SendmailDelivery.giveUpUnread(new MalformedMessageException("too big"), List.of(),
                keeper), "nothing to keep when it was not read from a stream");
        assertEquals(1, keeper.keptUnsent.size());
    }

    @Test
    void withoutAKeeperNothingIsKeptOrToldAndOnlyAQueueMakesADeferredMessageSucceed() throws Exception {
        Envelope deferred = Envelope.of("a@a.test", "later@b.test");
        try (Sender s = sender("sd-none")) {
            SendmailDelivery d = new SendmailDelivery(deferred, CONTENT);
            assertEquals(ExitCodes.TEMP_FAIL, d.finish(d.send(s, DeliveryOptions.DEFAULT)));
            assertEquals(ExitCodes.OK, d.finish(d.send(s, DeliveryOptions.DEFAULT, MailQueue.open(dir),
                    QueueRoute.builder().smartHost(MailHost.of("relay.test")).build(), n -> { })));
            assertEquals(ExitCodes.DATA_ERROR, d.giveUp("bad", ExitCodes.DATA_ERROR));
        }
    }

    @Test
    void signingHappensBeforeSendingSoTheSignedOctetsGoAndAreKept() throws Exception {
        Keeper keeper = new Keeper(false, false);
        SendmailDelivery unsigned = new SendmailDelivery(ENVELOPE, CONTENT, keeper, warnings::add);
        unsigned.sign(DkimSettings.NONE, Optional.of(Mailbox.parse("a@a.test")), Clock.systemUTC());
        assertSame(CONTENT, unsigned.content(), "no key, no signature");

        DkimKey key = DkimKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        DkimSettings dkim = new DkimSettings(List.of(key), List.of("s1"), Optional.empty(), Canonicalization.RELAXED,
                Canonicalization.RELAXED);
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
        SendmailDelivery d = new SendmailDelivery(Envelope.of("a@a.test", "ok@b.test"), CONTENT, keeper,
                warnings::add);
        d.sign(dkim, Optional.of(Mailbox.parse("a@a.test")), clock);
        try (Sender s = sender("sd-signed")) {
            assertEquals(ExitCodes.OK, d.finish(d.send(s, DeliveryOptions.DEFAULT)));
        }
        String sent = new String(MemoryTransport.named("sd-signed").sent().get(0).content(), StandardCharsets.UTF_8);
        assertTrue(sent.startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=a.test; s=s1;"), sent);

        SendmailDelivery noDomain = new SendmailDelivery(ENVELOPE, CONTENT, keeper, warnings::add);
        DkimException e = assertThrows(DkimException.class, () -> noDomain.sign(dkim, Optional.empty(), clock));
        assertTrue(e.getMessage().startsWith("DKIM: "), e.getMessage());
        assertSame(CONTENT, noDomain.content(), "left as it was");
    }

    @Test
    void aQueueOnAFullDiskGivesWayToDeadLetterForTheUndeliveredAloneAndNobodyIsSentItTwice() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem();
        MailQueue queue = MailQueue.open(fs.wrap(dir.resolve("queue")));
        Path deadLetter = dir.resolve("dead.letter");
        SendmailDelivery d = new SendmailDelivery(ENVELOPE, CONTENT, new DeadLetter(deadLetter, Clock.systemUTC()),
                warnings::add);
        int code;
        try (Sender s = sender("sd-full")) {
            code = d.finish(d.send(s, DeliveryOptions.DEFAULT, queue, QueueRoute.builder()
                    .smartHost(MailHost.of("relay.test")).build(), n -> fs.fail(FaultyFileSystem.Fault.FULL)));
        }
        fs.fail(FaultyFileSystem.Fault.NONE);
        assertEquals(ExitCodes.NO_USER, code, "as without a queue: gone@ failed for good, later@ is kept, not queued");
        String kept = Files.readString(deadLetter);
        assertEquals(1, kept.split("\n(?=From )").length, kept);
        assertTrue(kept.contains("X-Undelivered-To: later@b.test\nX-Undelivered-To: gone@b.test\n")
                && !kept.contains("X-Undelivered-To: ok@b.test"), kept);
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("could not record the outcome"), warnings.get(0));
        assertEquals("message saved in " + deadLetter, warnings.get(1));
        assertTrue(warnings.get(2).contains("removed instead"), warnings.get(2));
        assertEquals(List.of(), queue.list(), "no queue run sends it again");
    }

    @Test
    void anEntryThatCannotBeSettledMakesItExit73AndSaysWhoARunWouldSendItToAgain() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem();
        MailQueue queue = MailQueue.open(fs.wrap(dir.resolve("queue")));
        Path deadLetter = dir.resolve("dead.letter");
        SendmailDelivery d = new SendmailDelivery(Envelope.of("a@a.test", "ok@b.test"), CONTENT,
                new DeadLetter(deadLetter, Clock.systemUTC()), warnings::add);
        int code;
        try (Sender s = sender("sd-readonly")) {
            FirstAttempt a = d.send(s, DeliveryOptions.DEFAULT, queue, QueueRoute.builder()
                    .smartHost(MailHost.of("relay.test")).build(), n -> fs.fail(FaultyFileSystem.Fault.READ_ONLY));
            assertTrue(a.report().allDelivered(), a.report().toString());
            code = d.finish(a);
        }
        fs.fail(FaultyFileSystem.Fault.NONE);
        assertEquals(ExitCodes.CANT_CREATE, code, "delivered, but someone has to remove the entry");
        assertTrue(Files.notExists(deadLetter), "nothing to keep: ok@ has it");
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(1).contains("a queue run sends the message again to ok@b.test (delivered)"),
                warnings.get(1));
        assertEquals(1, queue.list().size());
    }
}
