package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.queue.QueueRoute;
import dev.sendmail.queue.RouteUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings to the route a queue entry records and back: nothing dropped, no secret recorded. */
class QueueRoutesTest {

    private static final String FILE = """
            account a
            host relay.test
            port 465
            tls on
            tls_starttls off
            domain client.test
            auth on
            user alice
            passwordeval printf %s "$PW"
            """;

    @TempDir
    Path home;

    private UserEnvironment env() {
        return new UserEnvironment(Map.of("PW", "s3cret-value"), home, home);
    }

    private ServerSettings run() throws ConfigException {
        return ServerSettings.builder().timeout(Duration.ofSeconds(7)).build();
    }

    @Test
    void anAccountsRouteIsRecordedByNameAndRebuiltWithThisRunsTimeouts() throws Exception {
        ConfigFile file = ConfigFile.parse("rc", FILE);
        ServerSettings queued = ServerSettings.builder(file.select(Optional.of("a")), env()).build();
        QueueRoute route = QueueRoutes.of(queued, Optional.of("a"));
        assertEquals(Optional.of("a"), route.account());
        assertEquals(Optional.of("command:printf %s \"$PW\""), route.passwordSource(), "where it came from");
        assertTrue(!route.toString().contains("s3cret"), route.toString());
        ServerSettings rebuilt = QueueRoutes.settings(route, run(), file, env());
        assertEquals(queued.routing().smartHosts(), rebuilt.routing().smartHosts());
        assertEquals(queued.routing().heloName(), rebuilt.routing().heloName());
        assertEquals(queued.security(), rebuilt.security());
        assertEquals(queued.auth().user(), rebuilt.auth().user());
        assertEquals(queued.auth().password().map(PasswordSource::locator),
                rebuilt.auth().password().map(PasswordSource::locator));
        assertEquals(Optional.of(Duration.ofSeconds(7)), rebuilt.routing().timeout(), "this run's timeout");
    }

    @Test
    void aRouteWhoseAccountIsGoneOrWithoutPasswordSourceIsUnavailableForGood() throws Exception {
        ConfigFile file = ConfigFile.parse("rc", FILE);
        QueueRoute route = QueueRoutes.of(ServerSettings.builder(file.select(Optional.of("a")), env()).build(),
                Optional.of("a"));
        RouteUnavailableException gone = assertThrows(RouteUnavailableException.class,
                () -> QueueRoutes.settings(route, run(), ConfigFile.parse("rc", "account b\nhost x.test\n"), env()));
        assertTrue(gone.getMessage().startsWith("queued for configuration account 'a', which is gone ("),
                gone.getMessage());
        QueueRoute noSource = QueueRoute.builder().smartHost(dev.sendmail.api.MailHost.of("relay.test"))
                .authUser("bob").build();
        RouteUnavailableException none = assertThrows(RouteUnavailableException.class,
                () -> QueueRoutes.settings(noSource, run(), ConfigFile.NONE, env()));
        assertEquals("queued to authenticate as bob with no password source recorded", none.getMessage());
        RouteUnavailableException defaults = assertThrows(RouteUnavailableException.class, () -> QueueRoutes.settings(
                QueueRoute.builder().account("defaults").build(), run(), ConfigFile.NONE, env()));
        assertEquals("queued with the defaults of a configuration file, and there is none now", defaults.getMessage());
    }
}
