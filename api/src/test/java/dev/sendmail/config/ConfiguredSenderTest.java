package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Message;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RateLimit;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.ResolverProvider;
import dev.sendmail.spi.ResolverSettings;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testing.MemoryTransport;
import dev.sendmail.testing.MemoryTransportProvider;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server settings built into a Sender: the routing branches, credentials, rate-limit state and sender routes. */
class ConfiguredSenderTest {

    @TempDir
    Path home;

    private UserEnvironment env;
    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** A transport on the network as far as the Sender knows, keeping messages in {@link MemoryTransport}. */
    public static class NetworkMemory implements TransportProvider {
        static volatile TransportSettings last;

        @Override
        public String name() {
            return "net-memory";
        }

        @Override
        public Transport create(TransportSettings s) {
            last = s;
            return MemoryTransport.named(s.property("name").orElse("net"));
        }
    }

    /** Every domain's MX host is {@code mx.DOMAIN}. */
    public static class FakeDns implements ResolverProvider {
        @Override
        public String name() {
            return "fake-dns";
        }

        @Override
        public Resolver create(ResolverSettings settings) {
            return domain -> new MailRoute(domain, MailRoute.Kind.MX, List.of(MailHost.of("mx." + domain)));
        }
    }

    @BeforeEach
    void setUp() {
        env = new UserEnvironment(Map.of("XDG_CACHE_HOME", home.resolve("cache").toString()), home, home);
    }

