package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.ResolverProvider;
import dev.sendmail.spi.ResolverSettings;
import dev.sendmail.spi.SrvRecord;
import dev.sendmail.spi.TxtAnswer;
import dev.sendmail.spi.TranscriptListener;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server settings mapped onto the transport's and resolver's settings and the smart-host route. */
class ServerSetupTest {

    private static List<TlsMode> modes(ServerSettings s) {
        return ServerSetup.smartRoute(s).hosts().stream().map(h -> h.tlsMode(s.security().tlsMode())).toList();
    }

    @Test
    void eachSmartHostsPortDecidesItsTlsModeUnlessOneWasNamed() throws Exception {
        List<MailHost> hosts = List.of(MailHost.of("a.test", 587), MailHost.of("b.test", 465), MailHost.of("c.test"));
        ServerSettings byPort = ServerSettings.builder().smartHosts(hosts).build();
        assertEquals(List.of(TlsMode.STARTTLS, TlsMode.SMTPS, TlsMode.STARTTLS), modes(byPort));
        assertEquals(List.of("a.test", "b.test", "c.test"),
                ServerSetup.smartRoute(byPort).hosts().stream().map(MailHost::name).toList());
        ServerSettings named = ServerSettings.builder().smartHosts(hosts).tlsMode(TlsMode.STARTTLS).build();
        assertEquals(List.of(TlsMode.STARTTLS, TlsMode.STARTTLS, TlsMode.STARTTLS), modes(named));
    }

    @Test
    void theResolverWaitsAtMostThirtySecondsWhateverTheSmtpTimeout() throws Exception {
        ResolverSettings none = ServerSetup.resolver(ServerSettings.builder().build());
        assertEquals(ResolverSettings.defaults().timeout(), none.timeout());
        assertEquals(Duration.ofSeconds(5), ServerSetup.resolver(ServerSettings.builder()
                .timeout(Duration.ofSeconds(5)).dnsServers(List.of("192.0.2.53")).build()).timeout());
        ResolverSettings longer = ServerSetup.resolver(ServerSettings.builder().timeout(Duration.ofMinutes(5))
                .dnsServers(List.of("192.0.2.53")).build());
        assertEquals(ServerSetup.MAX_DNS_TIMEOUT, longer.timeout());
        assertEquals(List.of("192.0.2.53"), longer.servers());
    }

    @Test
    void theTransportGetsTheHeloNameTimeoutsAndTlsMode() throws Exception {
        ServerSettings s = ServerSettings.builder().smartHosts(List.of(MailHost.of("a.test", 465)))
                .heloName("client.test").timeout(Duration.ofSeconds(9)).build();
        TransportSettings ts = ServerSetup.transport(s, TranscriptListener.NONE).build();
        assertEquals(Optional.of("client.test"), ts.heloName());
        assertEquals(Timeouts.all(Duration.ofSeconds(9)), ts.timeouts());
        assertEquals(TlsMode.SMTPS, ts.tlsMode());
    }

    private static final UserEnvironment ENV = new UserEnvironment(java.util.Map.of("PW", "pa55"),
            java.nio.file.Path.of("/nonexistent"), java.nio.file.Path.of("/nonexistent"));

