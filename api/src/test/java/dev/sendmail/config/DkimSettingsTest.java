package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.dkim.Canonicalization;
import dev.sendmail.dkim.DkimException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimSettingsTest {

    @TempDir
    Path home;

    private Path edKey(String name) throws Exception {
        byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        Path p = Files.writeString(home.resolve(name), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    private DkimSettings of(String text) throws ConfigException {
        return DkimSettings.of(ConfigFile.parse("rc", text).account("a"),
                new UserEnvironment(Map.of(), home, home));
    }

    @Test
    void publishingTakesTheSelectorsAndTheDomainGivenOverTheAccountsAndReadsNoKey() throws Exception {
        Account a = ConfigFile.parse("rc", "account a\ndkim_key " + home.resolve("none.pem")
                + "\ndkim_selector s1, s2\ndkim_domain a.test\n").account("a");
        DkimSettings fromAccount = DkimSettings.publishing(a);
        assertFalse(fromAccount.enabled(), "no key is read, not even the account's missing one");
        assertEquals(List.of("s1", "s2"), fromAccount.selectors());
        assertEquals(Optional.of("a.test"), fromAccount.domain());
        DkimSettings given = DkimSettings.publishing(a.with(ConfigKey.DKIM_SELECTOR, " cli ", "--dkim-selector")
                .with(ConfigKey.DKIM_DOMAIN, " b.test ", "--dkim-domain"));
        assertEquals(List.of("cli"), given.selectors());
        assertEquals(Optional.of("b.test"), given.domain());
    }

    @Test
    void anAccountsKeysAreReadWithOneSelectorEachAndSign() throws Exception {
        edKey("a.pem");
        edKey("b.pem");
        DkimSettings s = of("account a\ndkim_key ~/a.pem, ~/b.pem\ndkim_selector s1, s2\ndkim_canon simple\n");
        assertEquals(2, s.keys().size());
        assertEquals(List.of("s1", "s2"), s.selectors());
        assertEquals(Canonicalization.SIMPLE, s.headerCanon());
        assertEquals(Canonicalization.SIMPLE, s.bodyCanon(), "one name: the body is simple");
        MessageContent signed = s.sign(MessageContent.of("From: a@example.org\r\nSubject: x\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.US_ASCII)), Optional.of(Mailbox.parse("a@example.org")), Clock.systemUTC());
        String text = new String(signed.open().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(2, text.split("DKIM-Signature:", -1).length - 1, text);
        assertTrue(text.contains("d=example.org; s=s1;"), text);
        assertFalse(of("account a\nfrom a@a.test\n").enabled());
    }

    @Test
    void aMissingKeyIsMissingAndSelectorsMustPairUp() throws Exception {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> of("account a\ndkim_key ~/none.pem\ndkim_selector s\n"));
        assertEquals(ConfigException.Reason.MISSING, missing.reason());
        assertEquals("DKIM key " + home.resolve("none.pem") + " does not exist", missing.getMessage());
        edKey("a.pem");
        assertThrows(IllegalArgumentException.class, () -> of("account a\ndkim_key ~/a.pem\n"));
    }

    @Test
    void aSelectorOrADomainWithoutKeysIsRefusedNamingTheKeysNotCommandLineOptions() {
        for (Optional<String> domain : List.of(Optional.<String>empty(), Optional.of("a.test"))) {
            String e = assertThrows(IllegalArgumentException.class, () -> DkimSettings.of(List.of(),
                    domain.isPresent() ? List.of() : List.of("s"), domain, Optional.empty())).getMessage();
            assertEquals("DKIM selectors and a signing domain (dkim_selector, dkim_domain) need key files (dkim_key)",
                    e);
        }
    }

    @Test
    void withoutADomainAndWithoutAFromThereIsNothingToSignFor() throws Exception {
        DkimSettings s = DkimSettings.of(List.of(edKey("a.pem")), List.of("s"), Optional.empty(), Optional.empty());
        DkimException e = assertThrows(DkimException.class, () -> s.signer(Optional.empty(), Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith("DKIM: no --dkim-domain"), e.getMessage());
    }

    @Test
    void theSigningDomainIsTheConfiguredOneElseTheSendersUnlessAnAddressLiteral() throws Exception {
        edKey("a.pem");
        DkimSettings own = of("account a\ndkim_key ~/a.pem\ndkim_selector s1\n");
        assertEquals(Optional.of("from.test"), own.signingDomain(Optional.of(Mailbox.parse("zoe@from.test"))));
        assertEquals(Optional.empty(), own.signingDomain(Optional.of(Mailbox.parse("zoe@[192.0.2.1]"))));
        assertEquals(Optional.empty(), own.signingDomain(Optional.empty()));
        DkimSettings set = of("account a\ndkim_key ~/a.pem\ndkim_selector s1\ndkim_domain sign.test\n");
        assertEquals(Optional.of("sign.test"), set.signingDomain(Optional.of(Mailbox.parse("zoe@from.test"))));
        assertEquals(Optional.of("sign.test"), set.signingDomain(Optional.empty()));
    }

    @Test
    void theSenderCheckGetsEachKeyWithItsSelectorAndTheSigningDomain() throws Exception {
        edKey("a.pem");
        edKey("b.pem");
        DkimSettings s = of("account a\ndkim_key ~/a.pem, ~/b.pem\ndkim_selector s1, s2\n");
        List<dev.sendmail.dmarc.SenderCheck.DkimSetup> setups = s.setups(Mailbox.parse("zoe@from.test"));
        assertEquals(List.of("s1", "s2"), setups.stream().map(d -> d.selector()).toList());
        assertEquals(s.keys(), setups.stream().map(d -> d.key()).toList());
        assertEquals(List.of("from.test", "from.test"), setups.stream().map(d -> d.domain()).toList(),
                "without dkim_domain, the From address's domain signs");
        DkimSettings signing = of("account a\ndkim_key ~/a.pem\ndkim_selector s1\ndkim_domain sign.test\n");
        assertEquals("sign.test", signing.setups(Mailbox.parse("zoe@from.test")).get(0).domain());
        assertTrue(DkimSettings.NONE.setups(Mailbox.parse("zoe@from.test")).isEmpty());
    }

    @Test
    void valuesGivenElsewhereReplaceTheAccountsKeys() throws Exception {
        edKey("a.pem");
        edKey("b.pem");
        Account a = ConfigFile.parse("rc", "account a\ndkim_key ~/a.pem\ndkim_selector s1\ndkim_domain a.test\n"
                + "dkim_canon simple/simple\n").account("a");
        UserEnvironment env = new UserEnvironment(Map.of(), home, home);
        DkimSettings fromFile = DkimSettings.of(a, env);
        assertEquals(List.of("s1"), fromFile.selectors());
        assertEquals(Optional.of("a.test"), fromFile.domain());
        assertEquals(Canonicalization.SIMPLE, fromFile.bodyCanon());
        Account keys = a.with(ConfigKey.DKIM_KEY, " ~/a.pem,~/b.pem ", "--dkim-key");
        DkimSettings given = DkimSettings.of(keys.with(ConfigKey.DKIM_SELECTOR, "x1 , x2", "--dkim-selector")
                .with(ConfigKey.DKIM_DOMAIN, " b.test ", "--dkim-domain")
                .with(ConfigKey.DKIM_CANON, "relaxed", "--dkim-canon"), env);
        assertEquals(2, given.keys().size());
        assertEquals(List.of("x1", "x2"), given.selectors());
        assertEquals(Optional.of("b.test"), given.domain());
        assertEquals(Canonicalization.RELAXED, given.headerCanon());
        assertEquals(Canonicalization.SIMPLE, given.bodyCanon());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DkimSettings.of(keys, env),
                "two keys given, the account's one selector");
        assertEquals("give one --dkim-selector per --dkim-key (2 key(s), 1 selector(s))", e.getMessage());
    }
}
