package dev.sendmail.api;

/**
 * Where a transport gets the OAuth 2 bearer token for XOAUTH2 or OAUTHBEARER, at the moment it authenticates.
 * Implementations must be safe for concurrent use by several sessions: {@code dev.sendmail.oauth2.OAuth2TokenSource}
 * caches the token, refreshes it when it expires and lets concurrent callers share one refresh.
 *
 * <p>A transport calls {@link #accessToken()} for each AUTH; when the server rejects that token with a permanent
 * reply, it calls {@link #afterRejection(Secret)} once and tries AUTH again with the answer; a second rejection
 * is an authentication failure.
 */
public interface AccessTokenSource {

    /**
     * A token believed valid: the cached one, or a new one when it has expired.
     *
     * @return the access token; the caller may destroy its copy after use
     * @throws SendMailException {@link ConnectionFailedException} when the token endpoint cannot be reached,
     *         {@link AuthenticationFailedException} when it refuses the refresh token
     */
    Secret accessToken() throws SendMailException;

    /**
     * A replacement for a token the server refused: a newer one another session stored meanwhile, else a fresh one
     * from the token endpoint.
     *
     * @param rejected the token the server refused
     * @return a different access token
     * @throws SendMailException as for {@link #accessToken()}
     */
    Secret afterRejection(Secret rejected) throws SendMailException;

    /**
     * Which token would be used, for {@code --plan} and {@code --probe}: its expiry and origin, never the token.
     *
     * @return one line
     */
    String describe();
}
