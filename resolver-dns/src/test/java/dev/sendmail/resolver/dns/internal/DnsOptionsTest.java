package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.spi.ResolverSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsOptionsTest {

    private static InetSocketAddress at(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void serverForms() throws Exception {
        assertEquals(at("127.0.0.1", 53), DnsOptions.parseServer("127.0.0.1"));
        assertEquals(at("127.0.0.1", 5353), DnsOptions.parseServer(" 127.0.0.1:5353 "));
        assertEquals(at("::1", 53), DnsOptions.parseServer("::1"));
        assertEquals(at("::1", 5353), DnsOptions.parseServer("[::1]:5353"));
        assertEquals(at("2001:db8::53", 53), DnsOptions.parseServer("[2001:db8::53]"));
        assertEquals(at("127.0.0.1", 53), DnsOptions.parseServer("localhost:53"));
    }

    @Test
    void badServersFailInOneLine() {
        for (String bad : List.of("", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "[::1", "[::1]x", "h\nx:53")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DnsOptions.parseServer(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid DNS server"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void defaultsAndProperties() throws Exception {
        ResolverSettings s = new ResolverSettings(List.of("127.0.0.1:5353", "[::1]"), Duration.ofSeconds(3),
                new java.util.SplittableRandom(1), Map.of());
        DnsOptions o = DnsOptions.from(s);
        assertEquals(List.of(at("127.0.0.1", 5353), at("::1", 53)), o.servers());
        assertEquals(2, o.attempts());
        assertFalse(o.tcpOnly());
        assertEquals(AddressOrder.IPV6_FIRST, o.order());
        assertEquals(Duration.ofSeconds(3), o.timeout());
        o = DnsOptions.from(s.withProperties(Map.of("attempts", " 5", "tcp", "YES", "addresses", "IPv4-Only")));
        assertEquals(5, o.attempts());
        assertTrue(o.tcpOnly());
        assertEquals(AddressOrder.IPV4_ONLY, o.order());
    }

    @Test
    void atMostEightServers() {
        ResolverSettings s = ResolverSettings.defaults().withServers(Collections.nCopies(9, "127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> DnsOptions.from(s));
    }
}
