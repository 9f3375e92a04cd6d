package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.HeaderBlock;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** msmtp's header keys applied to the header of a raw message (sendmail mode). */
class MessagePolicyTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private UserEnvironment env(String user) {
        return new UserEnvironment(Map.of("USER", user, "HOME", dir.toString()), dir, dir.resolve("etc"));
    }

    private String apply(String input, MessagePolicy policy, String sender, List<String> notes) throws Exception {
        HeaderBlock header = HeaderBlock.read(MessageContent.of(input));
        notes.addAll(policy.apply(header, Optional.ofNullable(sender).map(Mailbox::parse), Optional.of("Eve Sender"),
                env("tester"), CLOCK));
        return new String(header.toBytes(), StandardCharsets.UTF_8);
    }

    private String apply(String input, MessagePolicy policy, String sender) throws Exception {
        return apply(input, policy, sender, new java.util.ArrayList<>());
    }

    @Test
    void msmtpDefaultsAddWhatIsMissingAndRemoveBcc() throws Exception {
        List<String> notes = new java.util.ArrayList<>();
        String h = apply("To: a@a.test\nBcc: x@x.test\nResent-Bcc: y@y.test\nSubject: s\n\nb\n", MessagePolicy.DEFAULT,
                "eve@e.test", notes);
        assertTrue(h.startsWith("To: a@a.test\nSubject: s\nFrom: Eve Sender <eve@e.test>\n"
                + "Date: Sat, 28 Nov 2026 12:00:00 +0000\nMessage-ID: <"), h);
        assertTrue(h.contains("@e.test>\n"), "the Message-ID is in the sender's domain: " + h);
        assertFalse(h.contains("x@x.test") || h.contains("y@y.test"), h);
        assertEquals(List.of("removed 2 Bcc field(s) before sending"), notes);
        String kept = apply("From: me@m.test\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nMessage-ID: <1@m.test>\n\nb\n",
                MessagePolicy.DEFAULT, "eve@e.test");
        assertEquals("From: me@m.test\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nMessage-ID: <1@m.test>\n", kept);
    }

    @Test
    void setFromHeaderOnReplacesTheFromFieldAndOffAddsNone() throws Exception {
        MessagePolicy on = new MessagePolicy(MessagePolicy.FromField.ON, true, true, true, false);
        List<String> notes = new java.util.ArrayList<>();
        String h = apply("From: forged@x.test\nFrom: second@x.test\nSubject: s\n\nb\n", on, "eve@e.test", notes);
        assertFalse(h.contains("forged@x.test") || h.contains("second@x.test"), h);
        assertEquals(1, h.lines().filter(l -> l.startsWith("From: ")).count(), h);
        assertTrue(h.contains("From: Eve Sender <eve@e.test>\n"), h);
        assertEquals(List.of("replaced the From field with eve@e.test (set_from_header on)"), notes);
        MessagePolicy off = new MessagePolicy(MessagePolicy.FromField.OFF, false, false, true, false);
        assertEquals("Subject: s\n", apply("Subject: s\n\nb\n", off, "eve@e.test"));
    }

    @Test
    void theNullSenderGetsAFromFieldNamingTheLocalUserOrAnErrorWhenThatIsNoAddress() throws Exception {
        MessagePolicy fromOnly = new MessagePolicy(MessagePolicy.FromField.AUTO, false, false, true, false);
        String h = apply("Subject: s\n\nb\n", fromOnly, null);
        assertTrue(h.startsWith("Subject: s\nFrom: Eve Sender <tester@"), h);
        HeaderBlock header = HeaderBlock.read(MessageContent.of("Subject: s\n\nb\n"));
        assertThrows(IllegalArgumentException.class, () -> fromOnly.apply(header, Optional.empty(), Optional.empty(),
                env("no body"), CLOCK));
        assertEquals("Subject: s\nFrom: a@a.test\n", apply("Subject: s\nFrom: a@a.test\n\nb\n", fromOnly, null),
                "a From field present: the local user is not needed");
    }

    @Test
    void undisclosedRecipientsReplacesToCcAndBcc() throws Exception {
        MessagePolicy undisclosed = new MessagePolicy(MessagePolicy.FromField.OFF, false, false, true, true);
        assertEquals("Subject: s\nTo: undisclosed-recipients:;\n", apply(
                "To: a@a.test\nCc: b@b.test,\n c@c.test\nBcc: d@d.test\nSubject: s\n\nb\n", undisclosed, null));
    }

    @Test
    void removeBccHeadersOffKeepsThem() throws Exception {
        MessagePolicy keep = new MessagePolicy(MessagePolicy.FromField.OFF, false, false, false, false);
        assertEquals("Bcc: d@d.test\n", apply("Bcc: d@d.test\n\nb\n", keep, null));
    }
}