    /** A class loader that finds the memory and test providers above, and nothing else. */
    private ClassLoader providers() throws IOException {
        Path transports = Files.write(home.resolve("transports"), List.of(MemoryTransportProvider.class.getName(),
                NetworkMemory.class.getName()));
        Path resolvers = Files.write(home.resolve("resolvers"), List.of(FakeDns.class.getName()));
        Map<String, URL> files = Map.of("META-INF/services/" + TransportProvider.class.getName(),
                transports.toUri().toURL(), "META-INF/services/" + ResolverProvider.class.getName(),
                resolvers.toUri().toURL());
        return new ClassLoader(getClass().getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) {
                return files.containsKey(name) ? Collections.enumeration(List.of(files.get(name)))
                        : Collections.emptyEnumeration();
            }
        };
    }

    private ConfiguredSender.Builder builder(ServerSettings s) throws IOException {
        return ConfiguredSender.builder(s, env).classLoader(providers()).notes(notes::add).warnings(warnings::add);
    }

    private static Message message(String from) {
        return Message.builder().from(from).to("bob@example.net").subject("s").text("hello").build();
    }

    private static List<String> hosts(String transport) {
        return MemoryTransport.named(transport).sent().stream().map(MemoryTransport.Sent::host).toList();
    }

    @Test
    void aLocalTransportLooksNothingUp() throws Exception {
        MemoryTransport.named("local").clear();
        ServerSettings s = ServerSettings.builder().transport("memory").properties(Map.of("name", "local")).build();
        try (ConfiguredSender c = builder(s).build()) {
            assertTrue(c.sender().send(message("me@example.org")).allDelivered());
            assertEquals(Optional.empty(), c.resolver());
        }
        assertEquals(1, hosts("local").size());
        assertTrue(notes.contains("transport 'memory' (chosen by name of: net-memory, memory)"), notes.toString());
        assertTrue(notes.contains("transport 'memory' stores messages locally; no MX lookup"), notes.toString());
    }

    @Test
    void smartHostsAreTriedInOrder() throws Exception {
        MemoryTransport.named("relay").clear();
        MemoryTransport.named("relay").failHost("a.test", new ConnectionFailedException("refused", Phase.CONNECT,
                "a.test", null));
        ServerSettings s = ServerSettings.builder().smartHosts(List.of(MailHost.of("a.test", 587),
                MailHost.of("b.test", 465))).properties(Map.of("name", "relay")).build();
        try (ConfiguredSender c = builder(s).build()) {
            assertTrue(c.sender().send(message("me@example.org")).allDelivered());
        }
        assertEquals(List.of("b.test"), hosts("relay"));
        assertTrue(notes.contains("transport 'net-memory' (highest priority of: net-memory, memory)"),
                notes.toString());
        assertTrue(notes.contains("relaying through smart hosts tried in order: a.test:587 (starttls), b.test:465 "
                + "(smtps)"), notes.toString());
    }

    @Test
    void directDeliveryAsksTheResolverAndNeverReadsThePasswordOfAUserItIgnores() throws Exception {
        MemoryTransport.named("mx").clear();
        ServerSettings s = ServerSettings.builder().properties(Map.of("name", "mx")).user("jane")
                .password(new PasswordSource.FromEnvironment("UNSET_PASSWORD")).build();
        try (ConfiguredSender c = builder(s).build()) {
            assertTrue(c.resolver().isPresent());
            assertTrue(c.sender().send(message("me@example.org")).allDelivered());
        }
        assertEquals(List.of("mx.example.net"), hosts("mx"));
        assertEquals(Optional.empty(), NetworkMemory.last.credentials());
        assertEquals(List.of("user(jane) is ignored without --server: the password goes only to a smart host, never to "
                + "hosts found in DNS or given with --route"), warnings);
        assertTrue(notes.contains("resolver 'fake-dns' (highest priority of: fake-dns)"), notes.toString());
        assertTrue(notes.contains("MTA-STS on for direct delivery; policies cached in "
                + home.resolve("cache/send-mail/mta-sts")), notes.toString());
    }

    @Test
    void thePasswordIsReadForASmartHostUnlessNoCredentialsAreWanted() throws Exception {
        ServerSettings s = ServerSettings.builder().smartHosts(List.of(MailHost.of("a.test", 587)))
                .user("jane").password(new PasswordSource.FromEnvironment("UNSET_PASSWORD")).build();
        ConfigException e = assertThrows(ConfigException.class, () -> builder(s).build());
        assertTrue(e.getMessage().contains("UNSET_PASSWORD"), e.getMessage());
        try (ConfiguredSender c = builder(s).withoutCredentials().build()) {
            assertEquals(Optional.empty(), NetworkMemory.last.credentials());
        }
        UserEnvironment withPassword = new UserEnvironment(Map.of("UNSET_PASSWORD", "pa55"), home, home);
        try (ConfiguredSender c = ConfiguredSender.builder(s, withPassword).classLoader(providers()).build()) {
            assertEquals("jane", NetworkMemory.last.credentials().orElseThrow().username());
        }
    }

    @Test
    void theRateLimitIsSharedThroughTheStateFileGiven() throws Exception {
        MemoryTransport.named("rate").clear();
        Path state = home.resolve("queue/rate-limits");
        Files.createDirectories(state.getParent());
        ServerSettings s = ServerSettings.builder().smartHosts(List.of(MailHost.of("a.test")))
                .rateLimit(RateLimit.parse("100/s")).properties(Map.of("name", "rate")).build();
        try (ConfiguredSender c = builder(s).rateLimitState(state).build()) {
            assertTrue(c.sender().send(message("me@example.org")).allDelivered());
        }
        assertTrue(Files.exists(state), "the state file is written");
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("at most ") && n.endsWith(" shared through " + state)),
                notes.toString());
    }

    @Test
    void mailFromARoutedSenderGoesThroughItsAccount() throws Exception {
        MemoryTransport.named("routes").clear();
        ServerSettings main = ServerSettings.builder().smartHosts(List.of(MailHost.of("relay-main.test")))
                .properties(Map.of("name", "routes")).build();
        ServerSettings sales = ServerSettings.builder().smartHosts(List.of(MailHost.of("relay-sales.test")))
                .properties(Map.of("name", "routes")).build();
        DeliveryReport routed;
        try (ConfiguredSender c = builder(main).senderRoutes(List.of(new SenderRoute("sales@example.org", "sales",
                sales, Optional.empty()))).build()) {
            routed = c.sender().send(message("sales@example.org"));
            assertTrue(c.sender().send(message("me@example.org")).allDelivered());
        }
        assertTrue(routed.allDelivered(), routed.toString());
        assertEquals(List.of("relay-sales.test", "relay-main.test"), hosts("routes"));
        assertTrue(notes.contains("mail from sales@example.org goes through account 'sales'"), notes.toString());
    }

    @Test
    void srvDiscoveryNeedsTheEnvelopeSender() throws Exception {
        ServerSettings s = ServerSettings.builder().discoverSubmission().build();
        ConfigException e = assertThrows(ConfigException.class, () -> builder(s).build());
        assertTrue(e.getMessage().startsWith("host auto needs the envelope sender"), e.getMessage());
        assertFalse(notes.isEmpty(), "the transport was chosen before");
    }
}
