package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sendmail.api.MailHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainRoutesTest {

    @Test
    void eachDomainGetsItsHostAndALaterRouteForADomainReplacesAnEarlierOne() {
        Map<String, MailHost> routes = DomainRoutes.parse(List.of("a.test=mx.a.test:2525", " b.test =relay.test",
                "a.test=other.test"));
        assertEquals(Map.of("a.test", MailHost.of("other.test"), "b.test", MailHost.of("relay.test")), routes);
        assertEquals(List.of("a.test", "b.test"), List.copyOf(routes.keySet()), "in the order given");
    }

    @Test
    void aRouteWithoutDomainOrHostOrWithABadOneIsRefused() {
        assertEquals("a route must be DOMAIN=HOST[:PORT]: a.test",
                assertThrows(IllegalArgumentException.class, () -> DomainRoutes.parse(List.of("a.test"))).getMessage());
        for (String bad : List.of("=h.test", "a.test=", "not a domain=h.test", "a.test=h.test:0")) {
            assertThrows(IllegalArgumentException.class, () -> DomainRoutes.parse(List.of(bad)), bad);
        }
    }
}
