package dev.sendmail.config;

import dev.sendmail.api.Dsn;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.RateLimit;
import dev.sendmail.api.Secret;
import dev.sendmail.oauth2.OAuth2Config;
import dev.sendmail.oauth2.OAuth2Provider;
import dev.sendmail.oauth2.OAuth2TokenSource;
import dev.sendmail.oauth2.RefreshTokenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an account's keys into typed settings. Values were checked when the file was parsed; what is left to
 * fail here (files the keys name, keys that need each other) becomes one {@link ConfigException} that names the
 * key and where it was set.
 */
final class AccountReader {

    private AccountReader() {
    }

    static ServerSettingsBuilder server(Account a, UserEnvironment env, ServerSettingsBuilder b)
            throws ConfigException {
        Optional<String> host = a.get(ConfigKey.HOST);
        List<String> fallbacks = a.list(ConfigKey.FALLBACK_HOST);
        if (host.isEmpty() && !fallbacks.isEmpty()) {
            throw invalid(a, ConfigKey.FALLBACK_HOST, "fallback_host needs a host to fall back from; add a host line");
        }
        if (host.isPresent() && host.get().strip().equalsIgnoreCase("auto")) {
            if (!fallbacks.isEmpty()) {
                throw invalid(a, ConfigKey.FALLBACK_HOST,
                        "host auto takes its hosts from the SRV records; drop fallback_host");
            }
            b.discoverSubmission();
        } else if (host.isPresent()) {
            List<MailHost> hosts = new ArrayList<>();
            hosts.add(host(a, ConfigKey.HOST, host.get()));
            for (String f : fallbacks) {
                if (f.equalsIgnoreCase("auto")) {
                    throw invalid(a, ConfigKey.FALLBACK_HOST,
                            "host auto takes its hosts from the SRV records; drop fallback_host");
                }
                hosts.add(host(a, ConfigKey.FALLBACK_HOST, f));
            }
            b.smartHosts(hosts);
        }
        a.integer(ConfigKey.PORT).ifPresent(b::port);
        b.dnsServers(a.list(ConfigKey.DNS));
        a.integer(ConfigKey.MX_PORT).ifPresent(b::mxPort);
        a.get(ConfigKey.DOMAIN).ifPresent(b::heloName);
        if (a.get(ConfigKey.DNSSEC_ANCHOR).isPresent()) {
            b.dnssecAnchor = Optional.of(readable(a, ConfigKey.DNSSEC_ANCHOR,
                    Path.of(a.get(ConfigKey.DNSSEC_ANCHOR).get()), ConfigException.Reason.INVALID));
        }
        a.get(ConfigKey.TIMEOUT).filter(v -> !v.equals("off"))
                .ifPresent(t -> b.timeout(Duration.ofSeconds(ConfigKey.seconds(t))));
        a.get(ConfigKey.TRANSPORT).ifPresent(b::transport);
        a.get(ConfigKey.RESOLVER).ifPresent(b::resolver);
        a.get(ConfigKey.RATE_LIMIT).map(RateLimit::parse).ifPresent(b::rateLimit);
        // TLS: msmtp's "tls on" names no mode: STARTTLS unless tls_starttls off
        b.startTls = a.flag(ConfigKey.TLS_STARTTLS).orElse(true);
        a.get(ConfigKey.TLS).ifPresent(b::tls);
        b.tlsSetting = a.setting(ConfigKey.TLS);
        Optional<String> trustFile = a.get(ConfigKey.TLS_TRUST_FILE).filter(f -> !f.equals("system"));
        if (trustFile.isPresent()) {
            b.caFile(readable(a, ConfigKey.TLS_TRUST_FILE, env.expand(trustFile.get()),
                    ConfigException.Reason.INVALID));
        }
        a.get(ConfigKey.TLS_FINGERPRINT).ifPresent(b::pin);
        if (a.get(ConfigKey.TLS_CERT_FILE).isPresent()) {
            b.clientCertificate(readable(a, ConfigKey.TLS_CERT_FILE, env.expand(a.get(ConfigKey.TLS_CERT_FILE).get()),
                    ConfigException.Reason.MISSING));
        }
        if (a.get(ConfigKey.TLS_KEY_FILE).isPresent()) {
            b.clientKey(readable(a, ConfigKey.TLS_KEY_FILE, env.expand(a.get(ConfigKey.TLS_KEY_FILE).get()),
                    ConfigException.Reason.MISSING));
        }
        if (!a.flag(ConfigKey.TLS_CERTCHECK).orElse(true)) {
            b.insecure();
            b.trustSetting = a.setting(ConfigKey.TLS_CERTCHECK);
        }
        // authentication: "auth off" drops the user and the password unless a user is given elsewhere
        Optional<String> auth = a.get(ConfigKey.AUTH);
        auth.filter(m -> !m.equals("on") && !m.equals("off")).ifPresent(m -> b.mechanisms(List.of(m)));
        b.authSetting = a.setting(ConfigKey.AUTH);
        if (a.get(ConfigKey.PASSWORDEVAL).isPresent()) {
            b.password = Optional.of(new PasswordSource.FromCommand(a.get(ConfigKey.PASSWORDEVAL).get()));
        } else if (a.get(ConfigKey.PASSWORD).isPresent()) {
            b.password = Optional.of(new PasswordSource.Literal(Secret.of(a.get(ConfigKey.PASSWORD).get())));
        }
        b.user = a.get(ConfigKey.USER);
        b.userSetting = a.setting(ConfigKey.USER);
        b.authOff = auth.map("off"::equals).orElse(false);
        return b;
    }

