package dev.sendmail.oauth2;

import dev.sendmail.api.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's OAuth 2 settings as a configuration file gives them ({@code oauth2_*} keys): a provider preset and
 * the values that override it. {@link #client()} resolves them into an {@link OAuth2Client}. Immutable.
 *
 * @param provider the preset that supplies endpoints and scope, if any
 * @param tokenEndpoint the token endpoint, overriding the preset's
 * @param deviceEndpoint the device authorization endpoint, overriding the preset's
 * @param authorizeEndpoint the authorization endpoint, overriding the preset's
 * @param clientId the client id (required)
 * @param clientSecretFile an owner-only file holding the client secret, if the provider issued one
 * @param scope the scopes, overriding the preset's
 * @param refreshTokenFile where the refresh token is kept; empty for the default under the data directory
 */
public record OAuth2Config(Optional<OAuth2Provider> provider, Optional<URI> tokenEndpoint,
                           Optional<URI> deviceEndpoint, Optional<URI> authorizeEndpoint, String clientId,
                           Optional<Path> clientSecretFile, Optional<String> scope, Optional<Path> refreshTokenFile) {

    /**
     * Checks that no component is null and that there is a client id.
     *
     * @param provider the preset that supplies endpoints and scope, if any
     * @param tokenEndpoint the token endpoint, overriding the preset's
     * @param deviceEndpoint the device authorization endpoint, overriding the preset's
     * @param authorizeEndpoint the authorization endpoint, overriding the preset's
     * @param clientId the client id (required)
     * @param clientSecretFile an owner-only file holding the client secret, if the provider issued one
     * @param scope the scopes, overriding the preset's
     * @param refreshTokenFile where the refresh token is kept; empty for the default under the data directory
     */
    public OAuth2Config {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(deviceEndpoint, "deviceEndpoint");
        Objects.requireNonNull(authorizeEndpoint, "authorizeEndpoint");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecretFile, "clientSecretFile");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(refreshTokenFile, "refreshTokenFile");
    }

    /**
     * The client: the preset's endpoints and scope where no key overrides them, and the client secret read from
     * its file.
     *
     * @return the client
     * @throws IllegalArgumentException when there is no token endpoint, or an endpoint is not https
     * @throws InsecureFileException when others may read the client secret file
     * @throws IOException when the client secret file cannot be read
     */
    public OAuth2Client client() throws IOException {
        URI token = tokenEndpoint.or(() -> provider.map(OAuth2Provider::tokenEndpoint)).orElseThrow(() ->
                new IllegalArgumentException("oauth2_token_endpoint or oauth2_provider is needed"));
        Optional<URI> device = deviceEndpoint.or(() -> provider.flatMap(OAuth2Provider::deviceEndpoint));
        Optional<URI> authorize = authorizeEndpoint.or(() -> provider.map(OAuth2Provider::authorizeEndpoint));
        String s = scope.or(() -> provider.map(OAuth2Provider::scope)).orElse("");
        Optional<Secret> secret = Optional.empty();
        if (clientSecretFile.isPresent()) {
            secret = Optional.of(RefreshTokenFile.readSecret(clientSecretFile.get()));
        }
        return new OAuth2Client(token, clientId, secret, s, device, authorize);
    }

    /**
     * Where the refresh token of {@code account} is kept: the configured file, else
     * {@code DATA/oauth2/account-NAME.refresh} under {@code dataDirectory}.
     *
     * @param dataDirectory the data directory (for the command line {@code $XDG_DATA_HOME/send-mail})
     * @param account the account name
     * @return the file
     */
    public Path refreshTokenFile(Path dataDirectory, String account) {
        return refreshTokenFile.orElseGet(() -> {
            Path cache = OAuth2TokenSource.cacheFile(dataDirectory, account);
            String name = cache.getFileName().toString();
            return cache.resolveSibling(name.substring(0, name.length() - ".token".length()) + ".refresh");
        });
    }
}
