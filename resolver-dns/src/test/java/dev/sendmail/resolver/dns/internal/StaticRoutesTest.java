package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.spi.MailRoute;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticRoutesTest {

    private static List<String> hosts(StaticRoutes r, String domain) {
        return r.find(domain).orElseThrow().stream().map(MailHost::toString).toList();
    }

    @Test
    void routeKeysWithSeveralHostsInOrder() throws Exception {
        StaticRoutes r = StaticRoutes.parse(Map.of("route.Example.ORG", " mx1.example.org:2525 , 192.0.2.7,[2001:db8::25]:26 "));
        assertEquals(List.of("mx1.example.org:2525", "192.0.2.7", "2001:db8::25:26"), hosts(r, "example.org"));
        List<MailHost> list = r.find("EXAMPLE.org.").orElseThrow();
        assertEquals(List.of(), list.get(0).addresses());
        assertEquals(List.of(InetAddress.getByName("192.0.2.7")), list.get(1).addresses());
        assertEquals(List.of(InetAddress.getByName("2001:db8::25")), list.get(2).addresses());
        assertEquals(-1, list.get(0).preference());
    }

    @Test
    void routesListAndRepeatedDomains() {
        StaticRoutes r = StaticRoutes.parse(Map.of("routes", "a.test=h1:25, b.test=h2, a.test=h3:2525", "unrelated", "x=y"));
        assertEquals(List.of("h1:25", "h3:2525"), hosts(r, "a.test"));
        assertEquals(List.of("h2"), hosts(r, "b.test"));
        assertEquals(Optional.empty(), r.find("c.test"));
    }

    @Test
    void exactThenLongestWildcardThenFallback() {
        Map<String, String> p = new HashMap<>();
        p.put("route.corp.test", "exact");
        p.put("route.*.corp.test", "corp");
        p.put("route.*.eu.corp.test", "eu");
        p.put("route.*", "relay");
        StaticRoutes r = StaticRoutes.parse(p);
        assertEquals(List.of("exact"), hosts(r, "corp.test"));
        assertEquals(List.of("corp"), hosts(r, "x.corp.test"));
        assertEquals(List.of("eu"), hosts(r, "a.b.eu.corp.test"));
        assertEquals(List.of("corp"), hosts(r, "eu2.corp.test"));
        assertEquals(List.of("relay"), hosts(r, "elsewhere.test"));
        assertEquals(List.of("relay"), hosts(r, "notcorp.test"));
    }

    @Test
    void emptyWhenNothingConfigured() {
        assertTrue(StaticRoutes.parse(Map.of("attempts", "2")).isEmpty());
    }

    @Test
    void hostileInputsFailWithOneLineNamingTheKey() {
        List<Map<String, String>> bad = List.of(
                Map.of("route.a.test", ""),
                Map.of("route.a.test", "h1,,h2"),
                Map.of("route.a.test", "h1,"),
                Map.of("route.a.test", "h:0"),
                Map.of("route.a.test", "h:65536"),
                Map.of("route.a.test", "h:port"),
                Map.of("route.a.test", "[2001:db8::1"),
                Map.of("route.a.test", "2001:db8::1:25:zz"),
                Map.of("route.a.test", "bad host"),
                Map.of("route.a.test", "h\r\nRCPT TO:<x@y>"),
                Map.of("route.a.test", "h\u0000"),
                Map.of("route.a.test", "ho_st!"),
                Map.of("route.", "h"),
                Map.of("route.a..test", "h"),
                Map.of("route.*.", "h"),
                Map.of("route.**", "h"),
                Map.of("route.a.test", "h," .repeat(40) + "h"),
                Map.of("route.a.test", "h".repeat(70_000)),
                Map.of("routes", "a.test"),
                Map.of("routes", "=h"),
                Map.of("routes", "a.test=h,b.test"),
                Map.of("routes", "a.test=h:99999"),
                Map.of("routes", "a.test=h:9\r\nx"),
                Map.of("route.a\nb.test", "h"));
        for (Map<String, String> p : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StaticRoutes.parse(p), p.toString());
            String key = DomainNames.shown(p.keySet().iterator().next());
            assertTrue(e.getMessage().startsWith(key), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().length() < 400, e.getMessage());
        }
    }

    @Test
    void tooManyRoutes() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= StaticRoutes.MAX_ROUTES; i++) {
            sb.append(i == 0 ? "" : ",").append("d").append(i).append(".test=h");
        }
        assertThrows(IllegalArgumentException.class, () -> StaticRoutes.parse(Map.of("routes", sb.toString())));
    }

    @Test
    void resolverUsesRoutesAndLiterals() throws Exception {
        StaticResolver r = new StaticResolver(StaticRoutes.parse(Map.of("route.a.test", "h1,h2:2525")));
        MailRoute route = r.resolve("A.test");
        assertEquals(MailRoute.Kind.STATIC, route.kind());
        assertEquals("a.test", route.domain());
        assertEquals(2, route.hosts().size());
        assertEquals(MailRoute.Kind.ADDRESS_LITERAL, r.resolve("[192.0.2.3]").kind());
        ResolutionFailedException e = assertThrows(ResolutionFailedException.class, () -> r.resolve("b.test"));
        assertEquals(ResolutionFailedException.Reason.PERMANENT, e.reason());
        assertTrue(e.getMessage().contains("no static route"), e.getMessage());
        assertThrows(ResolutionFailedException.class, () -> r.resolve("a\nb.test"));
    }
}
