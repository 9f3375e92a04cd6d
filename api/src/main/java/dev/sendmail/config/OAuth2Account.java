package dev.sendmail.config;

import dev.sendmail.api.TrustSettings;
import dev.sendmail.oauth2.OAuth2Client;
import dev.sendmail.oauth2.OAuth2Config;
import dev.sendmail.oauth2.OAuth2TokenSource;
import dev.sendmail.oauth2.RefreshTokenFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The OAuth 2 side of an account that authenticates with XOAUTH2 or OAUTHBEARER: its client (endpoints, client id
 * and secret), the file its refresh token is kept in (under {@link UserEnvironment#dataDirectory}), the file its
 * access token is cached in (under {@link UserEnvironment#cacheDirectory}), and the token source a transport's
 * credentials take. A sign-in ({@link dev.sendmail.oauth2.OAuth2Login}) and a send that find the same account use
 * the same files. Immutable.
 *
 * @param name the account's name in the token files' names: the configuration account's, {@code default} for the
 *        defaults section and without a configuration file
 * @param client the client, its secret read from its file
 * @param store where the refresh token is kept
 * @param cacheFile where the access token is cached
 */
public record OAuth2Account(String name, OAuth2Client client, RefreshTokenFile store, Path cacheFile) {

    /**
     * The OAuth 2 side of the account whose server settings are {@code s}.
     *
     * @param account the configuration account's name ({@code defaults} for the defaults section); empty without a
     *        configuration file
     * @param s the account's server settings
     * @param env gives the data and cache directories
     * @return the account
     * @throws ConfigException when the settings have no OAuth 2 client ({@code oauth2_client_id} with an OAuth 2
     *         mechanism), the client has no usable token endpoint, or its secret file cannot be read
     */
    public static OAuth2Account of(Optional<String> account, ServerSettings s, UserEnvironment env)
            throws ConfigException {
        String name = account.filter(a -> !a.equals("defaults")).orElse("default");
        OAuth2Config config = s.auth().oauth2().orElseThrow(() -> ConfigException.invalid("account " + name
                + " has no OAuth2 settings (auth xoauth2 or oauthbearer, and oauth2_client_id)"));
        OAuth2Client client;
        try {
            client = config.client();
        } catch (IOException | IllegalArgumentException e) {
            throw ConfigException.invalid(String.valueOf(e.getMessage()));
        }
        return new OAuth2Account(name, client, new RefreshTokenFile(config.refreshTokenFile(env.dataDirectory(), name)),
                OAuth2TokenSource.cacheFile(env.cacheDirectory(), name));
    }

    /** @return what to run when the refresh token is missing or no longer accepted: send-mail's sign-in command */
    public String loginHint() {
        return "run send-mail --oauth2-login " + name;
    }

    /**
     * The token source for this account's credentials ({@link dev.sendmail.api.Credentials#oauth2}).
     *
     * @param trust what the token endpoint's certificate is checked against: what SMTP trusts
     * @return the token source; thread-safe
     * @throws ConfigException when the trust settings' CA file cannot be read
     */
    public OAuth2TokenSource tokenSource(TrustSettings trust) throws ConfigException {
        try {
            return OAuth2TokenSource.builder().client(client).store(store).cacheFile(cacheFile).trust(trust)
                    .loginHint(loginHint()).build();
        } catch (IOException e) {
            throw ConfigException.invalid(String.valueOf(e.getMessage()));
        }
    }
}
