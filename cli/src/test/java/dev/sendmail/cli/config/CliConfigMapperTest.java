package dev.sendmail.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Dsn;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.TlsMode;
import dev.sendmail.cli.CliRun;
import dev.sendmail.cli.options.CliOptions;
import dev.sendmail.cli.options.SendmailFlags;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.Account;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.ConfigFile;
import dev.sendmail.config.PasswordSource;
import dev.sendmail.config.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigMapperTest {

    @TempDir
    Path home;

    private CliConfig map(String config, String... args) throws Exception {
        return map(CliRun.env(home), config, args);
    }

    private CliConfig map(Environment env, String config, String... args) throws Exception {
        SendmailFlags flags = SendmailFlags.normalize(args, CliOptions.build());
        CommandLine cl = DefaultParser.builder().setAllowPartialMatching(false).get()
                .parse(CliOptions.build(), flags.args().toArray(String[]::new));
        Account account;
        try {
            account = ConfigFile.parse("rc", config).select(Optional.ofNullable(cl.getOptionValue("account")));
        } catch (ConfigException e) {
            throw CliException.of(e);
        }
        return CliConfigMapper.map(cl, flags.ignored(), account, env);
    }

    private TlsMode tls(String config, String... args) throws Exception {
        return map(config, args).server().security().tlsMode();
    }

    @Test
    void tlsOnOnTheCommandLineMeansWhatItMeansInTheFile() throws Exception {
        CliConfig on = map("", "--server", "smtp.a.test:587", "--tls", "on", "b@b.test");
        assertEquals(TlsMode.STARTTLS, on.server().security().tlsMode());
        assertFalse(on.server().security().tlsModeChosen(), "on names no mode: SRV hosts keep theirs");
        assertEquals(TlsMode.SMTPS, map("host h.test\ntls_starttls off\n", "--tls", "ON", "b@b.test")
                .server().security().tlsMode());
        assertEquals(TlsMode.STARTTLS, tls("host h.test\ntls off\n", "--tls", "on", "b@b.test"),
                "the command line overrides the file");
        assertTrue(map("", "--server", "smtp.a.test", "--tls", "starttls", "b@b.test").server().security()
                .tlsModeChosen());
    }

    @Test
    void aServerPortAndADifferentPortOptionAreAUsageError() throws Exception {
        CliException e = assertThrows(CliException.class,
                () -> map("", "--server", "smtp.a.test:2525", "--port", "25", "b@b.test"));
        assertEquals(64, e.exitCode());
        assertEquals("--server smtp.a.test:2525 names port 2525 and --port 25 another; give one", e.getMessage());
        assertEquals(2525, map("", "--server", "smtp.a.test:2525", "--port", "2525", "b@b.test").server().routing()
                .smartHost().orElseThrow().port().getAsInt(), "the same port twice is no contradiction");
        assertEquals(587, map("", "--server", "smtp.a.test", "--port", "587", "b@b.test").server().routing()
                .smartHost().orElseThrow().port().getAsInt());
    }

    @Test
    void anUnknownTlsModeListsEveryModeIncludingOn() {
        CliException e = assertThrows(CliException.class,
                () -> map("", "--server", "smtp.a.test", "--tls", "bogus", "b@b.test"));
        assertEquals(64, e.exitCode());
        assertEquals("--tls=bogus: tls must be on, off, smtps, starttls or opportunistic", e.getMessage());
    }

    @Test
    void optionsThatAreConfigurationKeysGoOverTheAccountsAndAreNamedWhereTheyAreReported() throws Exception {
        String rc = "account default\nhost h.test\ntls off\nqueue_dir /q/file\nqueue_bounce off\ntimeout 9\n";
        assertEquals(List.of("warning: tls off in rc line 3: this mail (and any password) travels in clear text"),
                map(rc, "b@b.test").warnings());
        CliConfig c = map(rc, "--tls", "off", "--queue-dir", "/q/cli", "--queue-bounce", "--timeout", "off", "b@b.test");
        assertEquals(List.of("warning: --tls=off: this mail (and any password) travels in clear text"), c.warnings());
        assertEquals(Optional.of(Path.of("/q/cli")), c.message().queueDir());
        assertTrue(c.message().queueBounce());
        assertEquals(Optional.empty(), c.server().routing().timeout(), "--timeout off is the file's timeout off");
        assertFalse(map("", "--queue-no-bounce", "b@b.test").message().queueBounce());
        assertEquals(64, assertThrows(CliException.class, () -> map("", "--queue-bounce", "--queue-no-bounce",
                "b@b.test")).exitCode());
        CliException e = assertThrows(CliException.class, () -> map(rc, "--rate", "fast", "b@b.test"));
        assertEquals(64, e.exitCode());
        assertEquals("--rate=fast: rate 'fast' is not N/s, N/min or N/h", e.getMessage());
        e = assertThrows(CliException.class, () -> map(rc, "--helo", "a\u00e9.test", "b@b.test"));
        assertEquals("--helo=a\u00e9.test: domain must be printable ASCII without spaces", e.getMessage());
        for (String o : List.of("--tls", "--timeout", "--tls-fingerprint", "--helo", "--dkim-key", "--dkim-selector",
                "--dkim-domain", "--dkim-canon")) {
            e = assertThrows(CliException.class, () -> map(rc, o, " ", "b@b.test"), "a blank value unsets no key");
            assertEquals(64, e.exitCode());
            assertEquals(o + "= : a value is required", e.getMessage());
        }
    }

    @Test
    void quietAndVerboseTogetherAreAUsageError() {
        CliException e = assertThrows(CliException.class,
                () -> map("", "--server", "smtp.a.test", "--quiet", "--verbose", "b@b.test"));
        assertEquals(64, e.exitCode());
        assertTrue(e.getMessage().contains("--quiet or --verbose"), e.getMessage());
    }

    @Test
    void optionsThatExcludeEachOtherAreAUsageErrorNamingThem() throws Exception {
        Path pw = Files.writeString(home.resolve("pw"), "p\n");
        Map<String, List<String>> lines = Map.of(
                "give --queue-bounce or --queue-no-bounce, not both", List.of("--queue-bounce", "--queue-no-bounce"),
                "give -f or --read-envelope-from, not both", List.of("-f", "a@a.test", "--read-envelope-from"),
                "give --body or --body-file, not both", List.of("--body", "b", "--body-file", pw.toString()),
                "give only one of --password-file, --password-env and --password-cmd",
                List.of("--user", "u", "--password-env", "X", "--password-cmd", "echo p"));
        for (Map.Entry<String, List<String>> e : lines.entrySet()) {
            List<String> args = new java.util.ArrayList<>(e.getValue());
            args.add("b@b.test");
            CliException x = assertThrows(CliException.class, () -> map("", args.toArray(String[]::new)));
            assertEquals(64, x.exitCode(), e.getKey());
            assertEquals(e.getKey(), x.getMessage());
        }
    }

    /**
     * Each option of the table alone is refused with its line; with each option it needs, it is not; with a command
     * that wins over those, an option of a command is moot and a compose option is still refused.
     */
    @Test
    void openBrowserAloneIsRefusedNotIgnored() {
        CliException x = assertThrows(CliException.class, () -> map("", "--open-browser", "b@b.test"));
        assertEquals(64, x.exitCode());
        assertEquals("--open-browser needs --oauth2-login", x.getMessage());
    }

    @Test
    void everyOptionThatNeedsAnotherIsRefusedWithoutItAndTakenWithIt() throws Exception {
        Path pw = Files.writeString(home.resolve("pw"), "p\n");
        org.apache.commons.cli.Options options = CliOptions.build();
        for (CliConfigMapper.Needs n : CliConfigMapper.NEEDS) {
            List<String> given = new java.util.ArrayList<>(List.of("--" + n.option()));
            if (options.getOption(n.option()).hasArg()) {
                given.add(n.option().equals("header") ? "X-A: b" : "4");
            }
            CliException x = assertThrows(CliException.class, () -> map("", concat(given, List.of("b@b.test"))));
            assertEquals(64, x.exitCode(), n.line());
            assertEquals(n.line(), x.getMessage());
            // --list-providers wins over every other command: an option of one of those is moot with it
            String[] listing = concat(given, List.of("--list-providers", "b@b.test"));
            if (n.oneOf().stream().allMatch(CliOptions.MODES::contains)) {
                map("", listing);
            } else {
                assertEquals(n.line(), assertThrows(CliException.class, () -> map("", listing)).getMessage());
            }
            for (String needed : n.oneOf()) {
                List<String> with = new java.util.ArrayList<>(given);
                with.add("--" + needed);
                if (options.getOption(needed).hasArg()) {
                    with.add(needed.equals("body-file") || needed.equals("html") || needed.equals("attach")
                            ? pw.toString() : "b.test");
                }
                with.addAll(List.of("--queue-dir", home.resolve("q").toString(), "b@b.test"));
                try {
                    map("", with.toArray(String[]::new));
                } catch (CliException e) {
                    assertFalse(e.getMessage().equals(n.line()), with + ": " + e.getMessage());
                }
            }
        }
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }

    @Test
    void tlsDefaults() throws Exception {
        assertEquals(TlsMode.OPPORTUNISTIC, tls("", "b@b.test"), "MX delivery");
        assertEquals(TlsMode.STARTTLS, tls("", "--server", "smtp.a.test", "b@b.test"));
        assertEquals(TlsMode.STARTTLS, tls("", "--server", "smtp.a.test:587", "b@b.test"));
        assertEquals(TlsMode.SMTPS, tls("", "--server", "smtp.a.test:465", "b@b.test"));
        assertEquals(TlsMode.SMTPS, tls("", "--server", "smtp.a.test", "--port", "465", "b@b.test"));
        assertEquals(TlsMode.OFF, tls("", "--server", "smtp.a.test", "--tls", "off", "b@b.test"));
        assertEquals(TlsMode.SMTPS, tls("host h.test\ntls on\ntls_starttls off\n", "b@b.test"));
        assertEquals(TlsMode.STARTTLS, tls("host h.test\nport 465\ntls on\n", "b@b.test"),
                "msmtp: tls on means STARTTLS unless tls_starttls off");
        assertEquals(TlsMode.SMTPS, tls("host h.test\nport 465\n", "b@b.test"));
    }

    @Test
    void commandLineOverridesTheFile() throws Exception {
        String rc = "account default\nhost file.test\nport 2525\nfrom f@file.test\ndomain file-helo.test\ntimeout 9\n";
        CliConfig fromFile = map(rc, "b@b.test");
        assertEquals(Optional.of(MailHost.of("file.test", 2525)), fromFile.server().routing().smartHost());
        assertEquals("f@file.test", fromFile.envelope().sender().address().orElseThrow().address());
        assertEquals(Optional.of("file-helo.test"), fromFile.server().routing().heloName());
        assertEquals(Optional.of(Duration.ofSeconds(9)), fromFile.server().routing().timeout());
        CliConfig cli = map(rc, "--server", "cli.test:26", "-f", "c@cli.test", "--helo", "cli-helo.test",
                "--timeout", "3", "b@b.test");
        assertEquals(Optional.of(MailHost.of("cli.test", 26)), cli.server().routing().smartHost());
        assertEquals("c@cli.test", cli.envelope().sender().address().orElseThrow().address());
        assertEquals(Optional.of("cli-helo.test"), cli.server().routing().heloName());
        assertEquals(Optional.of(Duration.ofSeconds(3)), cli.server().routing().timeout());
    }

    @Test
    void routingOptions() throws Exception {
        CliConfig c = map("", "--dns", "127.0.0.1:5353", "--dns", "[::1]:53", "--mx-port", "2525", "--route",
                "B.Test=mx.b.test:26", "--set", "dir=/tmp/x", "--set", "a=b=c", "--deadline", "60", "--transport",
                "socket", "--resolver", "static", "b@b.test");
        assertTrue(c.server().routing().smartHost().isEmpty());
        assertEquals(List.of("127.0.0.1:5353", "[::1]:53"), c.server().routing().dnsServers());
        assertEquals(2525, c.server().routing().mxPort().getAsInt());
        assertEquals(Map.of("b.test", MailHost.of("mx.b.test", 26)), c.server().routing().routes());
        assertEquals(Map.of("dir", "/tmp/x", "a", "b=c"), c.server().routing().properties());
        assertEquals(Duration.ofSeconds(60), c.server().routing().deadline());
        assertEquals(Optional.of("socket"), c.server().routing().transport());
        assertEquals(Optional.of("static"), c.server().routing().resolver());
        assertEquals(64, assertThrows(CliException.class, () -> map("", "--route", "nohost", "b@b.test")).exitCode());
        assertEquals(64, assertThrows(CliException.class, () -> map("", "--port", "25", "b@b.test")).exitCode());
        assertEquals(64, assertThrows(CliException.class, () -> map("", "--mx-port", "70000", "b@b.test")).exitCode());
        assertEquals(64, assertThrows(CliException.class, () -> map("", "--set", "=x", "b@b.test")).exitCode());
        assertEquals(64, assertThrows(CliException.class, () -> map("", "--timeout", "-1", "b@b.test")).exitCode());
    }

    @Test
    void dsnAndEnvelope() throws Exception {
        CliConfig c = map("", "-N", "failure,delay", "-R", "hdrs", "-V", "env-1", "-f", "<>", "-F", "Al",
                "-t", "-i", "--to", "x@x.test, Y <y@y.test>", "b@b.test");
        Dsn dsn = c.envelope().options().dsn();
        assertEquals(Set.of(Dsn.Notify.FAILURE, Dsn.Notify.DELAY), dsn.notifyOn());
        assertEquals(Optional.of(Dsn.Ret.HDRS), dsn.ret());
        assertEquals(Optional.of("env-1"), dsn.envelopeId());
        assertTrue(c.envelope().sender().isNull());
        assertTrue(c.envelope().readRecipients());
        assertTrue(c.envelope().ignoreDots());
        assertEquals(List.of("b@b.test", "x@x.test", "y@y.test"),
                c.envelope().to().mailboxes().stream().map(Object::toString).toList());
        assertEquals(64, assertThrows(CliException.class, () -> map("", "-N", "sometimes", "b@b.test")).exitCode());
        assertEquals(65, assertThrows(CliException.class, () -> map("", "b@b.test\r\nRCPT TO:<x@x>")).exitCode());
    }

    @Test
    void aKeyOptionGivenTwiceTakesItsFirstValueUnlessItIsAList() throws Exception {
        CliConfig c = map("", "--helo", "a.test", "--helo", "b.test", "-F", "Al, Jr.", "-F", "Bo", "--queue-dir",
                "/q/1", "--queue-dir", "/q/2", "--dns", "192.0.2.1", "--dns", "192.0.2.2", "b@b.test");
        assertEquals(Optional.of("a.test"), c.server().routing().heloName());
        assertEquals(Optional.of("Al, Jr."), c.message().fullName());
        assertEquals(Optional.of(Path.of("/q/1")), c.message().queueDir());
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), c.server().routing().dnsServers(), "--dns repeats");
    }

    @Test
    void fullNameGoesOverTheAccountsAndABlankOneLeavesNone() throws Exception {
        String rc = "account default\nfrom_full_name Jane Doe\n";
        assertEquals(Optional.of("Jane Doe"), map(rc, "b@b.test").message().fullName());
        assertEquals(Optional.of("Al"), map(rc, "-F", "Al", "b@b.test").message().fullName());
        assertEquals(Optional.empty(), map(rc, "-F", "", "b@b.test").message().fullName(), "sendmail's -F ''");
    }

    @Test
    void aBadDsnValueIsAUsageErrorNamingItsOption() {
        for (String[] bad : List.of(new String[] {"-N", "sometimes", "-N/--dsn-notify: unknown DSN NOTIFY value"},
                new String[] {"--dsn-notify", "never,success", "-N/--dsn-notify: DSN NOTIFY=never"},
                new String[] {"-R", "body", "-R/--dsn-return: unknown DSN RET value"},
                new String[] {"-V", "has space", "-V/--envid: DSN envelope id"})) {
            CliException e = assertThrows(CliException.class, () -> map("", bad[0], bad[1], "b@b.test"), bad[0]);
            assertEquals(64, e.exitCode(), e.getMessage());
            assertTrue(e.getMessage().startsWith(bad[2]), e.getMessage());
        }
    }

    @Test
    void passwordsComeOnlyFromFilesEnvironmentOrCommands() throws Exception {
        Path pw = home.resolve("pw");
        Files.writeString(pw, "s3cret\nignored second line\n");
        CliConfig c = map("", "--server", "h.test", "--user", "u", "--password-file", pw.toString(), "b@b.test");
        assertInstanceOf(PasswordSource.FromFile.class, c.server().auth().password().orElseThrow());
        assertEquals("s3cret", c.server().auth().password().get().read(CliRun.env(home).user()).revealString());

        Map<String, String> vars = new HashMap<>(CliRun.env(home).user().variables());
        vars.put("SMTP_PW", "from-env");
        Environment env = CliRun.withVariables(CliRun.env(home), vars);
        c = map(env, "", "--server", "h.test", "--user", "u", "--password-env", "SMTP_PW", "b@b.test");
        assertEquals("from-env", c.server().auth().password().orElseThrow().read(env.user()).revealString());

        c = map("account default\nhost h.test\nuser u\npasswordeval printf 'cmd-pw\\nx'\n", "b@b.test");
        assertEquals("cmd-pw", c.server().auth().password().orElseThrow().read(CliRun.env(home).user()).revealString());

        CliConfig failing = map("", "--server", "h.test", "--user", "u", "--password-cmd", "exit 3", "b@b.test");
        ConfigException ce = assertThrows(ConfigException.class,
                () -> failing.server().auth().password().orElseThrow().read(CliRun.env(home).user()));
        assertEquals("password command failed with exit status 3", ce.getMessage());

        CliConfig missing = map("", "--server", "h.test", "--user", "u", "--password-file",
                home.resolve("nope").toString(), "b@b.test");
        ce = assertThrows(ConfigException.class, () -> missing.server().auth().password().orElseThrow()
                .read(CliRun.env(home).user()));
        assertEquals(78, CliException.of(ce).exitCode());
        assertEquals("password file " + home.resolve("nope") + " does not exist", ce.getMessage());
        assertEquals(78, assertThrows(CliException.class,
                () -> map("", "--server", "h.test", "--user", "u", "b@b.test")).exitCode(), "user without password");
        assertEquals(64, assertThrows(CliException.class,
                () -> map("", "--password-env", "X", "b@b.test")).exitCode(), "password without user");
        assertEquals(64, assertThrows(CliException.class, () -> map("", "--user", "u", "--password-env", "X",
                "--password-file", pw.toString(), "b@b.test")).exitCode(), "two sources");
        CliConfig off = map("account default\nuser u\npassword p\nauth off\n", "b@b.test");
        assertTrue(off.server().auth().user().isEmpty(), "auth off");
        assertFalse(off.server().auth().password().isPresent());
    }

    @Test
    void trustSettings() throws Exception {
        Path ca = home.resolve("ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n");
        String pin = "AB".repeat(32);
        CliConfig c = map("", "--cafile", ca.toString(), "--tls-fingerprint", pin, "--tls-insecure", "b@b.test");
        assertEquals(Optional.of(ca), c.server().security().trust().caFile());
        assertEquals(List.of("ab".repeat(32)), c.server().security().trust().pins());
        assertTrue(c.server().security().trust().insecure());
        assertEquals(1, c.warnings().size());
        assertEquals(66, assertThrows(CliException.class,
                () -> map("", "--cafile", home.resolve("none").toString(), "b@b.test")).exitCode());
        assertEquals(64, assertThrows(CliException.class, () -> map("", "--tls-key", ca.toString(), "b@b.test"))
                .exitCode());
        assertTrue(map("tls_certcheck off\n", "b@b.test").server().security().trust().insecure());
    }

    @Test
    void dkimRecordTakesWhereToPublishFromTheOptionsOverTheAccountAndSignsNothing() throws Exception {
        String key = home.resolve("key.pem").toString();
        CliConfig account = map("dkim_selector s1\ndkim_domain a.test\n", "--dkim-record", key);
        assertFalse(account.dkim().enabled());
        assertEquals(List.of("s1"), account.dkim().selectors());
        assertEquals(Optional.of("a.test"), account.dkim().domain());
        CliConfig given = map("dkim_selector s1\ndkim_domain a.test\n", "--dkim-record", key, "--dkim-selector", "s2",
                "--dkim-domain", "b.test");
        assertEquals(List.of("s2"), given.dkim().selectors());
        assertEquals(Optional.of("b.test"), given.dkim().domain());
    }

    @Test
    void everyFileOptionRefusesAMissingFileOrADirectoryWith66() {
        for (String o : List.of("--cafile", "--tls-cert", "--tls-key", "--dnssec-anchor", "--body-file", "--html")) {
            CliException missing = assertThrows(CliException.class,
                    () -> map("", o, home.resolve("none").toString(), "b@b.test"));
            assertEquals(66, missing.exitCode(), o);
            assertEquals(o + ": cannot read " + home.resolve("none") + ": no such file", missing.getMessage());
            CliException directory = assertThrows(CliException.class, () -> map("", o, home.toString(), "b@b.test"));
            assertEquals(66, directory.exitCode(), o);
            assertEquals(o + ": cannot read " + home, directory.getMessage());
        }
    }

    @Test
    void msmtpsTlsKeysSetTheNameTheRevocationListsAndTheVersions() throws Exception {
        Path crl = home.resolve("ca.crl");
        Files.writeString(crl, "-----BEGIN X509 CRL-----\n-----END X509 CRL-----\n");
        CliConfig c = map("host 192.0.2.25\ntls on\ntls_host_override mail.example.org\ntls_crl_file ~/ca.crl\n"
                + "tls_priorities NORMAL:-VERS-TLS1.2\n", "b@b.test");
        assertEquals(Optional.of("mail.example.org"), c.server().security().trust().hostOverride());
        assertEquals(Optional.of(crl), c.server().security().trust().crlFile());
        assertEquals(List.of("TLSv1.3"), c.server().security().trust().protocols());
        assertEquals(List.of(), c.warnings(), "NORMAL and a version map without a warning");
        CliConfig plain = map("host 192.0.2.25\n", "b@b.test");
        assertEquals(Optional.empty(), plain.server().security().trust().hostOverride());
        assertEquals(Optional.empty(), plain.server().security().trust().crlFile());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), plain.server().security().trust().protocols());
    }

    @Test
    void dnssecAnchorsFromTheCommandLineOrTheConfigurationGoToTheResolver() throws Exception {
        Path ds = home.resolve("anchor.txt");
        Files.writeString(ds, "dane.test. IN DS 1 13 2 " + "AB".repeat(32) + "\n");
        assertEquals(ds.toString(), map("", "--dnssec-anchor", ds.toString(), "b@b.test").server().routing()
                .properties().get("dnssec-anchor"));
        assertEquals(ds.toString(), map("dnssec_anchor " + ds + "\n", "b@b.test").server().routing().properties()
                .get("dnssec-anchor"));
        assertEquals(66, assertThrows(CliException.class,
                () -> map("", "--dnssec-anchor", home.resolve("none").toString(), "b@b.test")).exitCode());
        assertEquals(78, assertThrows(CliException.class,
                () -> map("dnssec_anchor " + home.resolve("none") + "\n", "b@b.test")).exitCode());
    }

    @Test
    void aFingerprintWithTheSha256PrefixAndColonsIsAccepted() throws Exception {
        String colons = String.join(":", java.util.Collections.nCopies(32, "AB"));
        assertEquals(List.of("ab".repeat(32)), map("", "--tls-fingerprint", "sha256:" + colons, "b@b.test")
                .server().security().trust().pins());
        assertEquals(List.of("ab".repeat(32)), map("tls_fingerprint sha256:" + colons + "\n", "b@b.test")
                .server().security().trust().pins());
    }

    @Test
    void severalSmartHostsInOrderFromTheCommandLineOrTheConfiguration() throws Exception {
        ServerSettings.Routing r = map("", "--server", "a.test", "--server", "b.test:2525", "--server", "c.test",
                "--port", "587", "b@b.test").server().routing();
        assertEquals(List.of(MailHost.of("a.test", 587), MailHost.of("b.test", 2525), MailHost.of("c.test", 587)),
                r.smartHosts(), "--port applies to every host without its own");
        assertEquals(List.of(MailHost.of("b.test", 2525), MailHost.of("c.test", 587)), r.fallbackHosts());
        String rc = "host a.test\nfallback_host b.test:2525\nfallback_host c.test\n"
                + "account other\nfallback_host d.test\n";
        assertEquals(List.of(MailHost.of("a.test"), MailHost.of("b.test", 2525), MailHost.of("c.test")),
                map(rc, "b@b.test").server().routing().smartHosts(), "fallback_host lines add up, in order");
        assertEquals(List.of(MailHost.of("a.test"), MailHost.of("d.test")),
                map(rc, "--account", "other", "b@b.test").server().routing().smartHosts(),
                "an account's own fallback_host lines replace the inherited ones");
        assertEquals(List.of(MailHost.of("x.test")),
                map(rc, "--server", "x.test", "b@b.test").server().routing().smartHosts(),
                "--server replaces the configured host and its fallbacks");
        assertEquals(TlsMode.STARTTLS, tls(rc, "b@b.test"));
    }

    @Test
    void fallbackHostsWithAutoOrWithoutAHostAreRefused() {
        CliException e = assertThrows(CliException.class,
                () -> map("", "--server", "auto", "--server", "b.test", "b@b.test"));
        assertEquals(64, e.exitCode(), e.getMessage());
        e = assertThrows(CliException.class, () -> map("fallback_host b.test\n", "b@b.test"));
        assertEquals(78, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("fallback_host"), e.getMessage());
        e = assertThrows(CliException.class, () -> map("host a.test\nfallback_host b.test:99999\n", "b@b.test"));
        assertTrue(e.getMessage().contains("fallback_host"), e.getMessage());
        e = assertThrows(CliException.class, () -> map("", "--server", "a.test", "--server", "b\r\nRSET", "b@b.test"));
        assertEquals(64, e.exitCode(), e.getMessage());
    }
}
