package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.TlsMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSettingsTest {

    @TempDir
    Path home;

    private Account account(String text) throws ConfigException {
        return ConfigFile.parse("rc", text).select(Optional.of("a"));
    }

    private UserEnvironment env() {
        return new UserEnvironment(Map.of(), home, home);
    }

    private ServerSettings settings(String text) throws ConfigException {
        return ServerSettings.builder(account(text), env()).build();
    }

    @Test
    void theAccountsHostsGetItsPortAndTheDefaultTlsModeFollowsTheFirstHost() throws Exception {
        ServerSettings s = settings("account a\nhost mx.test\nfallback_host b.test:2525\nport 465\n");
        assertEquals(List.of(MailHost.of("mx.test", 465), MailHost.of("b.test", 2525)), s.routing().smartHosts());
        assertEquals(TlsMode.SMTPS, s.security().tlsMode());
        assertFalse(s.security().tlsModeChosen());
        assertEquals(TlsMode.OPPORTUNISTIC, settings("account a\nfrom a@a.test\n").security().tlsMode());
    }

    @Test
    void tlsOnIsStartTlsUnlessTlsStartTlsIsOffAndNamesNoMode() throws Exception {
        assertEquals(TlsMode.STARTTLS, settings("account a\nhost h.test\nport 465\ntls on\n").security().tlsMode());
        ServerSettings implicit = settings("account a\nhost h.test\ntls on\ntls_starttls off\n");
        assertEquals(TlsMode.SMTPS, implicit.security().tlsMode());
        assertFalse(implicit.security().tlsModeChosen());
        assertTrue(settings("account a\nhost h.test\ntls starttls\n").security().tlsModeChosen());
    }

    @Test
    void tlsGivenAsTextIsOnOrAModeAndAnythingElseIsRefusedNamingTheValuesAllowed() throws Exception {
        ServerSettings on = ServerSettings.builder(account("account a\nhost h.test\ntls_starttls off\n"), env())
                .tls(" ON ").build();
        assertEquals(TlsMode.SMTPS, on.security().tlsMode(), "on follows tls_starttls");
        assertFalse(on.security().tlsModeChosen());
        ServerSettings off = ServerSettings.builder().smartHosts(List.of(MailHost.of("h.test"))).tls("Off").build();
        assertEquals(TlsMode.OFF, off.security().tlsMode());
        assertTrue(off.security().tlsModeChosen());
        assertEquals("unknown TLS mode 'bogus' (use on, smtps, starttls, opportunistic or off)",
                assertThrows(IllegalArgumentException.class, () -> ServerSettings.builder().tls(" bogus "))
                        .getMessage());
    }

    @Test
    void valuesSetOnTheBuilderOverrideTheAccountsAndTheAccountsPortStillApplies() throws Exception {
        ServerSettings s = ServerSettings.builder(account("account a\nhost mx.test\nport 587\ntls_starttls off\n"),
                env()).smartHosts(List.of(MailHost.parse("other.test"))).tlsOn().build();
        assertEquals(List.of(MailHost.of("other.test", 587)), s.routing().smartHosts());
        assertEquals(TlsMode.SMTPS, s.security().tlsMode(), "tls on follows the account's tls_starttls");
    }

    @Test
    void authOffDropsTheCredentialsUntilAUserIsGivenThenTheAccountsPasswordIsUsed() throws Exception {
        String rc = "account a\nhost h.test\nuser u\npasswordeval echo pw\nauth off\n";
        ServerSettings off = settings(rc);
        assertEquals(Optional.empty(), off.auth().user());
        assertEquals(Optional.empty(), off.auth().password());
        ServerSettings on = ServerSettings.builder(account(rc), env()).user("v").build();
        assertEquals(Optional.of("v"), on.auth().user());
        assertEquals(Optional.of(new PasswordSource.FromCommand("echo pw")), on.auth().password());
    }

    @Test
    void aPasswordGivenWithoutAUserIsRefusedNotDropped() throws Exception {
        PasswordSource pw = new PasswordSource.FromEnvironment("PW");
        assertEquals("a password was given but no user name to log in as (user)", assertThrows(
                IllegalArgumentException.class, () -> ServerSettings.builder().password(pw).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.builder(account("account a\nhost h.test\n"
                + "user u\nauth off\n"), env()).password(pw).build(), "auth off drops the account's user");
        assertEquals(Optional.of(pw), ServerSettings.builder(account("account a\nhost h.test\nuser u\n"), env())
                .password(pw).build().auth().password(), "the account's user");
    }

    @Test
    void aUserWithoutAPasswordIsAConfigurationError() {
        ConfigException e = assertThrows(ConfigException.class, () -> settings("account a\nhost h.test\nuser u\n"));
        assertEquals(ConfigException.Reason.INVALID, e.reason());
    }

    @Test
    void aFileProblemNamesTheKeyAndTheLineItWasSetOn() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> settings("defaults\ntls_trust_file " + home.resolve("none.pem") + "\naccount a\nhost h.test\n"));
        assertEquals("rc:2: tls_trust_file: cannot read " + home.resolve("none.pem"), e.getMessage());
        assertEquals(ConfigException.Reason.INVALID, e.reason());
        ConfigException fallback = assertThrows(ConfigException.class,
                () -> settings("account a\nfrom a@a.test\nfallback_host b.test\n"));
        assertTrue(fallback.getMessage().startsWith("rc:3: fallback_host needs a host"), fallback.getMessage());
        ConfigException cert = assertThrows(ConfigException.class,
                () -> settings("account a\nhost h.test\ntls_cert_file ~/missing.pem\n"));
        assertEquals(ConfigException.Reason.MISSING, cert.reason());
        assertTrue(cert.getMessage().contains(home.resolve("missing.pem").toString()), "~ expanded");
    }

    @Test
    void theTrustFileFingerprintAndCertificateCheckComeFromTheAccount() throws Exception {
        Path ca = Files.writeString(home.resolve("ca.pem"), "");
        ServerSettings s = settings("account a\nhost h.test\ntls_trust_file " + ca + "\ntls_certcheck off\n"
                + "tls_fingerprint " + "AB".repeat(32) + "\n");
        assertEquals(Optional.of(ca), s.security().trust().caFile());
        assertEquals(List.of("ab".repeat(32)), s.security().trust().pins());
        assertTrue(s.security().trust().insecure());
    }

    @Test
    void hostAutoIsSrvDiscoveryAndRefusesAPort() throws Exception {
        assertTrue(settings("account a\nhost auto\n").routing().discoverSubmission());
        assertThrows(IllegalArgumentException.class, () -> settings("account a\nhost auto\nport 587\n"));
    }

    @Test
    void valuesGivenToTheBuilderAreCheckedWhereTheFileChecksItsKeys() throws Exception {
        ServerSettingsBuilder b = ServerSettings.builder();
        ServerSettings s = b.dnsServers(List.of(" 127.0.0.1:5353", "[::1]")).heloName("client.test")
                .properties(Map.of("dir.x_y-1", "v")).mechanisms(List.of("plain", "SCRAM-SHA-256")).build();
        assertEquals(List.of("127.0.0.1:5353", "[::1]"), s.routing().dnsServers());
        assertEquals(Optional.of("client.test"), s.routing().heloName());
        assertEquals(List.of("PLAIN", "SCRAM-SHA-256"), s.auth().mechanisms());
        assertThrows(IllegalArgumentException.class, () -> b.dnsServers(List.of("a.test:70000")));
        for (String helo : new String[] {"", "a b", "x\ny", "é.test", "a".repeat(256)}) {
            assertThrows(IllegalArgumentException.class, () -> b.heloName(helo), helo);
        }
        assertThrows(IllegalArgumentException.class, () -> b.properties(Map.of("", "v")));
        assertThrows(IllegalArgumentException.class, () -> b.properties(Map.of("a b", "v")));
        assertThrows(IllegalArgumentException.class, () -> b.properties(Map.of("k".repeat(65), "v")));
        assertThrows(IllegalArgumentException.class, () -> b.property("a b", "v"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.mechanisms(List.of("PLAIN", "LOGIN\r\nRSET")));
        assertEquals("invalid mechanism name: LOGIN\\u000D\\u000ARSET", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.mechanisms(List.of("")));
        assertEquals(s, b.build(), "a refused value changes nothing");
        assertThrows(ConfigException.class, () -> account("account a\ndomain " + "d".repeat(256) + "\n"),
                "the file's domain is checked as the builder checks an EHLO name");
    }

    @Test
    void propertyAddsOneToThoseSetBefore() throws Exception {
        ServerSettings s = ServerSettings.builder().properties(Map.of("a", "1")).property("b", "2").property("a", "3")
                .build();
        assertEquals(Map.of("a", "3", "b", "2"), s.routing().properties());
    }
}
