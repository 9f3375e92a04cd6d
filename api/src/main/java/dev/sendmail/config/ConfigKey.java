package dev.sendmail.config;

import java.util.Optional;
import java.util.Set;

/**
 * The keys of the configuration file (msmtp's names, plus a few of send-mail's own), each with its
 * validation. Values are checked when the file is read, so a bad value is reported with its line number. msmtp's
 * keys can also be set on its command line ({@link #ofMsmtpOption}).
 */
public enum ConfigKey {
    /** {@code host}: the smart host (host name or address literal). */
    HOST("host"),
    /** {@code fallback_host}: a smart host tried after {@code host}; repeatable, tried in line order. */
    FALLBACK_HOST("fallback_host", Origin.SEND_MAIL),
    /** {@code port}: the smart host's port. */
    PORT("port"),
    /** {@code tls}: {@code on}, {@code off}, {@code smtps}, {@code starttls} or {@code opportunistic}. */
    TLS("tls"),
    /** {@code tls_starttls}: with {@code tls on}, STARTTLS ({@code on}) or TLS from the start ({@code off}). */
    TLS_STARTTLS("tls_starttls"),
    /** {@code tls_trust_file}: a PEM file of trusted CA certificates, or {@code system}. */
    TLS_TRUST_FILE("tls_trust_file"),
    /** {@code tls_fingerprint}: the SHA-256 fingerprint the server certificate must have. */
    TLS_FINGERPRINT("tls_fingerprint"),
    /** {@code tls_cert_file}: the client certificate (PEM). */
    TLS_CERT_FILE("tls_cert_file"),
    /** {@code tls_key_file}: the client certificate's private key (PEM). */
    TLS_KEY_FILE("tls_key_file"),
    /** {@code tls_certcheck}: {@code off} turns certificate checks off (dangerous). */
    TLS_CERTCHECK("tls_certcheck"),
    /**
     * {@code from}: the envelope sender, with msmtp's substitutions; a pattern with {@code *} or {@code ?} selects the account.
     */
    FROM("from"),
    /** {@code user}: the user name to authenticate as. */
    USER("user"),
    /** {@code password}: the password, written in the file (the file must then be private). */
    PASSWORD("password"),
    /** {@code passwordeval}: a shell command whose first output line is the password. */
    PASSWORDEVAL("passwordeval"),
    /** {@code auth}: {@code on}, {@code off} or the SASL mechanisms allowed. */
    AUTH("auth"),
    /** {@code domain} (also {@code helo}): the EHLO name. */
    DOMAIN("domain"),
    /** {@code timeout}: seconds per network operation, or {@code off}. */
    TIMEOUT("timeout"),
    /** {@code dsn_notify}: DSN NOTIFY conditions, or {@code off}. */
    DSN_NOTIFY("dsn_notify"),
    /** {@code dsn_return}: DSN RET ({@code full} or {@code headers}), or {@code off}. */
    DSN_RETURN("dsn_return"),
    /** {@code transport}: the transport provider's name. */
    TRANSPORT("transport", Origin.SEND_MAIL),
    /** {@code resolver}: the resolver provider's name. */
    RESOLVER("resolver", Origin.SEND_MAIL),
    /** {@code dns}: DNS servers for MX look-ups, separated by commas or spaces. */
    DNS("dns", Origin.SEND_MAIL),
    /** {@code mx_port}: the port used for every MX host. */
    MX_PORT("mx_port", Origin.SEND_MAIL),
    /** {@code dnssec_anchor}: DNSSEC trust anchors (DS or DNSKEY records) for the {@code dns} resolver. */
    DNSSEC_ANCHOR("dnssec_anchor", Origin.SEND_MAIL),
    /** {@code aliases}: msmtp's aliases file (local names to addresses). */
    ALIASES("aliases"),
    /** {@code queue_dir}: the queue directory. */
    QUEUE_DIR("queue_dir", Origin.SEND_MAIL),
    /**
     * {@code rate_limit}: at most this many messages per destination host ({@code N/s}, {@code N/min} or
     * {@code N/h}), shared with concurrent runs (see {@link dev.sendmail.api.RateLimit}).
     */
    RATE_LIMIT("rate_limit", Origin.SEND_MAIL),
    /** {@code queue_bounce}: whether a queue run bounces mail that failed for good ({@code on} or {@code off}). */
    QUEUE_BOUNCE("queue_bounce", Origin.SEND_MAIL),
    /** {@code dkim_key}: DKIM private key files, separated by commas. */
    DKIM_KEY("dkim_key", Origin.SEND_MAIL),
    /** {@code dkim_selector}: one DKIM selector per key, separated by commas. */
    DKIM_SELECTOR("dkim_selector", Origin.SEND_MAIL),
    /** {@code dkim_domain}: the DKIM signing domain (default: the From address's domain). */
    DKIM_DOMAIN("dkim_domain", Origin.SEND_MAIL),
    /** {@code dkim_canon}: DKIM canonicalization, {@code HEADER/BODY}. */
    DKIM_CANON("dkim_canon", Origin.SEND_MAIL),
    /** {@code oauth2_provider}: {@code microsoft} or {@code google}, presets for the OAuth 2 endpoints and scope. */
    OAUTH2_PROVIDER("oauth2_provider", Origin.SEND_MAIL),
    /** {@code oauth2_token_endpoint}: the OAuth 2 token endpoint (https). */
    OAUTH2_TOKEN_ENDPOINT("oauth2_token_endpoint", Origin.SEND_MAIL),
    /** {@code oauth2_device_endpoint}: the OAuth 2 device authorization endpoint (https). */
    OAUTH2_DEVICE_ENDPOINT("oauth2_device_endpoint", Origin.SEND_MAIL),
    /** {@code oauth2_authorize_endpoint}: the OAuth 2 authorization endpoint (https). */
    OAUTH2_AUTHORIZE_ENDPOINT("oauth2_authorize_endpoint", Origin.SEND_MAIL),
    /** {@code oauth2_client_id}: the OAuth 2 client id of the user's own registration. */
    OAUTH2_CLIENT_ID("oauth2_client_id", Origin.SEND_MAIL),
    /** {@code oauth2_client_secret_file}: an owner-only file holding the OAuth 2 client secret. */
    OAUTH2_CLIENT_SECRET_FILE("oauth2_client_secret_file", Origin.SEND_MAIL),
    /** {@code oauth2_scope}: the OAuth 2 scopes, separated by spaces. */
    OAUTH2_SCOPE("oauth2_scope", Origin.SEND_MAIL),
    /** {@code oauth2_refresh_token_file}: the owner-only file that keeps the refresh token. */
    OAUTH2_REFRESH_TOKEN_FILE("oauth2_refresh_token_file", Origin.SEND_MAIL),
    // msmtp 1.8 keys; those in ACCEPTED_ONLY have no effect yet
    /** {@code logfile}: append one line per message to this file (msmtp's format; {@code -} is standard output; empty: no log). */
    LOGFILE("logfile"),
    /** {@code logfile_time_format}: the strftime format of the time at the start of each log line (default {@code %b %d %H:%M:%S}). */
    LOGFILE_TIME_FORMAT("logfile_time_format"),
    /** {@code syslog}: on (facility LOG_USER), off, or a facility (LOG_USER, LOG_MAIL, LOG_LOCAL0 to LOG_LOCAL7): the log line also goes to syslog. */
    SYSLOG("syslog"),
    /** {@code auto_from}: on makes the sender the user name at {@code maildomain} (msmtp's older form of {@code from %U@maildomain}). */
    AUTO_FROM("auto_from"),
    /** {@code maildomain}: the domain of the sender made by {@code auto_from}. */
    MAILDOMAIN("maildomain"),
    /** {@code protocol}: {@code smtp} (the default) or {@code lmtp} (RFC 2033; port 24 unless {@code port} says). */
    PROTOCOL("protocol"),
    /** {@code ntlmdomain}: msmtp's NTLM domain; accepted and without effect (send-mail has no NTLM). */
    NTLMDOMAIN("ntlmdomain"),
    /** {@code tls_crl_file}: a PEM or DER file of certificate revocation lists; a revoked server certificate is refused. */
    TLS_CRL_FILE("tls_crl_file"),
    /** {@code tls_priorities}: a GnuTLS priority string, mapped to the TLS versions to enable ({@link TlsPriorities}). */
    TLS_PRIORITIES("tls_priorities"),
    /** {@code tls_min_dh_prime_bits}: accepted and without effect (the JDK's {@code jdk.tls.disabledAlgorithms} sets the minimum). */
    TLS_MIN_DH_PRIME_BITS("tls_min_dh_prime_bits"),
    /** {@code tls_host_override}: the host name the server certificate is checked against instead of {@code host}'s. */
    TLS_HOST_OVERRIDE("tls_host_override"),
    /** {@code allow_from_override}: off makes the account's {@code from} the sender even when {@code -f} or {@code --read-envelope-from} names another. */
    ALLOW_FROM_OVERRIDE("allow_from_override"),
    /** {@code from_full_name}: the sender's full name in a From field send-mail writes (as {@code -F}). */
    FROM_FULL_NAME("from_full_name"),
    /** {@code set_from_header}: auto (add a From field when there is none), on (replace it with the envelope sender), off. */
    SET_FROM_HEADER("set_from_header"),
    /** {@code set_date_header}: auto (add a Date field when there is none) or off. */
    SET_DATE_HEADER("set_date_header"),
    /** {@code set_msgid_header}: auto (add a Message-ID field when there is none) or off. */
    SET_MSGID_HEADER("set_msgid_header"),
    /** {@code remove_bcc_headers}: on (the default) removes Bcc and Resent-Bcc fields before sending. */
    REMOVE_BCC_HEADERS("remove_bcc_headers"),
    /** {@code undisclosed_recipients}: on replaces To, Cc and Bcc with {@code To: undisclosed-recipients:;}. */
    UNDISCLOSED_RECIPIENTS("undisclosed_recipients"),
    /** {@code source_ip}: the local IP address connections are bound to; empty for the system's choice. */
    SOURCE_IP("source_ip"),
    /** {@code proxy_host}: a SOCKS5 proxy every connection goes through (it resolves host names); empty for none. */
    PROXY_HOST("proxy_host"),
    /** {@code proxy_port}: the SOCKS5 proxy's port (default 1080); empty for the default. */
    PROXY_PORT("proxy_port"),
    /** {@code socket}: a unix domain socket to connect to instead of {@code host} and {@code port}; empty for none. */
    SOCKET("socket"),
    /** {@code add_missing_from_header}: msmtp's older name; off is {@code set_from_header off}. */
    ADD_MISSING_FROM_HEADER("add_missing_from_header"),
    /** {@code add_missing_date_header}: msmtp's older name; off is {@code set_date_header off}. */
    ADD_MISSING_DATE_HEADER("add_missing_date_header"),
    /**
     * {@code eval}: the line is replaced by the first line a command prints ({@link ConfigFileLoader} runs it when
     * it reads a file); the parser itself sees only lines that are already expanded.
     */
    EVAL("eval");