    static MessageSettings message(Account a, UserEnvironment env) throws ConfigException {
        Optional<String> raw = a.get(ConfigKey.FROM).filter(v -> !MsmtpFrom.isPattern(v));
        ConfigKey fromKey = ConfigKey.FROM;
        if (raw.isEmpty() && a.flag(ConfigKey.AUTO_FROM).orElse(false)) {
            raw = Optional.of("%U@" + a.get(ConfigKey.MAILDOMAIN).filter(d -> !d.isBlank()).orElse("%H"));
            fromKey = ConfigKey.AUTO_FROM;
        }
        Optional<Mailbox> from = Optional.empty();
        if (raw.isPresent()) {
            String address;
            try {
                address = MsmtpFrom.expand(raw.get(), env);
            } catch (IllegalArgumentException e) {
                throw invalid(a, fromKey, e.getMessage());
            }
            try {
                from = Optional.of(Mailbox.parse(address));
            } catch (IllegalArgumentException e) {
                throw invalid(a, fromKey, "from: " + e.getMessage());
            }
        }
        Aliases aliases = Aliases.NONE;
        if (a.get(ConfigKey.ALIASES).isPresent()) {
            aliases = Aliases.load(env.expand(a.get(ConfigKey.ALIASES).get()));
        }
        Dsn dsn = Dsn.NONE;
        Optional<String> notify = a.get(ConfigKey.DSN_NOTIFY).filter(v -> !v.equalsIgnoreCase("off"));
        Optional<String> ret = a.get(ConfigKey.DSN_RETURN).filter(v -> !v.equals("off"))
                .map(v -> v.equals("headers") ? "hdrs" : v);
        if (notify.isPresent() || ret.isPresent()) {
            dsn = new Dsn(notify.map(Dsn::parseNotify).orElse(Set.of()), ret.map(Dsn::parseRet), Optional.empty(),
                    false);
        }
        return new MessageSettings(from, from.isPresent() && !a.flag(ConfigKey.ALLOW_FROM_OVERRIDE).orElse(true),
                a.get(ConfigKey.FROM_FULL_NAME).filter(n -> !n.isBlank()), dsn, aliases, MessagePolicy.of(a),
                LogSettings.of(a, env), a.get(ConfigKey.QUEUE_DIR).map(env::expand),
                a.flag(ConfigKey.QUEUE_BOUNCE).orElse(true));
    }

