package dev.sendmail.oauth2;

import dev.sendmail.api.AccessTokenSource;
import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.Phase;
import dev.sendmail.api.Secret;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TrustSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The access token of one account: read from a cache file (0600, per account), refreshed at the token endpoint
 * with the stored refresh token (RFC 6749 section 6) when it is about to expire or when the server rejected it.
 * A refresh token the endpoint rotates replaces the stored one before the new access token is used. Refreshes
 * are serialised per cache file, between threads and between processes, and a caller that waited for the lock
 * uses the token the holder just stored: N concurrent senders make one endpoint call.
 *
 * <p>Thread-safe. Failures are {@link SendMailException}s that never contain a token: the endpoint unreachable or
 * failing with 5xx is a {@link dev.sendmail.api.ConnectionFailedException} (transient), a refused refresh token
 * ({@code invalid_grant}) an {@link AuthenticationFailedException} that says how to log in again.
 */
public final class OAuth2TokenSource implements AccessTokenSource {

    /** A token this close to its expiry is refreshed before use. */
    static final Duration MARGIN = Duration.ofSeconds(60);

    private final OAuth2Client client;
    private final RefreshTokenStore store;
    private final TokenCache cache;
    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final String loginHint;

    private OAuth2TokenSource(Builder b, TokenEndpoint endpoint) {
        this.client = b.client;
        this.store = b.store;
        this.cache = new TokenCache(b.cacheFile);
        this.endpoint = endpoint;
        this.clock = b.clock;
        this.loginHint = b.loginHint;
    }

