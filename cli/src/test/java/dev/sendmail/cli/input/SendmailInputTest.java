package dev.sendmail.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Message;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.Aliases;
import dev.sendmail.local.MessageSpool;
import dev.sendmail.local.SpooledMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sendmail mode on a spooled message: the checks before sending and {@code -t}. */
class SendmailInputTest {

    @TempDir
    Path dir;

    private SpooledMessage spool(String input, boolean dotEnds) throws Exception {
        return MessageSpool.spool(new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), dotEnds, dir);
    }

    @Test
    void overLongLinesAndNulAreBadData() throws Exception {
        try (SpooledMessage m = spool("S: s\n\nshort\n" + "x".repeat(5000) + "\nend\n", true)) {
            CliException e = assertThrows(CliException.class, () -> SendmailInput.check(m));
            assertEquals(65, e.exitCode());
        }
        try (SpooledMessage m = spool("S: s\n\na\u0000b\n", true)) {
            assertEquals(65, assertThrows(CliException.class, () -> SendmailInput.check(m)).exitCode());
        }
    }

    private static Message dashT(SpooledMessage m) throws Exception {
        return SendmailInput.readRecipients(m.content(), Aliases.NONE, List.of());
    }

    private static String text(Message m) throws Exception {
        try (var in = m.content().open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bccRemovalKeepsOtherFieldsAndFolding() throws Exception {
        try (SpooledMessage m = spool("To: a@a.test\nBcc: x@x.test,\n\ty@y.test\nSubject: s\n  more\n\nb\n", true)) {
            Message t = dashT(m);
            assertEquals(List.of("a@a.test", "x@x.test", "y@y.test"),
                    t.envelope().recipients().stream().map(Object::toString).toList());
            String out = text(t);
            assertTrue(out.startsWith("To: a@a.test\nSubject: s\n  more\n"), out);
            assertTrue(out.endsWith("\n\nb\n"), out);
            assertFalse(out.contains("x@x.test"), out);
        }
    }

    @Test
    void resentFieldsTakePrecedenceForDashT() throws Exception {
        try (SpooledMessage m = spool("To: old@a.test\nResent-To: new@b.test\nResent-Bcc: hid@c.test\n\nb\n", true)) {
            Message t = dashT(m);
            assertEquals(List.of("new@b.test", "hid@c.test"),
                    t.envelope().recipients().stream().map(Object::toString).toList());
            assertFalse(text(t).contains("hid@c.test"));
        }
    }

    @Test
    void groupsAndDisplayNamesInHeaders() throws Exception {
        try (SpooledMessage m = spool("To: undisclosed-recipients:;\nCc: Team: a@a.test, \"B, b\" <b@b.test>;\n\nx\n",
                true)) {
            assertEquals(List.of("a@a.test", "b@b.test"),
                    dashT(m).envelope().recipients().stream().map(Object::toString).toList());
        }
    }

    @Test
    void noRecipientIsAUsageErrorAndABadAddressBadData() throws Exception {
        try (SpooledMessage m = spool("Subject: s\n\nb\n", false)) {
            assertEquals(64, assertThrows(CliException.class, () -> dashT(m)).exitCode());
        }
        try (SpooledMessage m = spool("To: bob@\nSubject: s\n\nb\n", false)) {
            assertEquals(65, assertThrows(CliException.class, () -> dashT(m)).exitCode());
        }
    }
}
