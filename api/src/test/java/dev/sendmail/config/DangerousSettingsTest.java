package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.Secret;
import dev.sendmail.api.TlsMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DangerousSettingsTest {

    private static final String CLEAR = ": this mail (and any password) travels in clear text";
    private static final String UNCHECKED = ": server certificates and host names are NOT checked; "
            + "anyone on the path can read and change this mail and take any password";

    @TempDir
    Path home;

    private ServerSettingsBuilder builder(String text) throws ConfigException {
        return ServerSettings.builder(ConfigFile.parse("rc", text).select(Optional.of("a")),
                new UserEnvironment(Map.of(), home, home));
    }

    private static List<String> warnings(ServerSettingsBuilder b) throws ConfigException {
        List<String> out = new ArrayList<>();
        b.warnings(out::add).build();
        return out;
    }

    @Test
    void theAccountsLinesAreNamedWithFileAndLine() throws Exception {
        assertEquals(List.of("tls_certcheck off in rc line 3" + UNCHECKED, "tls off in rc line 2" + CLEAR,
                "tls off in rc line 2 with auth plain in rc line 4: the password is sent in clear text"),
                warnings(builder("account a\ntls off\ntls_certcheck off\nauth plain\nhost h.test\nuser u\n"
                        + "password p\n")));
    }

    @Test
    void settingsMadeOnTheBuilderAreNamedAsTheCallsThatMakeThem() throws Exception {
        assertEquals(List.of("insecure()" + UNCHECKED, "tlsMode(OFF)" + CLEAR,
                "tlsMode(OFF) with mechanisms(PLAIN, LOGIN): the password is sent in clear text"),
                warnings(builder("account a\ntls on\ntls_certcheck off\nauth cram-md5\nhost h.test\nuser u\n"
                        + "password p\n").tlsMode(TlsMode.OFF).insecure().mechanisms(List.of("plain", "login"))));
    }

    @Test
    void aLibraryUsersBuilderCallsAreNeverNamedAsCommandLineOptions() throws Exception {
        ServerSettingsBuilder b = ServerSettings.builder().smartHosts(List.of(MailHost.of("h.test"))).user("u")
                .password(new PasswordSource.Literal(Secret.of("p"))).tlsMode(TlsMode.OFF).insecure()
                .mechanisms(List.of("plain"));
        List<String> lines = warnings(b);
        assertEquals(3, lines.size(), lines.toString());
        lines.forEach(w -> assertFalse(w.contains("--"), w));
        assertFalse(ServerSettings.builder().tls("on").insecure().build().auth().userSetting().contains("--"));
        for (ServerSettingsBuilder bad : List.of(ServerSettings.builder().discoverSubmission().port(587),
                ServerSettings.builder().clientKey(home.resolve("k.pem")),
                ServerSettings.builder().password(new PasswordSource.FromEnvironment("PW")))) {
            String e = assertThrows(IllegalArgumentException.class, bad::build).getMessage();
            assertFalse(e.contains("--"), e);
        }
    }

    @Test
    void aFrontEndNamesTheSettingsItMakesOnTheBuilder() throws Exception {
        ServerSettingsBuilder b = builder("account a\nhost h.test\npassword p\n").tls("off")
                .user("u", "--user").mechanisms(List.of("plain", "login"), "--auth=PLAIN,LOGIN");
        assertEquals(List.of("tlsMode(OFF)" + CLEAR, "tlsMode(OFF) with --auth=PLAIN,LOGIN: the password is sent in "
                + "clear text"), warnings(b));
        assertEquals("--user", b.build().auth().userSetting());
    }

    @Test
    void noPasswordWarningWithoutNamedMechanismsOrWithoutASmartHost() throws Exception {
        assertEquals(List.of("tls off in rc line 2" + CLEAR),
                warnings(builder("account a\ntls off\nhost h.test\nuser u\npassword p\n")));
        assertEquals(List.of("tls off in rc line 2" + CLEAR),
                warnings(builder("account a\ntls off\nauth plain\nuser u\npassword p\n")));
    }

    @Test
    void safeSettingsGiveNoWarning() throws Exception {
        assertEquals(List.of(), warnings(builder("account a\nhost h.test\nuser u\npassword p\nauth plain\n")));
        assertEquals(List.of(), warnings(ServerSettings.builder().tlsMode(TlsMode.SMTPS)));
    }
}