    /**
     * A builder; client, store and cache file are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The cache file of {@code account} under {@code cacheDirectory}: {@code oauth2/NAME.token}, where NAME is the
     * account name with characters other than letters, digits, {@code .}, {@code _} and {@code -} replaced, plus a
     * hash of the name when anything was replaced (so two accounts never share a file).
     *
     * @param cacheDirectory the cache directory (for the command line {@code $XDG_CACHE_HOME/send-mail})
     * @param account the account name
     * @return the file
     */
    public static Path cacheFile(Path cacheDirectory, String account) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < account.length() && sb.length() < 64; i++) {
            char c = account.charAt(i);
            sb.append(c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? c : '_');
        }
        String name = sb.toString();
        if (!name.equals(account) || name.startsWith(".")) {
            name = name + "-" + sha256(account).substring(0, 12);
        }
        return cacheDirectory.resolve("oauth2").resolve("account-" + name + ".token");
    }

    @Override
    public Secret accessToken() throws SendMailException {
        Optional<TokenCache.Entry> cached = readCache();
        if (cached.isPresent() && fresh(cached.get())) {
            return cached.get().token();
        }
        TokenCache.Held held = lock();
        try {
            cached = readCache();
            if (cached.isPresent() && fresh(cached.get())) {
                return cached.get().token();
            }
            return refresh();
        } finally {
            unlock(held);
        }
    }

    @Override
    public Secret afterRejection(Secret rejected) throws SendMailException {
        TokenCache.Held held = lock();
        try {
            Optional<TokenCache.Entry> cached = readCache();
            if (cached.isPresent() && !cached.get().token().equals(rejected) && fresh(cached.get())) {
                return cached.get().token();
            }
            return refresh();
        } finally {
            unlock(held);
        }
    }

    @Override
    public String describe() {
        List<String> parts = new ArrayList<>();
        try {
            Optional<TokenCache.Entry> e = cache.read();
            if (e.isEmpty()) {
                parts.add("no cached OAuth2 access token; one would be fetched from " + client.tokenEndpoint());
            } else if (fresh(e.get())) {
                parts.add("cached OAuth2 access token valid until " + e.get().expires());
            } else {
                parts.add("cached OAuth2 access token expired " + e.get().expires() + "; a new one would be fetched"
                        + " from " + client.tokenEndpoint());
            }
        } catch (IOException ex) {
            parts.add("OAuth2 access token cache unusable (" + TokenEndpoint.reason(ex) + ")");
        }
        try {
            parts.add(store.read().isPresent() ? "refresh token in " + store.describe()
                    : "no refresh token in " + store.describe() + " (" + loginHint + ")");
        } catch (IOException ex) {
            parts.add("refresh token unreadable: " + TokenEndpoint.reason(ex));
        }
        return String.join("; ", parts);
    }

    /** Refreshes at the endpoint; the caller holds the lock. */
    private Secret refresh() throws SendMailException {
        Secret refreshToken;
        try {
            refreshToken = store.read().orElseThrow(() -> new AuthenticationFailedException(
                    "no OAuth2 refresh token in " + store.describe() + "; " + loginHint, Optional.empty(),
                    client.tokenEndpoint().getHost()));
        } catch (InsecureFileException e) {
            throw local(e.getMessage());
        } catch (IOException e) {
            throw local("cannot read the OAuth2 refresh token from " + store.describe() + ": "
                    + TokenEndpoint.reason(e));
        }
        List<String> form = new ArrayList<>(List.of("grant_type", "refresh_token", "refresh_token",
                refreshToken.revealString(), "client_id", client.clientId()));
        if (!client.scope().isEmpty()) {
            form.addAll(List.of("scope", client.scope()));
        }
        client.clientSecret().ifPresent(s -> form.addAll(List.of("client_secret", s.revealString())));
        TokenEndpoint.Answer a = endpoint.post(client.tokenEndpoint(), form.toArray(String[]::new));
        if (!a.ok()) {
            throw TokenEndpoint.refused(client.tokenEndpoint(), a, loginHint);
        }
        TokenResponse r = TokenResponse.of(a, client.tokenEndpoint());
        Instant now = clock.instant();
        if (r.refreshToken().isPresent() && !r.refreshToken().get().equals(refreshToken)) {
            try {
                store.replace(r.refreshToken().get());
            } catch (IOException e) {
                throw local("the OAuth2 token endpoint rotated the refresh token but it could not be stored in "
                        + store.describe() + " (" + TokenEndpoint.reason(e) + "); " + loginHint);
            }
        }
        store(cache, r, now);
        return r.accessToken();
    }

    /** Caches a token response's access token (best effort: a cache that cannot be written costs a refresh). */
    static void store(TokenCache cache, TokenResponse r, Instant now) {
        try {
            cache.write(r.accessToken(), now.plus(r.expiresIn()));
        } catch (IOException e) {
            // the token is still good for this session; the next one refreshes again
        }
    }

    private boolean fresh(TokenCache.Entry e) {
        return clock.instant().plus(MARGIN).isBefore(e.expires());
    }

    private Optional<TokenCache.Entry> readCache() throws SendMailException {
        try {
            return cache.read();
        } catch (InsecureFileException e) {
            throw local(e.getMessage());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private TokenCache.Held lock() throws SendMailException {
        try {
            return cache.lock();
        } catch (IOException e) {
            throw local("cannot lock " + cache.file() + ": " + TokenEndpoint.reason(e));
        }
    }

    /** Releases the locks; a failure to release (the process lock goes with the process anyway) is ignored. */
    private static void unlock(TokenCache.Held held) {
        try {
            held.close();
        } catch (IOException e) {
            // released when the channel is closed or the process ends
        }
    }

    private LocalPolicyException local(String what) {
        return new LocalPolicyException(what, Phase.AUTH, client.tokenEndpoint().getHost());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds a token source; not thread-safe, the source it builds is. */
    public static final class Builder {

        private OAuth2Client client;
        private RefreshTokenStore store;
        private Path cacheFile;
        private TrustSettings trust = TrustSettings.SYSTEM;
        private Duration timeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private String loginHint = "log in again to get a new refresh token";

        private Builder() {
        }

        /**
         * The client registration and its endpoints.
         *
         * @param value the client
         * @return this builder
         */
        public Builder client(OAuth2Client value) {
            client = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Where the refresh token is kept.
         *
         * @param value the store
         * @return this builder
         */
        public Builder store(RefreshTokenStore value) {
            store = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The account's access token cache file (see {@link OAuth2TokenSource#cacheFile}); its directory is
         * created 0700 when missing.
         *
         * @param value the file
         * @return this builder
         */
        public Builder cacheFile(Path value) {
            cacheFile = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Trust for the HTTPS endpoints: the CA file of the SMTP settings, else the system store (pins and
         * client certificates are for the SMTP server and are not used).
         *
         * @param value the SMTP trust settings
         * @return this builder
         */
        public Builder trust(TrustSettings value) {
            trust = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The connect and answer timeout of each endpoint call (default 30 s).
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder timeout(Duration value) {
            timeout = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The clock that decides expiry (default UTC system clock).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * What a failure that needs a new login tells the user to do, such as
         * {@code run send-mail --oauth2-login work}.
         *
         * @param value one line
         * @return this builder
         */
        public Builder loginHint(String value) {
            loginHint = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The token source.
         *
         * @return the source
         * @throws IOException when the CA file cannot be read
         * @throws IllegalStateException when the client, store or cache file is missing
         */
        public OAuth2TokenSource build() throws IOException {
            if (client == null || store == null || cacheFile == null) {
                throw new IllegalStateException("an OAuth2 token source needs a client, a store and a cache file");
            }
            return new OAuth2TokenSource(this, TokenEndpoint.create(trust, timeout));
        }
    }
}
