package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigFileParserTest {

    private static final String MSMTPRC = """
            # a typical ~/.msmtprc
            defaults
            tls on
            tls_trust_file /etc/ssl/certs/ca-certificates.crt
            timeout 30

            account gmail
            host smtp.gmail.com
            port 587
            from alice@gmail.example
            auth on
            user alice
            passwordeval "gpg -q --for-your-eyes-only --no-tty -d ~/.msmtp-gmail.gpg"

            account work : gmail
            host mail.work.example
            \tport 465
            tls_starttls off
            from "alice@work.example"

            account default : work
            """;

    @Test
    void parsesDefaultsAccountsInheritanceAndDefault() throws ConfigException {
        ConfigFile f = ConfigFileParser.parse("rc", MSMTPRC);
        assertEquals("on", f.defaults().get(ConfigKey.TLS).orElseThrow());
        Account gmail = f.accounts().get("gmail");
        assertEquals("smtp.gmail.com", gmail.get(ConfigKey.HOST).orElseThrow());
        assertEquals(587, gmail.integer(ConfigKey.PORT).getAsInt());
        assertEquals("30", gmail.get(ConfigKey.TIMEOUT).orElseThrow(), "defaults are inherited");
        assertEquals("gpg -q --for-your-eyes-only --no-tty -d ~/.msmtp-gmail.gpg",
                gmail.get(ConfigKey.PASSWORDEVAL).orElseThrow());
        Account work = f.accounts().get("work");
        assertEquals("mail.work.example", work.get(ConfigKey.HOST).orElseThrow());
        assertEquals(465, work.integer(ConfigKey.PORT).getAsInt());
        assertEquals("alice", work.get(ConfigKey.USER).orElseThrow(), "inherited from gmail");
        assertEquals("alice@work.example", work.get(ConfigKey.FROM).orElseThrow(), "quotes removed");
        assertEquals(Optional.of(false), work.flag(ConfigKey.TLS_STARTTLS));
        assertEquals("mail.work.example", f.select(Optional.empty()).get(ConfigKey.HOST).orElseThrow(),
                "account default : work");
        assertEquals("smtp.gmail.com", f.select(Optional.of("gmail")).get(ConfigKey.HOST).orElseThrow());
        ConfigException e = assertThrows(ConfigException.class, () -> f.select(Optional.of("nope")));
        assertEquals(ConfigException.Reason.INVALID, e.reason());
        assertTrue(e.getMessage().contains("accounts: gmail, work, default"), e.getMessage());
    }

    @Test
    void withoutDefaultAccountTheDefaultsApply() throws ConfigException {
        ConfigFile f = ConfigFileParser.parse("rc", "host relay.example\naccount a\nhost a.example\n");
        assertEquals("relay.example", f.select(Optional.empty()).get(ConfigKey.HOST).orElseThrow());
    }

    @Test
    void heloIsAnAliasOfDomain() throws ConfigException {
        assertEquals("mail.a.test", ConfigFileParser.parse("rc", "helo mail.a.test\n").defaults()
                .get(ConfigKey.DOMAIN).orElseThrow());
    }

    @Test
    void quotedValuesWithEscapes() throws ConfigException {
        ConfigFile f = ConfigFileParser.parse("rc", "defaults\npasswordeval \"echo \\\"x y\\\" \\\\\"\n");
        assertEquals("echo \"x y\" \\", f.defaults().get(ConfigKey.PASSWORDEVAL).orElseThrow());
    }

    @Test
    void everyMsmtpKeyOfItsManualIsAccepted() throws ConfigException {
        String rc = """
                defaults
                logfile ~/.msmtp.log
                logfile_time_format %Y-%m-%d
                syslog LOG_MAIL
                auto_from off
                maildomain example.org
                protocol smtp
                ntlmdomain X
                tls_crl_file /etc/crl.pem
                tls_priorities NORMAL
                tls_min_dh_prime_bits 1024
                tls_host_override mail.example.org
                allow_from_override off
                from_full_name Zoe
                set_from_header auto
                set_date_header auto
                set_msgid_header auto
                remove_bcc_headers on
                undisclosed_recipients off
                source_ip 192.0.2.1
                proxy_host 127.0.0.1
                proxy_port 1080
                socket /run/smtp.sock
                add_missing_from_header on
                add_missing_date_header on
                eval echo host smtp.example.org
                account cron
                from %U@%H
                account any
                from *@example.org
                """;
        ConfigFile f = ConfigFileParser.parse("rc", rc);
        assertEquals(List.of("ntlmdomain", "tls_min_dh_prime_bits"),
                f.defaults().ignoredKeys(), "the keys without an effect yet");
        assertEquals("LOG_MAIL", f.defaults().get(ConfigKey.SYSLOG).orElseThrow());
        assertEquals("off", f.defaults().get(ConfigKey.ALLOW_FROM_OVERRIDE).orElseThrow());
        assertEquals("%U@%H", f.accounts().get("cron").get(ConfigKey.FROM).orElseThrow());
        assertEquals("*@example.org", f.accounts().get("any").get(ConfigKey.FROM).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth", "tls", "tls_starttls", "tls_certcheck"})
    void msmtpsOnOffKeysWithoutAnArgumentMeanOn(String key) throws ConfigException {
        // msmtp's manual writes them "auth [(on|off|method)]", "tls [(on|off)]": a bare key turns it on
        ConfigFile f = ConfigFileParser.parse("rc", "defaults\n" + key + " off\naccount a\n" + key + "\n");
        ConfigKey k = ConfigKey.valueOf(key.toUpperCase(java.util.Locale.ROOT));
        assertEquals("off", f.defaults().get(k).orElseThrow());
        assertEquals("on", f.accounts().get("a").get(k).orElseThrow(), "the account's bare key overrides");
    }

    @ParameterizedTest
    @ValueSource(strings = {"protocol esmtp", "protocol", "source_ip mail.example.org", "source_ip 300.1.1.1",
            "proxy_port 0", "proxy_port socks", "proxy_host a b"})
    void badNetworkValuesAreRefusedWithTheirLine(String line) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFileParser.parse("rc", "account a\nhost h\n" + line + "\n"));
        assertTrue(e.getMessage().startsWith("rc:3: "), e.getMessage());
    }

    @Test
    void networkKeysMapOntoTheTransportSettings() throws ConfigException {
        ConfigFile f = ConfigFileParser.parse("rc", "account a\nhost h\nprotocol LMTP\nproxy_host 127.0.0.9\n"
                + "source_ip 127.0.0.2\naccount b\nhost h\nproxy_host socks.example.org\nproxy_port 9050\n"
                + "account c\nhost h\nproxy_port 9050\nproxy_host\nsource_ip\n");
        NetworkKeys.Connection a = NetworkKeys.of(f.select(java.util.Optional.of("a")), w -> fail(w));
        assertEquals(dev.sendmail.api.MailProtocol.LMTP, a.protocol());
        assertEquals(new dev.sendmail.api.NetworkSettings.SocksProxy("127.0.0.9", 1080), a.network().proxy().orElseThrow());
        assertEquals("127.0.0.2", a.network().sourceAddress().orElseThrow().getHostAddress());
        NetworkKeys.Connection b = NetworkKeys.of(f.select(java.util.Optional.of("b")), w -> fail(w));
        assertEquals(new dev.sendmail.api.NetworkSettings.SocksProxy("socks.example.org", 9050),
                b.network().proxy().orElseThrow());
        assertEquals(dev.sendmail.api.MailProtocol.SMTP, b.protocol());
        List<String> warnings = new java.util.ArrayList<>();
        NetworkKeys.Connection c = NetworkKeys.of(f.select(java.util.Optional.of("c")), warnings::add);
        assertEquals(NetworkKeys.Connection.DEFAULT, c);
        assertEquals(List.of("proxy_port 9050 in rc line 12: no effect without proxy_host"), warnings);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            defaults\\nfrobnicate 1                  | rc:2: unknown key 'frobnicate'
            defaults\\nlogfil ~/.msmtp.log           | rc:2: unknown key 'logfil'
            port 0                                    | rc:1: port: port out of range (1-65535): 0
            set_from_header maybe                     | rc:1: set_from_header: value must be auto, on, off
            syslog LOG_KERN                           | rc:1: syslog: syslog must be on, off or one of LOG_USER, LOG_MAIL, LOG_LOCAL0 to LOG_LOCAL7
            port x25                                  | rc:1: port: port is not a number: x25
            tls maybe                                 | rc:1: tls: tls must be on, off, smtps, starttls or opportunistic
            tls_starttls yes                          | rc:1: tls_starttls: value must be on or off
            from not-an-address                       | rc:1: from: address has no domain: not-an-address
            host                                      | rc:1: host: a value is required
            host auto,smtp.example.org                | rc:1: host: 'auto,smtp.example.org' is not a host name: ',' cannot be part of one (give each host on its own)
            fallback_host a.test;b.test               | rc:1: fallback_host: 'a.test;b.test' is not a host name: ';' cannot be part of one
            passwordeval "unterminated                | rc:1: passwordeval: unterminated quoted value
            passwordeval "a" b                        | rc:1: passwordeval: text after the closing quote
            account a\\naccount a                     | rc:2: account 'a' is defined twice
            account b : missing                       | rc:1: account 'missing' is not defined (yet)
            account bad/name                          | rc:1: invalid account name 'bad/name'
            defaults now                              | rc:1: 'defaults' takes no value
            tls_fingerprint 00:11                     | rc:1: tls_fingerprint: a TLS fingerprint must be a SHA-256 digest in hex (64 digits): 00:11
            timeout 0                                 | rc:1: timeout: seconds must be between 1 and 86400: 0
            auth plain login                          | rc:1: auth: auth must be on, off or a mechanism name
            """)
    void hostileInputIsAnErrorWithTheLineNumber(String text, String message) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFileParser.parse("rc", text.replace("\\n", "\n")));
        assertEquals(ConfigException.Reason.INVALID, e.reason());
        assertEquals(message, e.getMessage());
    }

    @Test
    void controlCharactersAndOversizedInputAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFileParser.parse("rc", "host a\u0000b\n"));
        assertEquals("rc:1: control character U+0000", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigFileParser.parse("rc", "host " + "a".repeat(5000)));
        assertEquals("rc:1: line is longer than 4096 characters", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigFileParser.parse("rc", "#\n".repeat(20_001)));
        assertTrue(e.getMessage().contains("more than 20000 lines"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigFileParser.parse("rc", "x".repeat((1 << 20) + 1)));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 1000; i++) {
            many.append("account a").append(i).append('\n');
        }
        e = assertThrows(ConfigException.class, () -> ConfigFileParser.parse("rc", many.toString()));
        assertTrue(e.getMessage().contains("more than 1000 accounts"), e.getMessage());
    }

    @Test
    void crlfAndCommentsAndBlankLines() throws ConfigException {
        ConfigFile f = ConfigFileParser.parse("rc", "# c\r\n\r\n   # indented comment\r\nhost h.example\r\n");
        assertEquals("h.example", f.defaults().get(ConfigKey.HOST).orElseThrow());
    }

    @Test
    void anEnvelopeSenderSelectsTheFirstAccountWhoseFromMatchesUnlessOneIsNamed() throws ConfigException {
        ConfigFile f = ConfigFile.parse("rc", """
                defaults
                host default.test
                account shop
                from *@shop.test
                host shop.test
                account exact
                from ann@ann.test
                host ann.test
                account default
                host other.test
                """);
        assertEquals("shop", f.select(Optional.empty(), Optional.of("sales@shop.test")).name());
        assertEquals("exact", f.select(Optional.empty(), Optional.of(" ann@ann.test ")).name());
        assertEquals("default", f.select(Optional.empty(), Optional.of("bob@b.test")).name(), "no match");
        assertEquals("default", f.select(Optional.empty(), Optional.empty()).name());
        assertEquals("exact", f.select(Optional.of("exact"), Optional.of("sales@shop.test")).name(),
                "a named account wins");
        assertThrows(ConfigException.class, () -> f.select(Optional.of("nope"), Optional.of("sales@shop.test")));
    }

    @Test
    void aValueFromTheCommandLineIsValidatedAndReplacesOrUnsetsTheAccountsOwn() throws ConfigException {
        Account a = ConfigFile.parse("rc", "account default\nhost file.test\ntls off\nport 25\n")
                .select(Optional.empty());
        Account b = a.with(ConfigKey.TLS, " STARTTLS ", "--tls=STARTTLS").with(ConfigKey.PORT, "", "--port=");
        assertEquals(Optional.of("starttls"), b.get(ConfigKey.TLS), "validated and normalized");
        assertEquals("--tls=STARTTLS", b.setting(ConfigKey.TLS));
        assertEquals(Optional.empty(), b.get(ConfigKey.PORT), "a blank value unsets the key");
        assertEquals(Optional.empty(), b.origin(ConfigKey.PORT));
        assertEquals("host file.test in rc line 2", b.setting(ConfigKey.HOST), "the rest is the file's");
        assertEquals("default", b.name());
        assertEquals(Optional.of("off"), a.get(ConfigKey.TLS), "the account itself is not changed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.with(ConfigKey.PORT, "99999", "--port=99999"));
        assertTrue(e.getMessage().contains("port"), e.getMessage());
    }
}
