package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.MailHost;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayListTest {

    @Test
    void hostsAreTriedInTheOrderGivenAndGetTheBuildersPortWhenTheyNameNone() throws Exception {
        RelayList relays = RelayList.parse(List.of("a.test:2525", " b.test "));
        assertEquals(List.of(MailHost.of("a.test", 2525), MailHost.of("b.test")), relays.hosts());
        ServerSettingsBuilder b = ServerSettings.builder().port(587);
        relays.applyTo(b);
        assertEquals(List.of(MailHost.of("a.test", 2525), MailHost.of("b.test", 587)),
                b.build().routing().smartHosts());
    }

    @Test
    void autoAloneInAnyCaseMeansSrvDiscovery() throws Exception {
        RelayList auto = RelayList.parse(List.of(" AUTO "));
        assertTrue(auto.discover());
        ServerSettingsBuilder b = ServerSettings.builder().smartHosts(List.of(MailHost.of("old.test")));
        auto.applyTo(b);
        ServerSettings s = b.build();
        assertTrue(s.routing().discoverSubmission());
        assertTrue(s.routing().smartHosts().isEmpty(), "auto replaces the hosts set before");
    }

    @Test
    void autoWithHostsAndHostsThatDoNotParseAreRefused() {
        assertEquals("auto cannot be given with other hosts",
                assertThrows(IllegalArgumentException.class, () -> RelayList.parse(List.of("a.test", "auto")))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> RelayList.parse(List.of("a.test:99999")));
        assertThrows(IllegalArgumentException.class, () -> new RelayList(List.of(MailHost.of("a.test")), true));
    }

    @Test
    void aListInOneValueOrACharacterNoHostNameHoldsIsRefused() {
        assertEquals("'auto,smtp.example.org' is not a host name: ',' cannot be part of one (give each host on its own)",
                assertThrows(IllegalArgumentException.class, () -> RelayList.parse(List.of("auto,smtp.example.org")))
                        .getMessage());
        for (String bad : List.of("a.test;b.test:25", "[a/b]:25", "a*.test", "user@a.test")) {
            assertThrows(IllegalArgumentException.class, () -> MailHost.parse(bad), bad);
        }
        for (String good : List.of("smtp_1.a-b.test.", "192.0.2.1:25", "[2001:db8::1]:587", "::1", "bücher.test")) {
            assertEquals(good.startsWith("[") ? "2001:db8::1" : good.replace(":25", ""), MailHost.parse(good).name());
        }
    }

    @Test
    void nothingGivenLeavesTheBuildersHosts() throws Exception {
        RelayList none = RelayList.parse(List.of());
        assertFalse(none.discover());
        ServerSettingsBuilder b = ServerSettings.builder().smartHosts(List.of(MailHost.of("kept.test", 25)));
        none.applyTo(b);
        assertEquals(List.of(MailHost.of("kept.test", 25)), b.build().routing().smartHosts());
    }
}
