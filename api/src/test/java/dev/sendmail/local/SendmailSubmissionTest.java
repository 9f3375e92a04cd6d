package dev.sendmail.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Hint;
import dev.sendmail.api.Mailbox;
import dev.sendmail.config.Aliases;
import dev.sendmail.config.MessagePolicy;
import dev.sendmail.config.UserEnvironment;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sendmail mode's preparation of a spooled message: sender, {@code -t}, dead.letter entries, header policy. */
class SendmailSubmissionTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private final List<String> notes = new ArrayList<>();

    private UserEnvironment env(String user) throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("mailname"), "host.test\n");
        return new UserEnvironment(Map.of("USER", user), dir, etc);
    }

    private PreparedMessage prepare(SendmailSubmission s, String input) throws Exception {
        SpooledMessage m = MessageSpool.spool(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                true, dir);
        return s.prepare(m, env("zoe"), clock, notes::add);
    }

    private static SendmailSubmission dashT(List<Mailbox> args) {
        return new SendmailSubmission(EnvelopeSender.NONE, Optional.empty(), true, args, Aliases.NONE,
                MessagePolicy.DEFAULT);
    }

    private static SendmailSubmission to(String... args) {
        return new SendmailSubmission(EnvelopeSender.of(Mailbox.parse("me@a.test")), Optional.empty(), false,
                List.of(args).stream().map(Mailbox::parse).toList(), Aliases.NONE, MessagePolicy.DEFAULT);
    }

    private static String text(PreparedMessage p) throws Exception {
        try (InputStream in = p.content().open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> addresses(List<Mailbox> list) {
        return list.stream().map(Mailbox::address).toList();
    }

    @Test
    void dashTTakesTheHeaderRecipientsAfterTheArgumentsAndTheSenderFromTheMessage() throws Exception {
        PreparedMessage p = prepare(dashT(List.of(Mailbox.parse("arg@c.test"))),
                "From: Zoe <zoe@a.test>\nTo: b@b.test\nBcc: hidden@h.test\nSubject: s\n\nbody\n");
        assertEquals(List.of("arg@c.test", "b@b.test", "hidden@h.test"), addresses(p.envelope().recipients()));
        assertEquals(Optional.of("zoe@a.test"), p.envelope().sender().map(Mailbox::address));
        assertEquals(Optional.of("zoe@a.test"), p.headerFrom().map(Mailbox::address));
        assertTrue(notes.contains("envelope sender zoe@a.test (no -f given)"), notes.toString());
        String out = text(p);
        assertFalse(out.contains("hidden@h.test"), out);
        assertTrue(out.contains("\nDate: ") && out.contains("\nMessage-ID: <"), out);
        assertTrue(out.endsWith("\n\nbody\n"), out);
        assertTrue(p.problem().isEmpty());
    }

    @Test
    void withoutDashTTheArgumentsAloneAreTheRecipientsAndAFromIsAdded() throws Exception {
        PreparedMessage p = prepare(to("x@x.test"), "To: b@b.test\n\nbody\n");
        assertEquals(List.of("x@x.test"), addresses(p.envelope().recipients()));
        assertEquals(Optional.of("me@a.test"), p.envelope().sender().map(Mailbox::address));
        assertTrue(text(p).contains("From: me@a.test\n"), text(p));
    }

    @Test
    void aDeadLetterEntryGoesOnlyToTheRecipientsItStillHasToReach() throws Exception {
        PreparedMessage p = prepare(dashT(List.of()),
                "X-Undelivered-To: left@b.test\nFrom: zoe@a.test\nTo: done@b.test, left@b.test\n\nbody\n");
        assertEquals(List.of("left@b.test"), addresses(p.envelope().recipients()));
        assertFalse(text(p).contains("X-Undelivered-To"), text(p));
        assertTrue(notes.get(0).startsWith("removed the X-Undelivered-To field(s)"), notes.toString());
    }

    @Test
    void theNullSenderHasNoEnvelopeSenderAndTheLocalUserInFrom() throws Exception {
        SendmailSubmission s = new SendmailSubmission(EnvelopeSender.NULL, Optional.empty(), false,
                List.of(Mailbox.parse("b@b.test")), Aliases.NONE, MessagePolicy.DEFAULT);
        PreparedMessage p = prepare(s, "Subject: s\n\nbody\n");
        assertTrue(p.envelope().sender().isEmpty());
        assertTrue(text(p).contains("From: zoe@host.test\n"), text(p));
    }

    @Test
    void aUtf8AddressRequiresSmtpUtf8() throws Exception {
        PreparedMessage p = prepare(to("b@b.test"), "From: zoë@a.test\n\nbody\n");
        assertTrue(p.requiresSmtpUtf8());
        assertEquals(Hint.YES, p.options(DeliveryOptions.DEFAULT).smtpUtf8());
        PreparedMessage ascii = prepare(to("b@b.test"), "From: \"Zoë\" <zoe@a.test>\n\nbody\n");
        assertFalse(ascii.requiresSmtpUtf8(), "a UTF-8 display name goes as 8BITMIME");
        assertEquals(DeliveryOptions.DEFAULT, ascii.options(DeliveryOptions.DEFAULT));
    }

    @Test
    void whatSmtpCannotCarryIsAProblemOnceAddressedAndMalformedBefore() throws Exception {
        PreparedMessage p = prepare(to("b@b.test"), "Subject: s\n\n" + "x".repeat(1200) + "\n");
        assertTrue(p.problem().orElseThrow().endsWith("SMTP allows at most 998 (encode the message, e.g. "
                + "quoted-printable); nothing was sent"), p.problem().toString());
        SubmissionException e = assertThrows(SubmissionException.class,
                () -> prepare(to(), "Subject: s\n\na\u0000b\n"));
        assertEquals(SubmissionException.Reason.MALFORMED, e.reason());
        assertEquals(65, e.reason().exitCode());
    }

    @Test
    void noRecipientAnywhereIsAUsageError() throws Exception {
        SubmissionException e = assertThrows(SubmissionException.class,
                () -> prepare(dashT(List.of()), "From: zoe@a.test\nSubject: s\n\nbody\n"));
        assertEquals(SubmissionException.Reason.NO_RECIPIENT, e.reason());
        assertEquals(64, e.reason().exitCode());
        assertEquals("no recipients: the message has no To, Cc or Bcc field and none were given", e.getMessage());
    }

    @Test
    void aLocalNameNeedsAnAlias() throws Exception {
        SubmissionException e = assertThrows(SubmissionException.class,
                () -> prepare(dashT(List.of()), "From: zoe@a.test\nTo: root\n\nbody\n"));
        assertEquals(SubmissionException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("root has no domain (map local names to addresses with 'aliases FILE'"),
                e.getMessage());
        SendmailSubmission aliased = new SendmailSubmission(EnvelopeSender.NONE, Optional.empty(), true, List.of(),
                Aliases.parse("aliases", "root: admin@a.test\n"), MessagePolicy.DEFAULT);
        assertEquals(List.of("admin@a.test"),
                addresses(prepare(aliased, "From: zoe@a.test\nTo: root\n\nbody\n").envelope().recipients()));
        assertEquals("To header: nobody has no domain and no entry in the aliases file",
                assertThrows(SubmissionException.class,
                        () -> prepare(aliased, "From: zoe@a.test\nTo: nobody\n\nbody\n")).getMessage());
    }

    @Test
    void aLocalUserThatIsNoAddressIsNoSender() throws Exception {
        SendmailSubmission s = new SendmailSubmission(EnvelopeSender.NONE, Optional.empty(), false,
                List.of(Mailbox.parse("b@b.test")), Aliases.NONE, MessagePolicy.DEFAULT);
        SpooledMessage m = MessageSpool.spool(new ByteArrayInputStream("Subject: s\n\nbody\n".getBytes(
                StandardCharsets.US_ASCII)), true, dir);
        SubmissionException e = assertThrows(SubmissionException.class,
                () -> s.prepare(m, env("bad user"), clock, notes::add));
        assertEquals(SubmissionException.Reason.NO_SENDER, e.reason());
        assertTrue(e.getMessage().startsWith("no sender given and bad user@host.test is not a valid address"),
                e.getMessage());
    }
}
