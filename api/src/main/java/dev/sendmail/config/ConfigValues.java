package dev.sendmail.config;

import dev.sendmail.api.Dsn;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.TrustSettings;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The check of each {@link ConfigKey}'s value: what the parser runs on each line of the file, and what a value
 * given elsewhere (msmtp's command-line options) goes through.
 */
final class ConfigValues {

    /** The facilities {@code syslog} takes. */
    private static final Set<String> FACILITIES = Set.of("LOG_USER", "LOG_MAIL", "LOG_LOCAL0", "LOG_LOCAL1",
            "LOG_LOCAL2", "LOG_LOCAL3", "LOG_LOCAL4", "LOG_LOCAL5", "LOG_LOCAL6", "LOG_LOCAL7");

    private ConfigValues() {
    }

    /**
     * Checks {@code value} for {@code key}.
     *
     * @param key the key
     * @param value the value as written
     * @return the value, normalized
     * @throws IllegalArgumentException with a one-line reason
     */
    static String validate(ConfigKey key, String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            v = whenLeftOut(key).orElse(v);
        }
        switch (key) {
            case HOST, FALLBACK_HOST -> {
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
            case QUEUE_BOUNCE -> {
                return onOff(v);
            }
            case TLS_STARTTLS, TLS_CERTCHECK, REMOVE_BCC_HEADERS, UNDISCLOSED_RECIPIENTS, ADD_MISSING_FROM_HEADER,
                 ADD_MISSING_DATE_HEADER, ALLOW_FROM_OVERRIDE, AUTO_FROM -> {
                return onOff(v);
            }
            case SET_FROM_HEADER -> {
                return oneOf(v, "auto", "on", "off");
            }
            case SET_DATE_HEADER, SET_MSGID_HEADER -> {
                return oneOf(v, "auto", "off");
            }
            case SYSLOG -> {
                if (v.equalsIgnoreCase("on") || v.equalsIgnoreCase("off")) {
                    return v.toLowerCase(Locale.ROOT);
                }
                if (!FACILITIES.contains(v.toUpperCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("syslog must be on, off or one of LOG_USER, LOG_MAIL, "
                            + "LOG_LOCAL0 to LOG_LOCAL7");
                }
                return v.toUpperCase(Locale.ROOT);
            }
            case MAILDOMAIN -> {
                if (!v.isEmpty() && !v.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
                    throw new IllegalArgumentException("maildomain must be a domain name");
                }
            }
            case LOGFILE, LOGFILE_TIME_FORMAT, FROM_FULL_NAME -> {
                // any text; an empty logfile means no log
            }
            case TLS_HOST_OVERRIDE -> {
                requireValue(v);
                TrustSettings.SYSTEM.withHostOverride(v);
            }
            case TLS_PRIORITIES -> TlsPriorities.parse(v);
            case TLS_CRL_FILE -> requireValue(v);
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
                if (v.length() > 255) {
                    throw new IllegalArgumentException("domain must be at most 255 characters");
                }
                for (int i = 0; i < v.length(); i++) {
                    if (v.charAt(i) <= 0x20 || v.charAt(i) >= 0x7F) {
                        throw new IllegalArgumentException("domain must be printable ASCII without spaces");
                    }
                }
            }
            case RATE_LIMIT -> dev.sendmail.api.RateLimit.parse(v);
            case PROTOCOL -> {
                return dev.sendmail.api.MailProtocol.parse(v).configName();
            }
            case SOURCE_IP -> {
                if (!v.isEmpty()) {
                    dev.sendmail.api.NetworkSettings.parseAddress(v);
                }
            }
            case PROXY_HOST -> {
                if (!v.isEmpty()) {
                    new dev.sendmail.api.NetworkSettings.SocksProxy(v, dev.sendmail.api.NetworkSettings.SocksProxy
                            .DEFAULT_PORT);
                }
            }
            case SOCKET -> {
                if (!v.isEmpty() && !v.chars().allMatch(c -> c >= 0x20 && c != 0x7F)) {
                    throw new IllegalArgumentException("socket must be a file name");
                }
            }
            case PROXY_PORT -> {
                if (!v.isEmpty()) {
                    MailHost.parsePort(v);
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
                    throw new IllegalArgumentException(key.key() + " must be a provider name");
                }
            }
            case OAUTH2_PROVIDER -> {
                String p = v.toLowerCase(Locale.ROOT);
                if (!p.equals("microsoft") && !p.equals("google")) {
                    throw new IllegalArgumentException("oauth2_provider must be microsoft or google");
                }
                return p;
            }
            case OAUTH2_TOKEN_ENDPOINT, OAUTH2_DEVICE_ENDPOINT, OAUTH2_AUTHORIZE_ENDPOINT -> httpsUrl(v);
            case OAUTH2_CLIENT_ID, OAUTH2_SCOPE -> {
                requireValue(v);
                for (int i = 0; i < v.length(); i++) {
                    if (v.charAt(i) < 0x20 || v.charAt(i) >= 0x7F) {
                        throw new IllegalArgumentException(key.key() + " must be printable ASCII");
                    }
                }
            }
            case DNS -> {
                requireValue(v);
                for (String s : v.split("[,\\s]+")) {
                    MailHost.parse(s);
                }
            }
            default -> {
                if (!ConfigKey.ACCEPTED_ONLY.contains(key)) {
                    requireValue(v);
                }
            }
        }
        return v;
    }

    /**
     * The value of a key written alone on its line: {@code on} for msmtp's on/off keys and {@code auth}, {@code tls}
     * and {@code syslog} ("tls [(on|off)]" in msmtp's manual), {@code auto} for the {@code set_*_header} keys.
     *
     * @param key the key
     * @return the value, empty for a key that needs one
     */
    static Optional<String> whenLeftOut(ConfigKey key) {
        return switch (key) {
            case TLS, TLS_STARTTLS, TLS_CERTCHECK, REMOVE_BCC_HEADERS, UNDISCLOSED_RECIPIENTS, ADD_MISSING_FROM_HEADER,
                 ADD_MISSING_DATE_HEADER, ALLOW_FROM_OVERRIDE, AUTO_FROM, SYSLOG, AUTH -> Optional.of("on");
            case SET_FROM_HEADER, SET_DATE_HEADER, SET_MSGID_HEADER -> Optional.of("auto");
            default -> Optional.empty();
        };
    }

    /**
     * Checks an {@code https://} URL with a host, the value of the {@code oauth2_*_endpoint} keys (OAuth 2
     * endpoints are never reached over plain HTTP).
     *
     * @param v the text
     * @return the URL
     * @throws IllegalArgumentException with a one-line reason
     */
    static java.net.URI httpsUrl(String v) {
        try {
            java.net.URI u = new java.net.URI(v);
            if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null || u.getRawFragment() != null) {
                throw new IllegalArgumentException("an OAuth2 endpoint must be an https:// URL with a host: " + v);
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + v);
        }
    }

    /**
     * Parses a positive number of seconds, at most one day (the values of {@code timeout}).
     *
     * @param v the text
     * @return the seconds
     * @throws IllegalArgumentException with a one-line reason
     */
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

    private static String oneOf(String v, String... allowed) {
        String t = v.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(t)) {
                return t;
            }
        }
        throw new IllegalArgumentException("value must be " + String.join(", ", allowed));
    }

    private static void requireValue(String v) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException("a value is required");
        }
    }
}
