package dev.sendmail.resolver.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.SendMailException;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.ResolverProvider;
import dev.sendmail.spi.ResolverSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Both providers are found through ServiceLoader, and each creates a working resolver. */
class ResolverProvidersTest {

    @Test
    void serviceLoaderFindsBothAndDnsWinsByPriority() {
        Providers<ResolverProvider> found = Providers.resolvers();
        assertEquals(List.of(), found.problems());
        assertTrue(found.names().containsAll(List.of("dns", "static")), found.names().toString());
        assertInstanceOf(DnsResolverProvider.class, found.select(Optional.empty()));
        assertInstanceOf(StaticResolverProvider.class, found.select(Optional.of("STATIC")));
        assertInstanceOf(DnsResolverProvider.class, found.select(Optional.of("dns")));
        assertEquals(100, new DnsResolverProvider().priority());
        assertEquals(0, new StaticResolverProvider().priority());
    }

    @Test
    void serviceFileAndModuleInfoNameTheSameProviders() throws Exception {
        String services = new String(getClass().getResourceAsStream(
                "/META-INF/services/dev.sendmail.spi.ResolverProvider").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(List.of(DnsResolverProvider.class.getName(), StaticResolverProvider.class.getName()),
                services.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        String moduleInfo = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/java/module-info.java"));
        assertTrue(moduleInfo.contains(DnsResolverProvider.class.getName()), moduleInfo);
        assertTrue(moduleInfo.contains(StaticResolverProvider.class.getName()), moduleInfo);
    }

    @Test
    void descriptionsDocumentTheSettings() {
        assertTrue(new StaticResolverProvider().description().contains("route.<domain>=host[:port]"));
        assertTrue(new DnsResolverProvider().description().contains("attempts"));
    }

    @Test
    void staticProviderCreatesARouter() throws SendMailException {
        ResolverSettings s = ResolverSettings.defaults().withProperties(Map.of("route.example.org", "127.0.0.1:2525"));
        try (Resolver r = new StaticResolverProvider().create(s)) {
            MailRoute route = r.resolve("example.org");
            assertEquals(MailRoute.Kind.STATIC, route.kind());
            assertEquals("127.0.0.1:2525", route.hosts().get(0).toString());
        }
    }

    @Test
    void staticProviderWithoutRoutesFailsLoudly() {
        ResolutionFailedException e = assertThrows(ResolutionFailedException.class,
                () -> new StaticResolverProvider().create(ResolverSettings.defaults()));
        assertTrue(e.getMessage().contains("no routes configured"), e.getMessage());
        e = assertThrows(ResolutionFailedException.class, () -> new StaticResolverProvider().create(
                ResolverSettings.defaults().withProperties(Map.of("route.example.org", "host:99999"))));
        assertTrue(e.getMessage().contains("route.example.org"), e.getMessage());
    }

    @Test
    void dnsProviderRejectsBadSettingsInOneLine() {
        for (ResolverSettings bad : List.of(
                ResolverSettings.defaults().withServers(List.of("127.0.0.1:0")),
                ResolverSettings.defaults().withServers(List.of("127.0.0.1:x")),
                ResolverSettings.defaults().withServers(List.of("[::1")),
                ResolverSettings.defaults().withServers(List.of("127.0.0.1")).withProperties(Map.of("attempts", "0")),
                ResolverSettings.defaults().withServers(List.of("127.0.0.1")).withProperties(Map.of("attempts", "many")),
                ResolverSettings.defaults().withServers(List.of("127.0.0.1")).withProperties(Map.of("tcp", "maybe")),
                ResolverSettings.defaults().withServers(List.of("127.0.0.1")).withProperties(Map.of("addresses", "ipv5")))) {
            ResolutionFailedException e = assertThrows(ResolutionFailedException.class,
                    () -> new DnsResolverProvider().create(bad), bad.toString());
            assertEquals(ResolutionFailedException.Reason.PERMANENT, e.reason(), e.getMessage());
            assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
        }
    }

    @Test
    void dnsProviderCreatesAResolverWithoutIo() throws SendMailException {
        ResolverSettings s = ResolverSettings.defaults().withServers(List.of("127.0.0.1:5399", "[::1]:53"));
        try (Resolver r = new DnsResolverProvider().create(s)) {
            assertEquals(MailRoute.Kind.ADDRESS_LITERAL, r.resolve("[192.0.2.1]").kind());
        }
    }
}