    @Test
    void theCredentialsCarryThePasswordReadNowAndClearTextOnlyForANamedMechanismWithoutTls() throws Exception {
        ServerSettings tls = ServerSettings.builder().smartHosts(List.of(MailHost.of("a.test", 587))).user("alice")
                .password(PasswordSource.fromLocator("env:PW", Optional.empty())).build();
        dev.sendmail.api.Credentials c = ServerSetup.credentials(tls, ENV, () -> {
            throw new AssertionError("no OAuth 2 here");
        }).orElseThrow();
        assertEquals("alice", c.username());
        assertEquals("pa55", new String(c.secret().reveal()));
        assertEquals(false, c.allowWithoutTls());
        ServerSettings clear = ServerSettings.builder().smartHosts(List.of(MailHost.of("a.test", 25)))
                .tlsMode(TlsMode.OFF).user("alice").password(PasswordSource.fromLocator("env:PW", Optional.empty()))
                .mechanisms(List.of("PLAIN")).build();
        assertEquals(true, ServerSetup.credentials(clear, ENV, () -> null).orElseThrow().allowWithoutTls());
        assertEquals(Optional.empty(), ServerSetup.credentials(ServerSettings.builder().build(), ENV, () -> null));
        ServerSettings unset = ServerSettings.builder().smartHosts(List.of(MailHost.of("a.test", 587))).user("alice")
                .password(PasswordSource.fromLocator("env:UNSET", Optional.empty())).build();
        org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ServerSetup.credentials(unset, ENV, () -> null));
    }

    /** Answers one SRV record for implicit-TLS submission on port 465; any other name is NXDOMAIN. */
    private static final dev.sendmail.spi.Resolver SRV = new dev.sendmail.spi.Resolver() {
        @Override
        public dev.sendmail.spi.MailRoute resolve(String domain) {
            throw new AssertionError("no MX lookups here");
        }

        @Override
        public List<dev.sendmail.spi.SrvRecord> srv(String name) throws dev.sendmail.api.ResolutionFailedException {
            if (name.equals("_submissions._tcp.a.test")) {
                return List.of(new dev.sendmail.spi.SrvRecord(0, 1, 465, "smtp.a.test",
                        List.of(java.net.InetAddress.getLoopbackAddress())));
            }
            throw new dev.sendmail.api.ResolutionFailedException(name,
                    dev.sendmail.api.ResolutionFailedException.Reason.NO_SUCH_DOMAIN, "no such domain", null);
        }
    };

    @Test
    void discoveredHostsKeepTheirServicesTlsModeUnlessTheSettingsNameOne() throws Exception {
        var own = ServerSetup.discover(ServerSettings.builder().discoverSubmission().build(), SRV, "a.test");
        assertEquals(List.of("smtp.a.test:465"), own.route().hosts().stream().map(MailHost::toString).toList());
        assertEquals(Optional.of(TlsMode.SMTPS), own.route().hosts().get(0).tlsMode());
        var named = ServerSetup.discover(ServerSettings.builder().discoverSubmission().tlsMode(TlsMode.STARTTLS)
                .build(), SRV, "a.test");
        assertEquals(Optional.empty(), named.route().hosts().get(0).tlsMode(), "the named mode applies to all");
        assertEquals(own.candidates(), named.candidates());
    }

    /** A Sender's resolver: every domain's host is {@code mx.DOMAIN}, SRV and TXT look-ups fail as temporary. */
    private static final class Owned implements Resolver {
        boolean closed;

        @Override
        public MailRoute resolve(String domain) {
            return new MailRoute(domain, MailRoute.Kind.MX, List.of(MailHost.of("mx." + domain)));
        }

        @Override
        public List<SrvRecord> srv(String name) throws ResolutionFailedException {
            throw new ResolutionFailedException(name, ResolutionFailedException.Reason.TEMPORARY, "owned", null);
        }

        @Override
        public TxtAnswer txt(String name) throws ResolutionFailedException {
            throw new ResolutionFailedException(name, ResolutionFailedException.Reason.TEMPORARY, "owned", null);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aCheckBesideASenderAsksItsResolverAndLeavesItOpenForItsOwner() throws Exception {
        Owned owned = new Owned();
        List<String> notes = new ArrayList<>();
        try (Resolver r = ServerSetup.resolverForChecks(ServerSettings.builder().build(), Optional.of(owned),
                Optional.empty(), notes::add)) {
            assertEquals("mx.a.test", r.resolve("a.test").hosts().get(0).name());
            assertEquals(ResolutionFailedException.Reason.TEMPORARY,
                    assertThrows(ResolutionFailedException.class, () -> r.srv("_submission._tcp.a.test")).reason());
            assertEquals(ResolutionFailedException.Reason.TEMPORARY,
                    assertThrows(ResolutionFailedException.class, () -> r.txt("_dmarc.a.test")).reason());
        }
        assertFalse(owned.closed, "its owner closes it");
        assertEquals(List.of(), notes, "no provider was looked for");
        Class<?> view = ServerSetup.resolverForChecks(ServerSettings.builder().build(), Optional.of(owned),
                Optional.empty(), notes::add).getClass();
        for (Method m : Resolver.class.getMethods()) {
            if (!m.getName().equals("close") && !Modifier.isStatic(m.getModifiers())) {
                assertEquals(view, view.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass(),
                        m.getName() + " must go to the shared resolver, not to the interface's default");
            }
        }
    }

    @Test
    void aCheckWithoutASendersResolverGetsANewOneFromTheProviders(@TempDir Path dir) throws Exception {
        Path services = Files.write(dir.resolve("resolvers"), List.of(ConfiguredSenderTest.FakeDns.class.getName()));
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws java.io.IOException {
                return name.equals("META-INF/services/" + ResolverProvider.class.getName())
                        ? Collections.enumeration(List.of(services.toUri().toURL())) : Collections.emptyEnumeration();
            }
        };
        List<String> notes = new ArrayList<>();
        try (Resolver r = ServerSetup.resolverForChecks(ServerSettings.builder().build(), Optional.empty(),
                Optional.of(loader), notes::add)) {
            assertEquals("mx.b.test", r.resolve("b.test").hosts().get(0).name());
        }
        assertEquals(List.of("resolver 'fake-dns' (highest priority of: fake-dns)"), notes);
    }
}
