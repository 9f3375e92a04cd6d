package dev.sendmail.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sendmail.api.Envelope;
import dev.sendmail.api.HeaderBlock;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterTest {

    @TempDir
    Path dir;

    private static String quoted(String in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeadLetter.writeQuoted(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void mboxrdQuotingAndLineEnds() throws Exception {
        assertEquals("a\n>From here\n>>From there\nFrom-not\n Fro\nFrom\n", quoted("a\r\nFrom here\r\n>From there\nFrom-not\n Fro\nFrom"));
        assertEquals(">>>From x\n", quoted(">>From x\n"));
        assertEquals("x\n", quoted("x"));
        assertEquals("\n\n", quoted("\r\r"));
        assertEquals("", quoted(""));
    }

    @Test
    void appendsPrivateMboxEntries() throws Exception {
        Path file = dir.resolve("dead.letter");
        DeadLetter d = new DeadLetter(file, Clock.fixed(Instant.parse("2026-01-05T09:08:07Z"), ZoneOffset.UTC));
        Envelope env = Envelope.of("a@a.test", "b@b.test", "c@c.test");
        String said = d.keep(MessageContent.of("Subject: one\r\n\r\nFrom me\r\n"), env, List.of(Mailbox.parse("b@b.test")));
        assertEquals("message saved in " + file, said);
        d.keep(MessageContent.of("Subject: two\n\nx"), Envelope.nullSender(List.of(Mailbox.parse("c@c.test"))),
                List.of(Mailbox.parse("c@c.test")));
        assertEquals("From a@a.test Mon Jan  5 09:08:07 2026\nX-Undelivered-To: b@b.test\nSubject: one\n\n>From me\n\n"
                + "From MAILER-DAEMON Mon Jan  5 09:08:07 2026\nX-Undelivered-To: c@c.test\nSubject: two\n\nx\n\n",
                Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void standardInputIsKeptWithTheRecipientsAsGivenUnlessItIsEmpty() throws Exception {
        Path file = dir.resolve("dead.letter");
        DeadLetter d = new DeadLetter(file, Clock.fixed(Instant.parse("2026-01-05T09:08:07Z"), ZoneOffset.UTC));
        assertEquals(Optional.empty(), d.keepUnsentInput(new ByteArrayInputStream(new byte[0]), List.of("b@b.test"),
                "bad"));
        assertFalse(Files.exists(file), "nothing to lose, nothing written");
        assertEquals(Optional.of("message saved in " + file), d.keepUnsentInput(new ByteArrayInputStream(
                "Subject: s\n\nbody\n".getBytes(StandardCharsets.UTF_8)), List.of("b@b.test", "c\nd"),
                "line 3: unknown key"));
        assertEquals("From MAILER-DAEMON Mon Jan  5 09:08:07 2026\nX-Undelivered-To: b@b.test\n"
                + "X-Undelivered-To: c\\u000Ad\nX-Send-Mail-Error: line 3: unknown key\nSubject: s\n\nbody\n\n",
                Files.readString(file), "the first octet is kept too; control characters made visible");
    }

    @Test
    void aSymbolicLinkIsNeverWrittenThrough() throws Exception {
        Path target = Files.writeString(dir.resolve("elsewhere"), "untouched\n");
        Path file = Files.createSymbolicLink(dir.resolve("dead.letter"), target);
        DeadLetter d = new DeadLetter(file, Clock.systemUTC());
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> d.keep(MessageContent.of("Subject: s\r\n\r\nsecret\r\n"), Envelope.of("a@a.test", "b@b.test"),
                        List.of(Mailbox.parse("b@b.test"))));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals("untouched\n", Files.readString(target));
    }

    @Test
    void anExistingFileReadableByOthersIsTightened() throws Exception {
        Path file = Files.writeString(dir.resolve("dead.letter"), "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        new DeadLetter(file, Clock.systemUTC()).keep(MessageContent.of("Subject: s\r\n\r\nb\r\n"),
                Envelope.of("a@a.test", "b@b.test"), List.of(Mailbox.parse("b@b.test")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void theRecipientsAKeptMessageStillHasToReachAreReadBackFromItsEntry() throws Exception {
        Path file = dir.resolve("dead.letter");
        new DeadLetter(file, Clock.systemUTC()).keep(MessageContent.of("To: a@a.test, b@b.test\nCc: c@c.test\n\nx\n"),
                Envelope.of("s@s.test", "a@a.test", "b@b.test", "c@c.test"),
                List.of(Mailbox.parse("b@b.test"), Mailbox.parse("c@c.test")));
        assertEquals(List.of(Mailbox.parse("b@b.test"), Mailbox.parse("c@c.test")),
                DeadLetter.undeliveredTo(entry(Files.readString(file))), "every field, in order");
        assertEquals(List.of(), DeadLetter.undeliveredTo(HeaderBlock.read(MessageContent.of("To: a@a.test\n\n"))));
    }

    @Test
    void theRecipientsOfAMessageKeptUnsentAreReadBackToo() throws Exception {
        Path file = dir.resolve("dead.letter");
        new DeadLetter(file, Clock.systemUTC()).keepUnsent(
                new ByteArrayInputStream("To: x@x.test\n\nbody\n".getBytes(StandardCharsets.UTF_8)),
                List.of("d@d.test", "e@e.test"), "no such account");
        HeaderBlock header = entry(Files.readString(file));
        assertEquals(List.of(Mailbox.parse("d@d.test"), Mailbox.parse("e@e.test")), DeadLetter.undeliveredTo(header));
    }

    /** The header of an mbox entry: what follows its {@code From } line. */
    private static HeaderBlock entry(String entry) throws Exception {
        assertEquals(true, entry.startsWith("From "), entry);
        return HeaderBlock.read(MessageContent.of(entry.substring(entry.indexOf('\n') + 1)));
    }
}
