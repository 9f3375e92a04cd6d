package dev.sendmail.cli.config;

import dev.sendmail.api.Dsn;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.TrustSettings;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of the configuration file (msmtp's names, plus a few of send-mail's own), each with its
 * validation. Values are checked when the file is read, so a bad value is reported with its line number.
 */
enum ConfigKey {
    HOST("host"),
    FALLBACK_HOST("fallback_host"),
    PORT("port"),
    TLS("tls"),
    TLS_STARTTLS("tls_starttls"),
    TLS_TRUST_FILE("tls_trust_file"),
    TLS_FINGERPRINT("tls_fingerprint"),
    TLS_CERT_FILE("tls_cert_file"),
    TLS_KEY_FILE("tls_key_file"),
    TLS_CERTCHECK("tls_certcheck"),
    FROM("from"),
    USER("user"),
    PASSWORD("password"),
    PASSWORDEVAL("passwordeval"),
    AUTH("auth"),
    DOMAIN("domain"),
    TIMEOUT("timeout"),
    DSN_NOTIFY("dsn_notify"),
    DSN_RETURN("dsn_return"),
    TRANSPORT("transport"),
    RESOLVER("resolver"),
    DNS("dns"),
    MX_PORT("mx_port"),
    ALIASES("aliases"),
    QUEUE_DIR("queue_dir"),
    QUEUE_BOUNCE("queue_bounce"),
    DKIM_KEY("dkim_key"),
    DKIM_SELECTOR("dkim_selector"),
    DKIM_DOMAIN("dkim_domain"),
    DKIM_CANON("dkim_canon"),
    // msmtp 1.8 keys that are accepted and have no effect yet (see ACCEPTED_ONLY)
    LOGFILE("logfile"),
    LOGFILE_TIME_FORMAT("logfile_time_format"),
    SYSLOG("syslog"),
    AUTO_FROM("auto_from"),
    MAILDOMAIN("maildomain"),
    PROTOCOL("protocol"),
    NTLMDOMAIN("ntlmdomain"),
    TLS_CRL_FILE("tls_crl_file"),
    TLS_PRIORITIES("tls_priorities"),
    TLS_MIN_DH_PRIME_BITS("tls_min_dh_prime_bits"),
    TLS_HOST_OVERRIDE("tls_host_override"),
    ALLOW_FROM_OVERRIDE("allow_from_override"),
    FROM_FULL_NAME("from_full_name"),
    SET_FROM_HEADER("set_from_header"),
    SET_DATE_HEADER("set_date_header"),
    SET_MSGID_HEADER("set_msgid_header"),
    REMOVE_BCC_HEADERS("remove_bcc_headers"),
    UNDISCLOSED_RECIPIENTS("undisclosed_recipients"),
    SOURCE_IP("source_ip"),
    PROXY_HOST("proxy_host"),
    PROXY_PORT("proxy_port"),
    SOCKET("socket"),
    ADD_MISSING_FROM_HEADER("add_missing_from_header"),
    ADD_MISSING_DATE_HEADER("add_missing_date_header"),
    EVAL("eval");

    /**
     * msmtp keys that are read (so an existing msmtprc works unchanged) and change nothing yet; a run with
     * {@code --verbose} says which of them it ignored.
     */
    static final Set<ConfigKey> ACCEPTED_ONLY = java.util.EnumSet.range(LOGFILE, EVAL);

    private final String key;

    ConfigKey(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    static Optional<ConfigKey> of(String name) {
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
     * Checks {@code value} for this key.
     *
     * @return the value, normalized
     * @throws IllegalArgumentException with a one-line reason
     */
    String validate(String value) {
        String v = value.strip();
        switch (this) {
            case HOST -> {
                requireValue(v);
                MailHost.of(v);
            }
            case FALLBACK_HOST -> {
                requireValue(v);
                MailHost.parse(v);
            }
            case PORT, MX_PORT -> MailHost.parsePort(v);
            case TLS -> {
                String t = v.toLowerCase(Locale.ROOT);
                if (!Set.of("on", "off", "smtps", "starttls", "opportunistic").contains(t)) {
                    throw new IllegalArgumentException("tls must be on, off, smtps, starttls or opportunistic");
                }
                return t;
            }
            case TLS_STARTTLS, TLS_CERTCHECK, QUEUE_BOUNCE -> {
                return onOff(v);
            }
            case TLS_FINGERPRINT -> {
                return TrustSettings.normalizePin(v);
            }
            case FROM -> {
                requireValue(v);
                if (!MsmtpFrom.isPattern(v)) {
                    // checked with stand-ins for the substitutions, which are made when the account is used
                    Mailbox.parse(v.replace("%%", "").replaceAll("%[UHCM]", "x"));
                }
            }
            case AUTH -> {
                String a = v.toLowerCase(Locale.ROOT);
                if (!a.matches("on|off|[a-z0-9_-]{1,40}")) {
                    throw new IllegalArgumentException("auth must be on, off or a mechanism name");
                }
                return a;
            }
            case DOMAIN -> {
                requireValue(v);
                for (int i = 0; i < v.length(); i++) {
                    if (v.charAt(i) <= 0x20 || v.charAt(i) >= 0x7F) {
                        throw new IllegalArgumentException("domain must be printable ASCII without spaces");
                    }
                }
            }
            case TIMEOUT -> {
                if (!v.equals("off")) {
                    seconds(v);
                }
            }
            case DSN_NOTIFY -> {
                if (!v.equalsIgnoreCase("off")) {
                    Dsn.parseNotify(v);
                }
            }
            case DSN_RETURN -> {
                String r = v.toLowerCase(Locale.ROOT);
                if (!Set.of("off", "full", "headers", "hdrs").contains(r)) {
                    throw new IllegalArgumentException("dsn_return must be off, full or headers");
                }
                return r;
            }
            case TRANSPORT, RESOLVER -> {
                if (!v.matches("[A-Za-z0-9_.-]{1,64}")) {
                    throw new IllegalArgumentException(key + " must be a provider name");
                }
            }
            case DNS -> {
                requireValue(v);
                for (String s : v.split("[,\\s]+")) {
                    MailHost.parse(s);
                }
            }
            default -> {
                if (!ACCEPTED_ONLY.contains(this)) {
                    requireValue(v);
                }
            }
        }
        return v;
    }

    /** Parses a positive number of seconds, at most one day. */
    static int seconds(String v) {
        try {
            int s = Integer.parseInt(v.strip());
            if (s < 1 || s > 86_400) {
                throw new IllegalArgumentException("seconds must be between 1 and 86400: " + v);
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number of seconds: " + v);
        }
    }

    private static String onOff(String v) {
        String t = v.toLowerCase(Locale.ROOT);
        if (!t.equals("on") && !t.equals("off")) {
            throw new IllegalArgumentException("value must be on or off");
        }
        return t;
    }

    private static void requireValue(String v) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException("a value is required");
        }
    }
}
