package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.MessageContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accounts that take an envelope sender's mail, read into settings and DKIM signers. */
class SenderRouteTest {

    @TempDir
    Path home;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    private UserEnvironment env() {
        return new UserEnvironment(Map.of("USER", "tester"), home, home);
    }

    private Path edKey() throws Exception {
        byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        Path p = Files.writeString(home.resolve("sales.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    private List<SenderRoute> routes(String text) throws ConfigException {
        ConfigFile file = ConfigFile.parse("rc", text);
        return SenderRoute.of(SenderAccounts.of(file, Optional.of("default"), env()), env(), CLOCK);
    }

    @Test
    void eachRouteHasItsAccountsHostAndSignsWithItsKeyForTheRoutedDomain() throws Exception {
        List<SenderRoute> routes = routes("account main\nhost relay-main.test\nfrom me@example.org\n"
                + "account sales\nhost relay-sales.test\nport 465\nfrom sales@example.org\ndkim_key " + edKey()
                + "\ndkim_selector s1\n"
                + "account billing\nhost relay-billing.test\nfrom *@billing.example.net\n"
                + "account default : main\n");
        // the default account only inherits from main: main's own from is a route to the same host
        assertEquals(List.of("me@example.org", "sales@example.org", "billing.example.net"),
                routes.stream().map(SenderRoute::key).toList());
        SenderRoute sales = routes.get(1);
        assertEquals("sales", sales.account());
        assertEquals("relay-sales.test:465", sales.settings().routing().smartHost().orElseThrow().toString());
        MessageContent signed = sales.signer().orElseThrow().sign(MessageContent.of(
                "From: sales@example.org\r\nSubject: s\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII)));
        String text = new String(signed.open().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("DKIM-Signature:") && text.contains("d=example.org") && text.contains("s=s1"),
                text);
        assertEquals(Optional.empty(), routes.get(2).signer());
        assertEquals("relay-billing.test", routes.get(2).settings().routing().smartHost().orElseThrow().name());
    }

    @Test
    void anAccountWhoseSettingsCannotBeUsedIsAConfigurationErrorNamingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> routes("account main\nhost relay-main.test\n"
                + "account sales\nhost relay-sales.test\nfrom sales@example.org\ndkim_key " + home.resolve("none.pem")
                + "\ndkim_selector s1\naccount default : main\n"));
        assertTrue(e.getMessage().contains("none.pem"), e.getMessage());
    }

    @Test
    void dkimKeysAndSelectorsThatDoNotPairUpAreAConfigurationError() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> routes("account sales\nhost relay-sales.test\n"
                + "from sales@example.org\ndkim_key " + edKey() + "\naccount default : sales\n"));
        assertEquals(ConfigException.Reason.INVALID, e.reason());
        assertEquals("give one --dkim-selector per --dkim-key (1 key(s), 0 selector(s))", e.getMessage());
    }
}