    /**
     * msmtp keys that are read (so an existing msmtprc works unchanged) and change nothing yet; a run with
     * {@code --verbose} says which of them it ignored.
     */
    static final Set<ConfigKey> ACCEPTED_ONLY = java.util.EnumSet.of(NTLMDOMAIN, TLS_MIN_DH_PRIME_BITS);

    /**
     * Why a key of {@link #ACCEPTED_ONLY} changes nothing, for the warning that names it.
     *
     * @return the reason
     */
    String ignoredBecause() {
        return switch (this) {
            case NTLMDOMAIN -> "send-mail has no NTLM authentication";
            case TLS_MIN_DH_PRIME_BITS -> "the JDK refuses Diffie-Hellman groups under 1024 bits, as its "
                    + "jdk.tls.disabledAlgorithms says";
            default -> "not implemented";
        };
    }

    /** Whose key it is: msmtp's, which its command line can set too, or send-mail's own. */
    private enum Origin { MSMTP, SEND_MAIL }

    private final String key;
    private final Origin origin;

    ConfigKey(String key) {
        this(key, Origin.MSMTP);
    }

    ConfigKey(String key, Origin origin) {
        this.key = key;
        this.origin = origin;
    }

    /** @return the key's name in the file */
    public String key() {
        return key;
    }