    /**
     * The account's OAuth 2 settings when it names XOAUTH2 or OAUTHBEARER and has an {@code oauth2_client_id}; a
     * client secret or a token file others can read is refused here, before anything is sent.
     */
    static Optional<OAuth2Config> oauth2(Account account, UserEnvironment env, List<String> mechanisms)
            throws ConfigException {
        Optional<String> clientId = account.get(ConfigKey.OAUTH2_CLIENT_ID);
        if (clientId.isEmpty()) {
            for (ConfigKey k : List.of(ConfigKey.OAUTH2_PROVIDER, ConfigKey.OAUTH2_TOKEN_ENDPOINT,
                    ConfigKey.OAUTH2_REFRESH_TOKEN_FILE)) {
                if (account.get(k).isPresent()) {
                    throw new ConfigException(ConfigException.Reason.INVALID, k.key() + " needs oauth2_client_id");
                }
            }
            return Optional.empty();
        }
        if (!mechanisms.contains("XOAUTH2") && !mechanisms.contains("OAUTHBEARER")) {
            throw new ConfigException(ConfigException.Reason.INVALID,
                    "oauth2_client_id needs auth xoauth2 or auth oauthbearer");
        }
        OAuth2Config c = new OAuth2Config(
                account.get(ConfigKey.OAUTH2_PROVIDER).map(p -> OAuth2Provider.valueOf(p.toUpperCase(Locale.ROOT))),
                account.get(ConfigKey.OAUTH2_TOKEN_ENDPOINT).map(ConfigValues::httpsUrl),
                account.get(ConfigKey.OAUTH2_DEVICE_ENDPOINT).map(ConfigValues::httpsUrl),
                account.get(ConfigKey.OAUTH2_AUTHORIZE_ENDPOINT).map(ConfigValues::httpsUrl),
                clientId.get(), account.get(ConfigKey.OAUTH2_CLIENT_SECRET_FILE).map(env::expand),
                account.get(ConfigKey.OAUTH2_SCOPE), account.get(ConfigKey.OAUTH2_REFRESH_TOKEN_FILE).map(env::expand));
        try {
            c.client();
            String name = tokenName(account);
            for (Path f : List.of(c.refreshTokenFile(env.dataDirectory(), name),
                    OAuth2TokenSource.cacheFile(env.cacheDirectory(), name))) {
                if (Files.exists(f)) {
                    RefreshTokenFile.checkPrivate(f);
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            throw new ConfigException(ConfigException.Reason.INVALID,
                    e instanceof NoSuchFileException ? "no such file: " + e.getMessage() : e.getMessage());
        }
        return Optional.of(c);
    }

    /** The account's name for its token files: {@code default} for {@link Account#EMPTY}. */
    static String tokenName(Account account) {
        return account == Account.EMPTY ? "default" : account.name();
    }

    private static MailHost host(Account a, ConfigKey key, String value) throws ConfigException {
        try {
            return MailHost.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(a, key, key.key() + ": " + e.getMessage());
        }
    }

    private static Path readable(Account a, ConfigKey key, Path p, ConfigException.Reason reason)
            throws ConfigException {
        if (!Files.isReadable(p)) {
            throw at(a, key, reason, key.key() + ": cannot read " + p);
        }
        return p;
    }

    static ConfigException invalid(Account a, ConfigKey key, String message) {
        return at(a, key, ConfigException.Reason.INVALID, message);
    }

    /** A failure of {@code key}'s value, prefixed by where it was set ({@code FILE:LINE: }) when known. */
    static ConfigException at(Account a, ConfigKey key, ConfigException.Reason reason, String message) {
        return new ConfigException(reason, a.origin(key).map(o -> o + ": ").orElse("") + message);
    }
}
