package dev.sendmail.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Message;
import dev.sendmail.api.MessageContent;
import dev.sendmail.local.EnvelopeSender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageBatchTest {

    @TempDir
    Path dir;

    private static final Function<String, List<Mailbox>> NO_LOCAL = name -> {
        throw new IllegalArgumentException(name + " has no domain");
    };

    private static String read(MessageContent c) throws IOException {
        try (InputStream in = c.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aDirectoryOfEmlFilesInNameOrderSkippingHiddenAndOtherFiles() throws IOException {
        Files.writeString(dir.resolve("b.eml"), "To: b@b.test\nFrom: a@a.test\n\nsecond\n");
        Files.writeString(dir.resolve("a.eml"), "To: a@b.test\nFrom: a@a.test\n\nfirst\n");
        Files.writeString(dir.resolve(".c.eml.tmp"), "half written");
        Files.writeString(dir.resolve("notes.txt"), "not a message");
        MessageBatch batch = MessageBatch.open(dir);
        assertEquals(MessageBatch.Kind.DIRECTORY, batch.kind());
        assertEquals(List.of(dir.resolve("a.eml").toString(), dir.resolve("b.eml").toString()),
                batch.items().stream().map(BatchItem::name).toList());
        assertEquals(List.of(dir.resolve("notes.txt")), batch.ignored());
    }

    @Test
    void headersGiveTheEnvelopeAsWithMinusTAndBccIsRemoved() throws IOException {
        Files.writeString(dir.resolve("m.eml"), "From: Alice <alice@a.test>\nTo: bob@b.test\nBcc: carol@c.test\n"
                + "Subject: s\n\nbody\n");
        Message m = MessageBatch.open(dir).items().get(0).message(NO_LOCAL);
        assertEquals(Optional.of(Mailbox.parse("alice@a.test")), m.envelope().sender());
        assertEquals(List.of(Mailbox.parse("bob@b.test"), Mailbox.parse("carol@c.test")), m.envelope().recipients());
        String sent = read(m.content());
        assertTrue(!sent.contains("carol") && sent.contains("Subject: s") && sent.endsWith("\nbody\n"), sent);
    }

    @Test
    void theFileTransportsEnvelopeLinesAreTheEnvelopeAndAreNotSent() throws IOException {
        String message = "From: x@x.test\r\nTo: list@x.test\r\nSubject: s\r\n\r\nbody\r\n";
        Files.writeString(dir.resolve("20261201-1.eml"), "X-Envelope-From: <a@a.test>\r\nX-Envelope-To: <b@b.test>\r\n"
                + "X-Envelope-To: <c@c.test>\r\n" + message);
        Files.writeString(dir.resolve("20261201-2.eml"), "X-Envelope-From: <>\r\nX-Envelope-To: <d@d.test>\r\n"
                + message);
        List<BatchItem> items = MessageBatch.open(dir).items();
        Message m = items.get(0).message(NO_LOCAL);
        assertEquals(Optional.of(Mailbox.parse("a@a.test")), m.envelope().sender());
        assertEquals(List.of(Mailbox.parse("b@b.test"), Mailbox.parse("c@c.test")), m.envelope().recipients());
        assertEquals(message, read(m.content()));
        assertEquals(message.length(), m.content().size().orElseThrow());
        Message bounce = items.get(1).message(NO_LOCAL);
        assertEquals(Optional.empty(), bounce.envelope().sender());
        assertEquals(message, read(bounce.content()));
    }

    @Test
    void badMessagesFailAloneWithAReason() throws IOException {
        Files.writeString(dir.resolve("a.eml"), "X-Envelope-From: <a@a.test>\r\n\r\nno recipient line\r\n");
        Files.writeString(dir.resolve("b.eml"), "X-Envelope-From: <a@a.test>\r\nX-Envelope-To: <not an address>\r\n");
        Files.writeString(dir.resolve("c.eml"), "Subject: nobody\n\nbody\n");
        Files.writeString(dir.resolve("d.eml"), "To: fine@b.test\nFrom: a@a.test\n\nbody\n");
        List<BatchItem> items = MessageBatch.open(dir).items();
        for (int i = 0; i < 3; i++) {
            BatchItem item = items.get(i);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> item.message(NO_LOCAL),
                    item.name());
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), item.name());
        }
        assertEquals(List.of(Mailbox.parse("fine@b.test")), items.get(3).message(NO_LOCAL).envelope().recipients());
    }

    @Test
    void readingLeavesOutTheBadMessagesAndSaysWhy() throws IOException {
        Files.writeString(dir.resolve("a.eml"), "Subject: nobody\n\nbody\n");
        Files.writeString(dir.resolve("b.eml"), "To: fine@b.test\nFrom: a@a.test\n\nbody\n");
        List<BatchResult> bad = new java.util.ArrayList<>();
        List<BatchMessage> read = MessageBatch.open(dir).read(NO_LOCAL, EnvelopeSender.NONE, bad::add);
        assertEquals(List.of(dir.resolve("b.eml").toString()), read.stream().map(BatchMessage::name).toList());
        assertEquals(List.of(Mailbox.parse("fine@b.test")), read.get(0).message().envelope().recipients());
        assertEquals(1, bad.size());
        assertEquals(BatchResult.Outcome.UNREADABLE, bad.get(0).outcome());
        assertTrue(bad.get(0).toString().startsWith(dir.resolve("a.eml") + ": skipped: cannot read: "), bad.toString());
    }

    @Test
    void aSenderGivenForTheBatchIsTheEnvelopeSenderOfEveryMessage() throws IOException {
        Files.writeString(dir.resolve("a.eml"), "To: one@b.test\nFrom: a@a.test\n\nbody\n");
        Files.writeString(dir.resolve("b.eml"), "X-Envelope-From: <x@a.test>\nX-Envelope-To: <two@b.test>\n"
                + "From: a@a.test\n\nbody\n");
        MessageBatch batch = MessageBatch.open(dir);
        assertEquals(List.of(Optional.of(Mailbox.parse("bounce@a.test")), Optional.of(Mailbox.parse("bounce@a.test"))),
                batch.read(NO_LOCAL, EnvelopeSender.of(Mailbox.parse("bounce@a.test")), r -> { })
                        .stream().map(m -> m.message().envelope().sender()).toList());
        assertEquals(List.of(Optional.empty(), Optional.empty()), batch.read(NO_LOCAL, EnvelopeSender.NULL, r -> { })
                .stream().map(m -> m.message().envelope().sender()).toList(), "-f '<>'");
        assertEquals(List.of(Optional.of(Mailbox.parse("a@a.test")), Optional.of(Mailbox.parse("x@a.test"))),
                batch.read(NO_LOCAL, EnvelopeSender.NONE, r -> { }).stream()
                        .map(m -> m.message().envelope().sender()).toList(), "each message's own");
    }

    @Test
    void theDescriptionSaysWhatWasFoundAndWhatWasPassedOver() throws IOException {
        Files.writeString(dir.resolve("a.eml"), "To: one@b.test\n\nbody\n");
        assertEquals(List.of("1 message(s), directory"), MessageBatch.open(dir).description());
        Files.writeString(dir.resolve("notes.txt"), "not a message\n");
        assertEquals(List.of("1 message(s), directory", "1 file(s) not named *.eml passed over"),
                MessageBatch.open(dir).description());
    }

    @Test
    void aMaildirIsItsNewAndCurDirectories() throws IOException {
        for (String sub : List.of("new", "cur", "tmp")) {
            Files.createDirectories(dir.resolve(sub));
            Files.writeString(dir.resolve(sub).resolve("1733040000." + sub + ":2,S"), "To: " + sub
                    + "@b.test\nFrom: a@a.test\n\n" + sub + "\n");
        }
        MessageBatch batch = MessageBatch.open(dir);
        assertEquals(MessageBatch.Kind.MAILDIR, batch.kind());
        assertEquals(2, batch.items().size());
        assertEquals(List.of(Mailbox.parse("new@b.test")), batch.items().get(0).message(NO_LOCAL).envelope()
                .recipients());
        assertEquals(List.of(Mailbox.parse("cur@b.test")), batch.items().get(1).message(NO_LOCAL).envelope()
                .recipients());
    }

    @Test
    void anMboxFileIsSplitAtItsFromLinesAndUnquoted() throws IOException {
        Path mbox = dir.resolve("box");
        Files.writeString(mbox, "From a@a.test Tue Dec  1 08:00:00 2026\nTo: b@b.test\nFrom: a@a.test\n\n"
                + ">From the start\n>>From deeper\n>Fromage stays\n\n"
                + "From c@c.test Tue Dec  1 08:00:01 2026\nTo: d@d.test\nFrom: c@c.test\n\nsecond\n\n");
        MessageBatch batch = MessageBatch.open(mbox);
        assertEquals(MessageBatch.Kind.MBOX, batch.kind());
        assertEquals(List.of(mbox + "#1", mbox + "#2"), batch.items().stream().map(BatchItem::name).toList());
        assertEquals("To: b@b.test\nFrom: a@a.test\n\nFrom the start\n>From deeper\n>Fromage stays\n",
                read(batch.items().get(0).raw()));
        assertEquals("To: d@d.test\nFrom: c@c.test\n\nsecond\n", read(batch.items().get(1).raw()));
        assertEquals(List.of(Mailbox.parse("d@d.test")), batch.items().get(1).message(NO_LOCAL).envelope()
                .recipients());
    }

    @Test
    void aFileThatIsNotAnMboxOrNothingAtAllIsRefused() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.eml"), "To: b@b.test\n\nbody\n");
        IOException e = assertThrows(IOException.class, () -> MessageBatch.open(plain));
        assertTrue(e.getMessage().contains("not an mbox file"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> MessageBatch.open(dir.resolve("missing")));
        assertEquals(List.of(), MessageBatch.open(Files.createFile(dir.resolve("empty.mbox"))).items());
    }
}
