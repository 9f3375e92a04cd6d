package dev.sendmail.transport.jakarta;

import dev.sendmail.api.Credentials;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The one place where {@link TransportSettings} become Angus session properties. Every property Angus would
 * otherwise default dangerously is set explicitly: timeouts (Angus: infinite), STARTTLS (Angus: never, or
 * strippable), the server identity check, the HELO name (Angus: a DNS lookup of the local host), partial
 * delivery (Angus: all or nothing).
 *
 * <p>Per-message values (reverse-path, DSN, BODY, SIZE, SMTPUTF8) are not session properties here: one connection
 * carries several messages, so they travel on each {@code SMTPMessage} instead (see {@link StreamedMessage}), the
 * per-message form of {@code mail.smtp.from}, {@code dsn.notify} and {@code dsn.ret}.
 */
final class SessionProperties {

    /**
     * AUTH mechanisms this transport can use, strongest first: Angus implements XOAUTH2, PLAIN and LOGIN itself;
     * CRAM-MD5 goes through Angus's SASL support and the JDK's CRAM-MD5 client (only when asked for by name).
     */
    static final List<String> SUPPORTED_MECHANISMS = List.of("XOAUTH2", "PLAIN", "CRAM-MD5", "LOGIN");

    /** The mechanisms that need Angus's SASL path (the JDK's {@code javax.security.sasl} clients). */
    static final List<String> SASL_MECHANISMS = List.of("CRAM-MD5");

    /** Used when the user names none: XOAUTH2 needs a token, so it is only used when asked for. */
    static final List<String> DEFAULT_MECHANISMS = List.of("PLAIN", "LOGIN");

    private SessionProperties() {
    }

    /** {@code smtps} for implicit TLS, else {@code smtp}: Angus reads its properties under this prefix. */
    static String protocol(TlsMode mode) {
        return mode == TlsMode.SMTPS ? "smtps" : "smtp";
    }

    /**
     * @param host the host name (for Angus's bookkeeping: we open the socket ourselves)
     * @param heloName the EHLO argument, already chosen
     * @param tls the factory for STARTTLS; null when the mode is {@code off}
     */
    static Properties of(TransportSettings s, String host, int port, String heloName, NoDelaySslSocketFactory tls) {
        return of(s, host, port, heloName, tls, false);
    }

    /**
     * @param ownTrust true when the factory's trust manager checks everything the host's TLS requirement asks
     *        (DANE, PKIX for a name): Angus's own host-name check is then off, as DANE-EE checks no name
     */
    static Properties of(TransportSettings s, String host, int port, String heloName, NoDelaySslSocketFactory tls,
                         boolean ownTrust) {
        String p = "mail." + protocol(s.tlsMode()) + ".";
        Properties props = new Properties();
        props.setProperty(p + "host", host);
        props.setProperty(p + "port", Integer.toString(port));
        props.setProperty(p + "localhost", heloName);
        props.setProperty(p + "ehlo", "true");

        // TLS
        props.setProperty(p + "ssl.enable", Boolean.toString(s.tlsMode() == TlsMode.SMTPS));
        props.setProperty(p + "starttls.enable",
                Boolean.toString(s.tlsMode() == TlsMode.STARTTLS || s.tlsMode() == TlsMode.OPPORTUNISTIC));
        props.setProperty(p + "starttls.required", Boolean.toString(s.tlsMode() == TlsMode.STARTTLS));
        props.setProperty(p + "ssl.checkserveridentity", Boolean.toString(!s.trust().insecure() && !ownTrust));
        props.setProperty(p + "ssl.protocols", String.join(" ", s.trust().protocols()));
        if (tls != null) {
            props.put(p + "ssl.socketFactory", tls);
            props.setProperty(p + "ssl.socketFactory.fallback", "false");
        }

        // authentication
        props.setProperty(p + "auth", Boolean.toString(s.credentials().isPresent()));
        props.setProperty(p + "sasl.enable", "false");
        s.credentials().ifPresent(c -> {
            List<String> wanted = mechanisms(c);
            List<String> sasl = wanted.stream().filter(SASL_MECHANISMS::contains).toList();
            if (!sasl.isEmpty()) {
                // Angus tries SASL first and, when it is used, does not fall back to its own mechanisms
                props.setProperty(p + "sasl.enable", "true");
                props.setProperty(p + "sasl.mechanisms", String.join(" ", sasl));
            }
            props.setProperty(p + "auth.mechanisms", String.join(" ",
                    wanted.stream().filter(m -> !SASL_MECHANISMS.contains(m)).toList()));
        });

        // timeouts: Angus's defaults are infinite. The socket is ours and the connection sets a read timeout per
        // phase; these are the values Angus would use for anything it opened itself.
        props.setProperty(p + "connectiontimeout", millis(s.timeouts().connect()));
        props.setProperty(p + "timeout", millis(s.timeouts().command()));
        props.setProperty(p + "writetimeout", millis(s.timeouts().dataBlock()));

        // transaction behaviour
        props.setProperty(p + "sendpartial", "true");
        props.setProperty(p + "reportsuccess", "true");
        props.setProperty(p + "quitwait", "true");
        props.setProperty(p + "quitonsessionreject", "true");
        props.setProperty(p + "noop.strict", "true");
        // Angus's allow8bitmime rewrites quoted-printable/base64 parts to 8bit (and reads the MIME structure to do
        // it); we send the bytes as given and declare BODY=8BITMIME ourselves.
        props.setProperty(p + "allow8bitmime", "false");
        // no "chunksize": Angus 2.0.5 sends BDAT chunks through its dot-stuffing DATA stream, so a line starting
        // with '.' arrives doubled (BDAT content is taken literally). DATA only.
        props.remove(p + "chunksize");
        // commands go out as UTF-8 (a SMTPUTF8 address must not be truncated to Latin-1); the SMTPUTF8 parameter
        // itself is only kept on MAIL FROM when the message needs it (ObservedSmtpTransport)
        props.setProperty("mail.mime.allowutf8", "true");
        props.setProperty("mail.debug", "false");
        return props;
    }

    /** The mechanisms to offer Angus, in order: the user's that Angus implements, or the defaults. */
    static List<String> mechanisms(Credentials c) {
        if (c.mechanisms().isEmpty()) {
            return DEFAULT_MECHANISMS;
        }
        return c.mechanisms().stream().map(m -> m.toUpperCase(Locale.ROOT))
                .filter(SUPPORTED_MECHANISMS::contains).toList();
    }

    private static String millis(Duration d) {
        return Integer.toString(Millis.of(d));
    }
}
