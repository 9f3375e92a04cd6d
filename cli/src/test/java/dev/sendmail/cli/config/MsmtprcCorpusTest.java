package dev.sendmail.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.TlsMode;
import dev.sendmail.cli.CliRun;
import dev.sendmail.cli.options.CliOptions;
import dev.sendmail.cli.options.SendmailFlags;
import dev.sendmail.config.Account;
import dev.sendmail.config.ConfigFile;
import dev.sendmail.config.MessagePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * msmtprc files as users write them (test resources {@code msmtprc/}: Gmail with an OAuth2 helper in
 * passwordeval, Fastmail over implicit TLS, Office 365, a cron box's local relay, several accounts with defaults,
 * inheritance and from patterns), each parsed and mapped onto send-mail's settings as msmtp would use them.
 */
class MsmtprcCorpusTest {

    @TempDir
    Path home;

    private ConfigFile load(String name) throws Exception {
        String text = new String(getClass().getResourceAsStream("/msmtprc/" + name).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        // the system CA bundle these files name may be missing on a build machine: a stand-in file is used
        Path ca = Files.writeString(home.resolve("ca.pem"), "");
        // and so may /etc/aliases: a stand-in maps cron's root
        Path aliases = Files.writeString(home.resolve("aliases"), "root: admin@example.org\n");
        return ConfigFile.parse(name, text.replace("/etc/ssl/certs/ca-certificates.crt", ca.toString())
                .replace("/etc/aliases", aliases.toString()));
    }

    private CliConfig map(ConfigFile file, Optional<String> account, String... args) throws Exception {
        SendmailFlags flags = SendmailFlags.normalize(args, CliOptions.build());
        CommandLine cl = DefaultParser.builder().setAllowPartialMatching(false).get()
                .parse(CliOptions.build(), flags.args().toArray(String[]::new));
        Account a = file.select(account, Optional.ofNullable(cl.getOptionValue("from")));
        return CliConfigMapper.map(cl, flags.ignored(), a, CliRun.env(home));
    }

    @Test
    void gmailWithAnOAuth2Helper() throws Exception {
        CliConfig c = map(load("gmail-oauth2"), Optional.empty(), "b@b.test");
        assertEquals(Optional.of(MailHost.of("smtp.gmail.com", 587)), c.server().routing().smartHost());
        assertEquals(TlsMode.STARTTLS, c.server().security().tlsMode());
        assertEquals(Optional.of("jane.doe@gmail.com"), c.server().auth().user());
        assertEquals(List.of("OAUTHBEARER"), c.server().auth().mechanisms());
        assertTrue(c.server().auth().password().isPresent(), "passwordeval gives the token");
        assertEquals("jane.doe@gmail.com", c.envelope().sender().address().orElseThrow().address());
        assertEquals(Optional.of(home.resolve(".msmtp.log")), c.message().log().file());
    }

    @Test
    void fastmailOverImplicitTls() throws Exception {
        CliConfig c = map(load("fastmail"), Optional.empty(), "b@b.test");
        assertEquals(Optional.of(MailHost.of("smtp.fastmail.com", 465)), c.server().routing().smartHost());
        assertEquals(TlsMode.SMTPS, c.server().security().tlsMode(), "tls on with tls_starttls off");
        assertEquals(Optional.of("jane@fastmail.com"), c.server().auth().user());
        assertEquals(MessagePolicy.FromField.AUTO, c.message().headers().from());
    }

    @Test
    void office365() throws Exception {
        CliConfig c = map(load("office365"), Optional.empty(), "b@b.test");
        assertEquals(Optional.of(MailHost.of("smtp.office365.com", 587)), c.server().routing().smartHost());
        assertEquals(TlsMode.STARTTLS, c.server().security().tlsMode());
        assertEquals(List.of("LOGIN"), c.server().auth().mechanisms());
        assertEquals(Optional.of(java.time.Duration.ofSeconds(30)), c.server().routing().timeout());
        assertEquals(Optional.of("LOG_MAIL"), c.message().log().syslogFacility());
    }

    @Test
    void aCronBoxsLocalRelay() throws Exception {
        CliConfig c = map(load("local-relay"), Optional.empty(), "root");
        assertEquals("admin@example.org", c.envelope().to().mailboxes().get(0).address(), "cron's root, aliased");
        assertEquals(Optional.of(MailHost.of("127.0.0.1", 25)), c.server().routing().smartHost());
        assertEquals(TlsMode.OFF, c.server().security().tlsMode());
        assertTrue(c.server().auth().user().isEmpty());
        assertEquals("tester", c.envelope().sender().address().orElseThrow().localPart());
        assertEquals(Optional.of("cron.example.org"), c.server().routing().heloName());
        assertEquals("%Y-%m-%d %H:%M:%S", c.message().log().timeFormat());
        assertTrue(c.message().headers().removeBcc() && !c.message().headers().undisclosed());
    }

    @Test
    void severalAccountsWithInheritanceAndFromPatterns() throws Exception {
        ConfigFile f = load("several-accounts");
        CliConfig home = map(f, Optional.empty(), "b@b.test");
        assertEquals(Optional.of(MailHost.of("mail.home.example", 465)), home.server().routing().smartHost());
        assertEquals(TlsMode.SMTPS, home.server().security().tlsMode());
        assertEquals("jane@home.example", home.envelope().sender().address().orElseThrow().address());
        CliConfig locked = map(f, Optional.empty(), "-f", "other@else.example", "b@b.test");
        assertEquals("jane@home.example", locked.envelope().sender().address().orElseThrow().address(),
                "allow_from_override off in the default account");
        CliConfig work = map(f, Optional.empty(), "-f", "boss@work.example", "b@b.test");
        assertEquals(Optional.of(MailHost.of("smtp.work.example", 587)), work.server().routing().smartHost(),
                "-f picks the account whose from pattern matches");
        assertEquals(Optional.of("jdoe"), work.server().auth().user());
        assertEquals(Optional.of("Jane Doe (Work)"), work.message().fullName());
        assertEquals("boss@work.example", work.envelope().sender().address().orElseThrow().address());
        CliConfig lists = map(f, Optional.of("work-lists"), "b@b.test");
        assertEquals(Optional.of(MailHost.of("smtp.work.example", 587)), lists.server().routing().smartHost(),
                "inherited");
        assertEquals("lists@work.example", lists.envelope().sender().address().orElseThrow().address());
        assertEquals(MessagePolicy.FromField.ON, lists.message().headers().from());
        assertFalse(f.defaults().origin(dev.sendmail.config.ConfigKey.PORT).isEmpty());
        assertEquals(Optional.of("several-accounts:3"), lists.account().isPresent()
                ? f.accounts().get("work-lists").origin(dev.sendmail.config.ConfigKey.PORT) : Optional.empty(),
                "an inherited value keeps the line it was set on");
    }
}
