package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.TrustSettings;
import dev.sendmail.oauth2.OAuth2Config;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OAuth2AccountTest {

    private static final UserEnvironment ENV = new UserEnvironment(Map.of("XDG_DATA_HOME", "/data",
            "XDG_CACHE_HOME", "/cache"), Path.of("/home/jane"), Path.of("/etc"));

    private static ServerSettings withOAuth2(URI tokenEndpoint) throws ConfigException {
        ServerSettings plain = ServerSettings.builder().build();
        OAuth2Config c = new OAuth2Config(Optional.empty(), Optional.of(tokenEndpoint), Optional.empty(),
                Optional.empty(), "client-1", Optional.empty(), Optional.of("smtp"), Optional.empty());
        return new ServerSettings(plain.routing(), plain.security(), new ServerSettings.Auth(Optional.of("alice"),
                Optional.empty(), List.of("XOAUTH2"), Optional.of(c)));
    }

    @Test
    void theTokenFilesAreNamedByTheAccountUnderTheDataAndCacheDirectories() throws Exception {
        OAuth2Account a = OAuth2Account.of(Optional.of("work"), withOAuth2(URI.create("https://idp.test/token")), ENV);
        assertEquals("work", a.name());
        assertTrue(a.store().describe().contains("/data/send-mail/oauth2/account-work"), a.store().describe());
        assertEquals(Path.of("/cache/send-mail/oauth2"), a.cacheFile().getParent());
        assertEquals("run send-mail --oauth2-login work", a.loginHint());
        assertTrue(a.tokenSource(TrustSettings.SYSTEM).describe().contains("https://idp.test/token"),
                a.tokenSource(TrustSettings.SYSTEM).describe());
    }

    @Test
    void theDefaultsSectionAndNoFileAreTheDefaultAccount() throws Exception {
        ServerSettings s = withOAuth2(URI.create("https://idp.test/token"));
        assertEquals("default", OAuth2Account.of(Optional.of("defaults"), s, ENV).name());
        assertEquals("default", OAuth2Account.of(Optional.empty(), s, ENV).name());
        assertEquals(OAuth2Account.of(Optional.empty(), s, ENV).cacheFile(),
                OAuth2Account.of(Optional.of("defaults"), s, ENV).cacheFile());
    }

    @Test
    void settingsWithoutOAuth2OrWithAPlainHttpEndpointAreRefused() throws Exception {
        ConfigException none = assertThrows(ConfigException.class,
                () -> OAuth2Account.of(Optional.of("work"), ServerSettings.builder().build(), ENV));
        assertEquals("account work has no OAuth2 settings (auth xoauth2 or oauthbearer, and oauth2_client_id)",
                none.getMessage());
        assertThrows(ConfigException.class, () -> OAuth2Account.of(Optional.of("work"),
                withOAuth2(URI.create("http://idp.test/token")), ENV));
    }
}
