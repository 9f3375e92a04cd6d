package dev.sendmail.cli.command;

import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.config.CliConfigMapper;
import dev.sendmail.cli.options.ValueChecks;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.queue.QueueRoute;
import dev.sendmail.queue.RouteUnavailableException;
import dev.sendmail.config.Account;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.ConfigFile;
import dev.sendmail.config.NetworkKeys;
import dev.sendmail.config.PasswordSource;
import dev.sendmail.config.ServerSettings;
import dev.sendmail.oauth2.OAuth2Config;
import java.util.Optional;

/**
 * Maps the route of this invocation onto the {@link QueueRoute} a queue entry records, and a recorded route back
 * onto settings for a queue run: the same transport, hosts, TLS, trust, EHLO name, resolver and credentials,
 * with the password read again from where it came from. Never a secret in the entry.
 */
final class QueueRoutes {

    private QueueRoutes() {
    }

    /** The route {@code c} delivers through. */
    static QueueRoute of(CliConfig c) {
        QueueRoute.Builder b = QueueRoute.builder();
        ServerSettings.Routing r = c.routing();
        r.transport().ifPresent(b::transport);
        r.smartHost().ifPresent(b::smartHost);
        r.fallbackHosts().forEach(b::fallbackHost);
        if (c.security().tlsModeChosen()) {
            // a mode left to its default is not recorded: each smart host's port, or each host found through
            // SRV, decides its own mode again when the entry is delivered
            b.tlsMode(c.security().tlsMode());
        }
        b.trust(c.security().trust());
        r.heloName().ifPresent(b::heloName);
        c.account().ifPresent(b::account);
        r.routes().forEach(b::domainRoute);
        r.resolver().ifPresent(b::resolver);
        b.dnsServers(r.dnsServers());
        r.mxPort().ifPresent(b::mxPort);
        c.auth().user().ifPresent(b::authUser);
        b.authMechanisms(c.auth().mechanisms());
        c.auth().password().ifPresent(p -> b.passwordSource(p.locator()));
        r.properties().forEach(b::property);
        b.discoverSubmission(r.discoverSubmission());
        return b.build();
    }

    /**
     * The settings of {@code inv} with the recorded route in place of its own: output, timeouts and the rest
     * stay this run's.
     *
     * @throws RouteUnavailableException when the account is gone or the password source is unknown
     */
    static CliConfig rebuild(QueueRoute route, Invocation inv) throws RouteUnavailableException {
        CliConfig c = inv.config();
        Optional<Account> account = Optional.empty();
        if (route.account().isPresent()) {
            String name = route.account().get();
            try {
                account = Optional.of(name.equals("defaults") ? inv.configFile().defaults()
                        : inv.configFile().select(Optional.of(name)));
            } catch (ConfigException e) {
                throw new RouteUnavailableException("queued for configuration account '" + ValueChecks.printable(name)
                        + "', which is gone (" + e.getMessage() + ")", false);
            }
            if (name.equals("defaults") && inv.configFile() == ConfigFile.NONE) {
                throw new RouteUnavailableException("queued with the defaults of a configuration file, and there is "
                        + "none now", false);
            }
        }
        ServerSettings.Routing run = c.routing();
        NetworkKeys.Connection connection = NetworkKeys.Connection.DEFAULT;
        if (account.isPresent()) {
            try {
                connection = NetworkKeys.of(account.get(), w -> { });
            } catch (ConfigException e) {
                throw new RouteUnavailableException(e.getMessage(), false);
            }
        }
        ServerSettings.Routing routing = new ServerSettings.Routing(route.smartHost(), route.transport(), route.resolver(),
                route.dnsServers(), route.mxPort(), route.domainRoutes(), route.heloName(), route.properties(),
                run.timeout(), run.deadline(), route.discoverSubmission(), route.fallbackHosts(), run.rateLimit(),
                connection);
        Optional<PasswordSource> password = Optional.empty();
        Optional<OAuth2Config> oauth2 = Optional.empty();
        if (route.authUser().isPresent() && route.passwordSource().isEmpty() && account.isPresent()) {
            // an OAuth 2 account records no password source: its token comes from the account's oauth2 keys again
            try {
                oauth2 = CliConfigMapper.oauth2(account.get(), inv.env(), route.authMechanisms());
            } catch (CliException e) {
                throw new RouteUnavailableException(e.getMessage(), false);
            }
        }
        if (route.authUser().isPresent() && oauth2.isEmpty()) {
            if (route.passwordSource().isEmpty()) {
                throw new RouteUnavailableException("queued to authenticate as " + route.authUser().get()
                        + " with no password source recorded", false);
            }
            try {
                password = Optional.of(PasswordSource.fromLocator(route.passwordSource().get(), account));
            } catch (ConfigException e) {
                throw new RouteUnavailableException(e.getMessage(), false);
            }
        }
        ServerSettings.Auth auth = new ServerSettings.Auth(route.authUser(), password, route.authMechanisms(), oauth2);
        return c.withRoute(routing, new ServerSettings.Security(route.effectiveTlsMode(), route.trust(),
                route.tlsMode().isPresent()), auth,
                route.account());
    }
}
