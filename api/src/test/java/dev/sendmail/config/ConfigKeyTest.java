package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {

    @Test
    void msmtpOptionsAreItsKeysWithDashes() {
        assertEquals(Optional.of(ConfigKey.TLS_STARTTLS), ConfigKey.ofMsmtpOption("tls-starttls"));
        assertEquals(Optional.of(ConfigKey.HOST), ConfigKey.ofMsmtpOption("host"));
        assertEquals(Optional.of(ConfigKey.LOGFILE_TIME_FORMAT), ConfigKey.ofMsmtpOption("logfile-time-format"));
        assertEquals(Optional.of(ConfigKey.NTLMDOMAIN), ConfigKey.ofMsmtpOption("ntlmdomain"));
        assertEquals(Optional.empty(), ConfigKey.ofMsmtpOption("tls_starttls"), "the option has dashes");
        assertEquals(Optional.empty(), ConfigKey.ofMsmtpOption("helo"), "helo is send-mail's name, not msmtp's");
    }

    @Test
    void noOptionForThePasswordEvalOrSendMailsOwnKeys() {
        assertEquals(Optional.empty(), ConfigKey.ofMsmtpOption("password"));
        assertEquals(Optional.empty(), ConfigKey.ofMsmtpOption("eval"));
        for (String own : new String[] {"fallback-host", "transport", "resolver", "dns", "mx-port", "dnssec-anchor",
                "queue-dir", "rate-limit", "queue-bounce", "dkim-key", "dkim-selector", "dkim-domain", "dkim-canon",
                "oauth2-provider", "oauth2-client-id", "oauth2-scope", "oauth2-refresh-token-file"}) {
            assertEquals(Optional.empty(), ConfigKey.ofMsmtpOption(own), own);
        }
    }

    @Test
    void onOffKeysMayBeLeftOutAndMeanOnTheSetHeaderKeysAuto() throws Exception {
        for (ConfigKey k : new ConfigKey[] {ConfigKey.TLS, ConfigKey.TLS_STARTTLS, ConfigKey.AUTH, ConfigKey.SYSLOG,
                ConfigKey.AUTO_FROM, ConfigKey.REMOVE_BCC_HEADERS}) {
            assertEquals(Optional.of("on"), k.valueWhenLeftOut(), k.key());
            assertEquals("on", k.validate(""), k.key());
        }
        assertEquals(Optional.of("auto"), ConfigKey.SET_DATE_HEADER.valueWhenLeftOut());
        assertEquals("auto", ConfigKey.SET_DATE_HEADER.validate(" "));
        for (ConfigKey k : new ConfigKey[] {ConfigKey.HOST, ConfigKey.PORT, ConfigKey.LOGFILE, ConfigKey.USER,
                ConfigKey.QUEUE_BOUNCE}) {
            assertEquals(Optional.empty(), k.valueWhenLeftOut(), k.key());
        }
    }
}
