package dev.sendmail.config;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.oauth2.OAuth2Config;
import dev.sendmail.queue.QueueRoute;
import dev.sendmail.queue.QueueRouteBuilder;
import dev.sendmail.queue.RouteUnavailableException;
import java.util.Optional;

/**
 * Server settings and the {@link QueueRoute} a queue entry records, both ways: the route of the settings a message
 * was queued with, and the settings a queue run delivers a recorded route with (the same transport, hosts, TLS,
 * trust, EHLO name, resolver and credentials, the password read again from where it came from). Never a secret in
 * the route: a password is recorded by its source ({@link PasswordSource#locator}), an OAuth 2 account by its name.
 */
public final class QueueRoutes {

    private QueueRoutes() {
    }

    /**
     * The route mail sent with {@code s} takes, to record with a queued message.
     *
     * @param s the settings the message is sent with
     * @param account the configuration-file account they came from ({@code defaults} for the defaults section);
     *        empty without a configuration file
     * @return the route
     */
    public static QueueRoute of(ServerSettings s, Optional<String> account) {
        QueueRouteBuilder b = QueueRoute.builder();
        ServerSettings.Routing r = s.routing();
        r.transport().ifPresent(b::transport);
        r.smartHost().ifPresent(b::smartHost);
        r.fallbackHosts().forEach(b::fallbackHost);
        if (s.security().tlsModeChosen()) {
            // a mode left to its default is not recorded: each smart host's port, or each host found through
            // SRV, decides its own mode again when the entry is delivered
            b.tlsMode(s.security().tlsMode());
        }
        b.trust(s.security().trust());
        r.heloName().ifPresent(b::heloName);
        account.ifPresent(b::account);
        r.routes().forEach(b::domainRoute);
        r.resolver().ifPresent(b::resolver);
        b.dnsServers(r.dnsServers());
        r.mxPort().ifPresent(b::mxPort);
        s.auth().user().ifPresent(b::authUser);
        b.authMechanisms(s.auth().mechanisms());
        s.auth().password().ifPresent(p -> b.passwordSource(p.locator()));
        r.properties().forEach(b::property);
        b.discoverSubmission(r.discoverSubmission());
        return b.build();
    }

    /**
     * The settings to deliver a recorded route with: the route's, with this run's timeout, deadline and rate limit.
     * The account the route names supplies its connection keys and, for OAuth 2, its token settings again.
     *
     * @param route the recorded route
     * @param run this run's settings
     * @param file the configuration file as it is now
     * @param env where a password source and the account's files are read
     * @return the settings
     * @throws RouteUnavailableException (permanent) when the account is gone, its keys no longer read, or the
     *         password source is unknown
     */
    public static ServerSettings settings(QueueRoute route, ServerSettings run, ConfigFile file, UserEnvironment env)
            throws RouteUnavailableException {
        Optional<Account> account = Optional.empty();
        if (route.account().isPresent()) {
            String name = route.account().get();
            try {
                account = Optional.of(name.equals("defaults") ? file.defaults() : file.select(Optional.of(name)));
            } catch (ConfigException e) {
                throw new RouteUnavailableException("queued for configuration account '" + ControlCharacters.escape(name)
                        + "', which is gone (" + e.getMessage() + ")", false);
            }
            if (name.equals("defaults") && file == ConfigFile.NONE) {
                throw new RouteUnavailableException("queued with the defaults of a configuration file, and there is "
                        + "none now", false);
            }
        }
        NetworkKeys.Connection connection = NetworkKeys.Connection.DEFAULT;
        Optional<OAuth2Config> oauth2 = Optional.empty();
        Optional<PasswordSource> password = Optional.empty();
        try {
            if (account.isPresent()) {
                connection = NetworkKeys.of(account.get(), w -> { });
            }
            if (route.authUser().isPresent() && route.passwordSource().isEmpty() && account.isPresent()) {
                // an OAuth 2 account records no password source: its token comes from the account's oauth2 keys
                oauth2 = ServerSettings.oauth2(account.get(), env, route.authMechanisms());
            }
            if (route.authUser().isPresent() && oauth2.isEmpty()) {
                if (route.passwordSource().isEmpty()) {
                    throw new RouteUnavailableException("queued to authenticate as " + route.authUser().get()
                            + " with no password source recorded", false);
                }
                password = Optional.of(PasswordSource.fromLocator(route.passwordSource().get(), account));
            }
        } catch (ConfigException e) {
            throw new RouteUnavailableException(e.getMessage(), false);
        }
        ServerSettings.Routing r = run.routing();
        ServerSettings.Routing routing = new ServerSettings.Routing(route.smartHost(), route.transport(),
                route.resolver(), route.dnsServers(), route.mxPort(), route.domainRoutes(), route.heloName(),
                route.properties(), r.timeout(), r.deadline(), route.discoverSubmission(), route.fallbackHosts(),
                r.rateLimit(), connection);
        return new ServerSettings(routing, new ServerSettings.Security(route.effectiveTlsMode(), route.trust(),
                route.tlsMode().isPresent()), new ServerSettings.Auth(route.authUser(), password,
                route.authMechanisms(), oauth2));
    }
}
