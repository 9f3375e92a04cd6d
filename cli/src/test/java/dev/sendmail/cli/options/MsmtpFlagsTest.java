package dev.sendmail.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.ConfigKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MsmtpFlagsTest {

    private static MsmtpFlags translate(String... args) throws CliException {
        return MsmtpFlags.translate(List.of(args), CliOptions.build());
    }

    private static Map.Entry<ConfigKey, String> key(String k, String v) {
        return Map.entry(ConfigKey.of(k).orElseThrow(), v);
    }

    @Test
    void requestedOnlyAsTheFirstArgument() {
        assertTrue(MsmtpFlags.requested(new String[] {"--msmtp", "a@b.test"}));
        assertFalse(MsmtpFlags.requested(new String[] {"a@b.test", "--msmtp"}));
        assertFalse(MsmtpFlags.requested(new String[0]));
    }

    @Test
    void modeOptionsBecomeSendMailOptions() throws Exception {
        assertEquals(List.of("--probe"), translate("--serverinfo").args());
        assertEquals(List.of("--probe"), translate("-S").args());
        assertEquals(List.of("--plan"), translate("-P").args());
        assertEquals(List.of("--plan"), translate("--pretend").args());
        assertEquals(List.of("--verbose", "--trace"), translate("-d").args());
        assertEquals(List.of("--verbose", "--trace"), translate("-v").args());
        assertEquals(List.of("--verbose", "--trace"), translate("--debug").args());
        assertEquals(List.of("--etrn", "@example.org"), translate("--rmqs=@example.org").args());
        assertEquals(List.of("--config", "/etc/rc", "--account", "work"), translate("--file=/etc/rc", "--account",
                "work").args());
        assertEquals(List.of("-C", "/etc/rc", "-a", "work"), translate("-C", "/etc/rc", "-a", "work").args());
        assertEquals(List.of("-f", "me@a.test", "-t"), translate("--from=me@a.test", "--read-recipients").args());
        assertEquals(List.of("--read-envelope-from"), translate("--read-envelope-from").args());
        assertEquals(List.of("--version"), translate("--version").args());
    }

    @Test
    void settingsBecomeConfigurationKeysInOrder() throws Exception {
        MsmtpFlags f = translate("--host=smtp.a.test", "--port", "587", "--tls=on", "--tls-starttls=off",
                "--auth=plain", "--user=alice", "--passwordeval=pass show mail", "--logfile=~/msmtp.log",
                "--syslog", "--set-from-header=on", "--undisclosed-recipients", "--domain=client.a.test",
                "-X", "/tmp/log", "-N", "failure,delay", "-Rhdrs", "--from-full-name=Jane Doe", "b@b.test");
        assertEquals(List.of("b@b.test"), f.args());
        assertEquals(List.of(key("host", "smtp.a.test"), key("port", "587"), key("tls", "on"),
                key("tls_starttls", "off"), key("auth", "plain"), key("user", "alice"),
                key("passwordeval", "pass show mail"), key("logfile", "~/msmtp.log"), key("syslog", "on"),
                key("set_from_header", "on"), key("undisclosed_recipients", "on"), key("domain", "client.a.test"),
                key("logfile", "/tmp/log"), key("dsn_notify", "failure,delay"), key("dsn_return", "hdrs"),
                key("from_full_name", "Jane Doe")),
                f.keys());
    }

    @Test
    void everyMsmtpKeyButThePasswordHasAnOption() throws Exception {
        MsmtpFlags f = translate("--auto-from", "--tls-min-dh-prime-bits", "2048", "--ntlmdomain=W",
                "--add-missing-date-header=off", "--password=secret", "--transport=file", "--dns", "192.0.2.1");
        assertEquals(List.of(key("auto_from", "on"), key("tls_min_dh_prime_bits", "2048"), key("ntlmdomain", "W"),
                key("add_missing_date_header", "off")), f.keys());
        assertEquals(List.of("--password=secret", "--transport=file", "--dns", "192.0.2.1"), f.args(),
                "no password from the command line; send-mail's own keys stay its own options");
    }

    @Test
    void anOptionAloneMeansWhatItsKeyAloneMeans() throws Exception {
        assertEquals(List.of(key("tls", "on"), key("set_date_header", "auto"), key("set_msgid_header", "auto"),
                key("set_from_header", "auto")), translate("--tls", "--set-date-header", "--set-msgid-header",
                "--set-from-header").keys());
    }

    @Test
    void anEmptyValueUnsetsTheKey() throws Exception {
        assertEquals(List.of(key("user", "")), translate("--user=").keys());
    }

    @Test
    void sendmailFlagsSendMailOptionsAndRecipientsPassUnchanged() throws Exception {
        MsmtpFlags f = translate("-oi", "-t", "-i", "-F", "Alice", "-r", "-S", "--subject", "-P", "--json",
                "--", "-d", "b@b.test");
        assertEquals(List.of("-oi", "-t", "-i", "-F", "Alice", "-r", "-S", "--subject", "-P", "--json", "--", "-d",
                "b@b.test"), f.args(), "values of options and everything after -- are not rewritten");
        assertTrue(f.keys().isEmpty());
    }

    @Test
    void aMissingValueOrAnUnsupportedModeIsAUsageError() {
        assertEquals(64, assertThrows(CliException.class, () -> translate("--host")).exitCode());
        assertEquals(64, assertThrows(CliException.class, () -> translate("-X")).exitCode());
        assertEquals(64, assertThrows(CliException.class, () -> translate("--serverinfo=yes")).exitCode());
        CliException e = assertThrows(CliException.class, () -> translate("--configure=a@b.test"));
        assertEquals(64, e.exitCode());
        assertTrue(e.getMessage().contains("--configure"), e.getMessage());
    }
}
