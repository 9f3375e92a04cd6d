package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Dsn;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.TlsMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountSettingsTest {

    @TempDir
    Path home;

    private UserEnvironment env() {
        return new UserEnvironment(Map.of("USER", "jane"), home, home);
    }

    private MessageSettings message(String text) throws ConfigException {
        return MessageSettings.of(ConfigFile.parse("rc", text).account("a"), env());
    }

    @Test
    void aFileReadFromDiskGivesBothHalvesOfAnAccount() throws Exception {
        Path rc = Files.writeString(home.resolve("msmtprc"), "defaults\ntls on\n\naccount work\nhost smtp.example.org\n"
                + "port 465\ntls_starttls off\nfrom %U@example.org\nuser jane\npasswordeval echo pw\n"
                + "queue_dir ~/q\nqueue_bounce off\n");
        AccountSettings s = AccountSettings.of(ConfigFile.load(rc, env()).account("work"), env());
        assertEquals("work", s.account());
        assertEquals(List.of(MailHost.of("smtp.example.org", 465)), s.server().routing().smartHosts());
        assertEquals(TlsMode.SMTPS, s.server().security().tlsMode());
        assertEquals(Optional.of("jane"), s.server().auth().user());
        assertEquals("jane@example.org", s.message().from().orElseThrow().address());
        assertFalse(s.message().fromLocked());
        assertEquals(Optional.of(home.resolve("q")), s.message().queueDir());
        assertFalse(s.message().queueBounce());
        assertEquals(MessagePolicy.DEFAULT, s.message().headers());
        assertThrows(ConfigException.class, () -> ConfigFile.load(rc, env()).account("home"));
    }

    @Test
    void autoFromTakesTheUserAtTheMailDomainAndAFromPatternIsNoSender() throws Exception {
        assertEquals("jane@mail.test", message("account a\nauto_from on\nmaildomain mail.test\n").from()
                .orElseThrow().address());
        assertEquals(Optional.empty(), message("account a\nfrom *@example.org\n").from());
    }

    @Test
    void allowFromOverrideOffLocksTheSender() throws Exception {
        assertTrue(message("account a\nfrom a@a.test\nallow_from_override off\n").fromLocked());
        assertFalse(message("account a\nallow_from_override off\n").fromLocked(), "no sender, nothing locked");
    }

    @Test
    void dsnKeysAreTyped() throws Exception {
        Dsn d = message("account a\ndsn_notify failure,delay\ndsn_return headers\n").dsn();
        assertEquals(Set.of(Dsn.Notify.FAILURE, Dsn.Notify.DELAY), d.notifyOn());
        assertEquals(Optional.of(Dsn.Ret.HDRS), d.ret());
        assertEquals(Dsn.NONE, message("account a\ndsn_notify off\ndsn_return off\n").dsn());
    }

    @Test
    void aSenderThatIsNoAddressAfterTheSubstitutionsNamesItsLine() {
        UserEnvironment spaced = new UserEnvironment(Map.of("USER", "no body"), home, home);
        ConfigException e = assertThrows(ConfigException.class, () -> MessageSettings.of(
                ConfigFile.parse("rc", "account a\nfrom %U@example.org\n").account("a"), spaced));
        assertTrue(e.getMessage().startsWith("rc:2: from: "), e.getMessage());
    }
}
