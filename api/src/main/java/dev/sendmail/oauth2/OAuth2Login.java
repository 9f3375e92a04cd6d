package dev.sendmail.oauth2;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.Phase;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TrustSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The first login of an account, which yields the refresh token: the device authorization grant (RFC 8628) when
 * the client has a device endpoint, else the authorization code grant with PKCE (RFC 7636) and a loopback
 * redirect (RFC 8252). It shows the user what to open (and the user code) through a callback; no browser is
 * started unless one is given. The refresh token goes to the {@link RefreshTokenStore}, the access token to the
 * account's cache. One login per instance; not thread-safe.
 */
public final class OAuth2Login {

    /** Waits between device grant polls; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        /**
         * Waits.
         *
         * @param duration how long
         * @throws InterruptedException when interrupted
         */
        void pause(Duration duration) throws InterruptedException;
    }

    final OAuth2Client client;
    final RefreshTokenStore store;
    final Optional<Path> cacheFile;
    final TokenEndpoint endpoint;
    final Clock clock;
    final Pause pause;
    final Consumer<String> out;
    final Optional<Consumer<URI>> browser;
    final Duration redirectTimeout;
    final InetAddress loopback;
    final SecureRandom random = new SecureRandom();

    private OAuth2Login(Builder b, TokenEndpoint endpoint) {
        this.client = b.client;
        this.store = b.store;
        this.cacheFile = Optional.ofNullable(b.cacheFile);
        this.endpoint = endpoint;
        this.clock = b.clock;
        this.pause = b.pause;
        this.out = b.out;
        this.browser = Optional.ofNullable(b.browser);
        this.redirectTimeout = b.redirectTimeout;
        this.loopback = InetAddress.getLoopbackAddress();
    }

    /**
     * An opener for {@link Builder#browser} that starts a browser program with the URL as its only argument: no
     * shell is involved, so nothing in the URL is interpreted; the program's output is discarded and the login does
     * not wait for it. When the program cannot be started, {@code problems} gets one line saying so, which ends by
     * telling the user to open the URL shown, and the login goes on.
     *
     * @param program the program, such as the value of {@code $BROWSER} or {@code xdg-open}; looked up on the
     *        {@code PATH} unless it names a file
     * @param problems told when the program cannot be started, on the login's thread
     * @return the opener
     */
    public static Consumer<URI> browserProgram(String program, Consumer<String> problems) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(problems, "problems");
        return url -> {
            try {
                new ProcessBuilder(List.of(program, url.toString())).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                problems.accept("could not start " + program + ": " + e.getMessage() + "; open the URL above yourself");
            }
        };
    }

    /**
     * A builder; client, store and output are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the grant the client's endpoints allow and stores the tokens.
     *
     * @return which grant ran: {@code device} or {@code authorization code}
     * @throws SendMailException {@link AuthenticationFailedException} when the user refused, the code expired or
     *         the endpoint refused the grant; {@link dev.sendmail.api.ConnectionFailedException} when an endpoint
     *         cannot be reached; {@link LocalPolicyException} when the client has neither endpoint or a token
     *         cannot be stored
     */
    public String run() throws SendMailException {
        TokenResponse r;
        String grant;
        if (client.deviceEndpoint().isPresent()) {
            r = new DeviceGrant(this).run();
            grant = "device";
        } else if (client.authorizeEndpoint().isPresent()) {
            r = new CodeGrant(this).run();
            grant = "authorization code";
        } else {
            throw new LocalPolicyException("an OAuth2 login needs a device or an authorization endpoint",
                    Phase.AUTH, client.tokenEndpoint().getHost());
        }
        if (r.refreshToken().isEmpty()) {
            throw new AuthenticationFailedException("the OAuth2 token endpoint " + client.tokenEndpoint().getHost()
                    + " issued no refresh token (does the scope ask for offline access?)", Optional.empty(),
                    client.tokenEndpoint().getHost());
        }
        try {
            store.replace(r.refreshToken().get());
        } catch (IOException e) {
            throw new LocalPolicyException("cannot store the OAuth2 refresh token in " + store.describe() + ": "
                    + TokenEndpoint.reason(e), Phase.AUTH, client.tokenEndpoint().getHost());
        }
        cacheFile.ifPresent(f -> OAuth2TokenSource.store(new TokenCache(f), r, clock.instant()));
        return grant;
    }

    /** Shows one line to the user, with control characters from the network replaced. */
    void show(String line) {
        out.accept(TokenEndpoint.printable(line, 2000));
    }

    AuthenticationFailedException failed(String what) {
        return new AuthenticationFailedException(what, Optional.empty(), client.tokenEndpoint().getHost());
    }

    /** Form fields that identify the client: its id, and its secret when it has one. */
    void addClient(java.util.List<String> form) {
        form.add("client_id");
        form.add(client.clientId());
        client.clientSecret().ifPresent(s -> {
            form.add("client_secret");
            form.add(s.revealString());
        });
    }

    /** Builds a login. */
    public static final class Builder {

        private OAuth2Client client;
        private RefreshTokenStore store;
        private Path cacheFile;
        private TrustSettings trust = TrustSettings.SYSTEM;
        private Duration timeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Pause pause = d -> Thread.sleep(d.toMillis());
        private Consumer<String> out;
        private Consumer<URI> browser;
        private Duration redirectTimeout = Duration.ofMinutes(5);

        private Builder() {
        }

        /**
         * The client registration.
         *
         * @param value the client
         * @return this builder
         */
        public Builder client(OAuth2Client value) {
            client = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Where the refresh token goes.
         *
         * @param value the store
         * @return this builder
         */
        public Builder store(RefreshTokenStore value) {
            store = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The account's access token cache (see {@link OAuth2TokenSource#cacheFile}); without one the access token
         * is not kept.
         *
         * @param value the file
         * @return this builder
         */
        public Builder cacheFile(Path value) {
            cacheFile = value;
            return this;
        }

        /**
         * Trust for the HTTPS endpoints (the CA file of the SMTP settings, else the system store).
         *
         * @param value the trust settings
         * @return this builder
         */
        public Builder trust(TrustSettings value) {
            trust = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The timeout of each endpoint call (default 30 s).
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder timeout(Duration value) {
            timeout = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The clock for the device code's expiry and the access token's (default UTC system clock).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * How to wait between device grant polls (default {@link Thread#sleep}).
         *
         * @param value the pause
         * @return this builder
         */
        public Builder pause(Pause value) {
            pause = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Receives the lines to show the user: the URL to open and the user code.
         *
         * @param value the output, called on the login's thread
         * @return this builder
         */
        public Builder output(Consumer<String> value) {
            out = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Opens the authorization URL in a browser; without one the URL is only shown.
         *
         * @param value the opener
         * @return this builder
         */
        public Builder browser(Consumer<URI> value) {
            browser = value;
            return this;
        }

        /**
         * How long the authorization code grant waits for the browser's redirect (default 5 minutes).
         *
         * @param value the wait
         * @return this builder
         */
        public Builder redirectTimeout(Duration value) {
            redirectTimeout = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The login.
         *
         * @return the login
         * @throws IOException when the CA file cannot be read
         * @throws IllegalStateException when the client, store or output is missing
         */
        public OAuth2Login build() throws IOException {
            if (client == null || store == null || out == null) {
                throw new IllegalStateException("an OAuth2 login needs a client, a store and an output");
            }
            return new OAuth2Login(this, TokenEndpoint.create(trust, timeout));
        }
    }
}
