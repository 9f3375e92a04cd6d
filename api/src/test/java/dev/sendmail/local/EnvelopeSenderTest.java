package dev.sendmail.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Mailbox;
import dev.sendmail.config.ConfigFile;
import dev.sendmail.config.MessageSettings;
import dev.sendmail.config.UserEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The envelope sender rules: -f, the null sender, --read-envelope-from, an account's from and its lock. */
class EnvelopeSenderTest {

    @TempDir
    Path dir;

    private UserEnvironment env(String user) throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("mailname"), "host.test\n");
        return new UserEnvironment(Map.of("USER", user), dir, etc);
    }

    private MessageSettings account(String rc) throws Exception {
        return MessageSettings.of(ConfigFile.parse("rc", rc).select(Optional.empty()), env("zoe"));
    }

    private static EnvelopeSender address(String a) {
        return EnvelopeSender.of(Mailbox.parse(a));
    }

    @Test
    void minusFIsTheNullSenderWhenEmptyOrAngleBracketsElseOneAddress() {
        for (String nul : new String[] {"", "  ", "<>", " <> "}) {
            assertEquals(EnvelopeSender.NULL, EnvelopeSender.parse(nul), "'" + nul + "'");
        }
        assertEquals(address("a@a.test"), EnvelopeSender.parse("a@a.test"));
        assertThrows(IllegalArgumentException.class, () -> EnvelopeSender.parse("not an address"));
        assertThrows(IllegalArgumentException.class, () -> new EnvelopeSender(Optional.of(Mailbox.parse("a@a.test")),
                true));
    }

    @Test
    void minusFThenReadEnvelopeFromThenTheAccountsFrom() throws Exception {
        MessageSettings none = account("");
        MessageSettings from = account("from acct@a.test\n");
        assertEquals(EnvelopeSender.NONE, EnvelopeSender.choose(Optional.empty(), false, none));
        assertEquals(address("acct@a.test"), EnvelopeSender.choose(Optional.empty(), false, from));
        assertEquals(EnvelopeSender.NONE, EnvelopeSender.choose(Optional.empty(), true, from),
                "--read-envelope-from: the message names the sender, not the account");
        assertEquals(address("f@f.test"), EnvelopeSender.choose(Optional.of("f@f.test"), false, from));
        assertEquals(EnvelopeSender.NULL, EnvelopeSender.choose(Optional.of("<>"), false, from));
        assertThrows(IllegalArgumentException.class, () -> EnvelopeSender.choose(Optional.of("bad"), false, from));
    }

    @Test
    void aLockedAccountSenderWinsOverEverythingAndMinusFIsNotEvenRead() throws Exception {
        MessageSettings locked = account("from acct@a.test\nallow_from_override off\n");
        for (Optional<String> f : java.util.List.of(Optional.<String>empty(), Optional.of("f@f.test"),
                Optional.of("<>"), Optional.of("not an address"))) {
            for (boolean fromMessage : new boolean[] {false, true}) {
                assertEquals(address("acct@a.test"), EnvelopeSender.choose(f, fromMessage, locked), f + " " + fromMessage);
            }
        }
        assertEquals(EnvelopeSender.NULL, EnvelopeSender.choose(Optional.of("<>"), false,
                account("allow_from_override off\n")), "no from: nothing to lock");
    }

    @Test
    void theReversePathAndTheAuthorFallBackToTheLocalUser() throws Exception {
        UserEnvironment zoe = env("zoe");
        assertEquals(Optional.of(Mailbox.parse("a@a.test")), address("a@a.test").reversePath(zoe));
        assertEquals(Optional.empty(), EnvelopeSender.NULL.reversePath(zoe));
        assertEquals(Optional.of(Mailbox.parse("zoe@host.test")), EnvelopeSender.NONE.reversePath(zoe));
        assertEquals(Mailbox.parse("zoe@host.test"), EnvelopeSender.NULL.author(zoe),
                "a message from the null sender still has an author");
        assertEquals(Mailbox.parse("a@a.test"), address("a@a.test").author(env("bad user")));
        SubmissionException e = assertThrows(SubmissionException.class,
                () -> EnvelopeSender.NONE.author(env("bad user")));
        assertEquals(SubmissionException.Reason.NO_SENDER, e.reason());
        assertTrue(EnvelopeSender.NONE.isNone());
        assertTrue(!EnvelopeSender.NULL.isNone() && !address("a@a.test").isNone());
    }
}