    /**
     * @param name a key as written in the file ({@code helo} is taken as {@code domain})
     * @return the key, empty when there is none of that name
     */
    public static Optional<ConfigKey> of(String name) {
        if (name.equals("helo")) {
            return Optional.of(DOMAIN); // send-mail's name for msmtp's 'domain' (the EHLO name)
        }
        for (ConfigKey k : values()) {
            if (k.key.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * The key that msmtp's long command-line option {@code --NAME} sets, as msmtp's options override its file.
     * msmtp has such an option for each of its keys but {@code password} (a password never goes on a command line)
     * and {@code eval}, named like the key with dashes for underscores: {@code --tls-starttls} sets
     * {@code tls_starttls}. send-mail's own keys have none.
     *
     * @param name the option's name without the leading {@code --}
     * @return the key, empty when no msmtp option of that name sets one
     */
    public static Optional<ConfigKey> ofMsmtpOption(String name) {
        for (ConfigKey k : values()) {
            if (k.origin == Origin.MSMTP && k != PASSWORD && k != EVAL && k.key.replace('_', '-').equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * What the key means when its value is left out, as on a line {@code tls} alone; msmtp's option for the key
     * may then stand alone too, with the same meaning ({@code --tls} is {@code on}, {@code --set-date-header} is
     * {@code auto}).
     *
     * @return the value, such as {@code on} for msmtp's on/off keys and {@code auto} for the {@code set_*_header}
     *     keys; empty when the key needs a value
     */
    public Optional<String> valueWhenLeftOut() {
        return ConfigValues.whenLeftOut(this);
    }

    /**
     * Checks {@code value} for this key, as the parser does for each line of the file (for values that come from
     * elsewhere, such as msmtp's command-line options).
     *
     * @param value the value as written
     * @return the value, normalized
     * @throws IllegalArgumentException with a one-line reason
     */
    String validate(String value) {
        return ConfigValues.validate(this, value);
    }

    /**
     * Parses a positive number of seconds, at most one day (the values of {@code timeout}).
     *
     * @param v the text
     * @return the seconds
     * @throws IllegalArgumentException with a one-line reason
     */
    public static int seconds(String v) {
        return ConfigValues.seconds(v);
    }
}
