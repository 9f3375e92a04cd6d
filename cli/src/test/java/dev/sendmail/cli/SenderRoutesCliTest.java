package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.cli.config.Environment;
import dev.sendmail.testing.MemoryTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts with a from address or *@domain relay the mail of that sender (sender-dependent relaying). */
class SenderRoutesCliTest {

    @TempDir
    Path home;

    private Environment env;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        env = CliRun.env(home);
        Path key = home.resolve("sales.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        config = home.resolve("config");
        Files.writeString(config, String.join("\n",
                "defaults",
                "transport memory",
                "account main",
                "host relay-main.test",
                "from me@example.org",
                "account sales",
                "host relay-sales.test",
                "from sales@example.org",
                "dkim_key " + key,
                "dkim_selector s1",
                "account billing",
                "host relay-billing.test",
                "from *@billing.example.net",
                "account wild",
                "host relay-wild.test",
                "from *@*.example.com",
                "account broken",
                "host relay-broken.test",
                "from broken@example.org",
                "user someone",
                "passwordeval \"exit 3\"",
                "account default : main",
                ""));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    }

    private CliRun send(String... args) {
        List<String> all = new ArrayList<>(List.of("-C", config.toString()));
        all.addAll(List.of(args));
        all.add("you@example.net");
        return CliRun.run(env, "Subject: routes\n\nhello\n", all.toArray(String[]::new));
    }

    private List<String> hosts() {
        return MemoryTransport.named("default").sent().stream().map(MemoryTransport.Sent::host).toList();
    }

    @Test
    void aRelayNamedOnTheCommandLineTakesAllMailAsTheAccountsHostWould() throws Exception {
        // the usual msmtprc: the default account inherits from the one whose from is the sender
        Files.writeString(config, "defaults\ntransport memory\naccount gmail\nhost relay-gmail.test\nport 587\n"
                + "from jane@gmail.test\naccount default : gmail\n");
        MemoryTransport.named("default").clear();
        assertEquals(0, send().code());
        assertEquals(0, send("--server", "cmdline.test").code());
        CliRun msmtp = CliRun.run(env, "Subject: routes\n\nhello\n", "--msmtp", "--transport", "memory", "-C",
                config.toString(), "--host=msmtp-host.test", "you@example.net");
        assertEquals(0, msmtp.code(), msmtp.toString());
        assertEquals(List.of("relay-gmail.test", "cmdline.test", "msmtp-host.test"), hosts());
    }

    @Test
    void eachSenderGoesThroughItsAccountsRelay() {
        MemoryTransport.named("default").clear();
        assertEquals(0, send("-f", "sales@example.org").code());
        assertEquals(0, send("-f", "ann@billing.example.net").code());
        assertEquals(0, send("-f", "me@example.org").code());
        assertEquals(0, send("-f", "someone@else.test").code());
        // not a route, but msmtp's account selection: -f without -a picks the first account whose from matches
        assertEquals(0, send("-f", "x@a.example.com").code());
        assertEquals(List.of("relay-sales.test", "relay-billing.test", "relay-main.test", "relay-main.test",
                "relay-wild.test"), hosts());
    }

    @Test
    void theRoutedAccountSignsWithItsOwnKey() {
        MemoryTransport.named("default").clear();
        CliRun r = send("-v", "-f", "sales@example.org");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("the envelope sender selects account 'sales'"), r.toString());
        String sent = new String(MemoryTransport.named("default").sent().get(0).content(), StandardCharsets.UTF_8);
        assertTrue(sent.startsWith("DKIM-Signature:") && sent.contains("d=example.org") && sent.contains("s=s1"),
                sent);
        assertEquals(0, send("-f", "me@example.org").code());
        String plain = new String(MemoryTransport.named("default").sent().get(1).content(), StandardCharsets.UTF_8);
        assertFalse(plain.contains("DKIM-Signature"), plain);
    }

    @Test
    void anAccountChosenByNameSendsEverything() {
        MemoryTransport.named("default").clear();
        assertEquals(0, send("-a", "billing", "-f", "sales@example.org").code());
        assertEquals(List.of("relay-billing.test"), hosts());
    }

    @Test
    void thePlanShowsTheRelayOfTheSendersAccount() {
        CliRun r = CliRun.run(env, "", "-C", config.toString(), "--plan", "-f", "ann@billing.example.net",
                "you@example.net");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("account 'billing' (chosen by the envelope sender ann@billing.example.net)"),
                r.toString());
        assertTrue(r.out().contains("relay-billing.test") && !r.out().contains("relay-main.test"), r.toString());
    }

    @Test
    void thePlanDoesNotSayTheSenderChoseAnAccountNamedWithA() {
        CliRun r = CliRun.run(env, "", "-C", config.toString(), "--plan", "-a", "billing", "-f",
                "ann@billing.example.net", "you@example.net");
        assertEquals(0, r.code(), r.toString());
        assertFalse(r.out().contains("chosen by the envelope sender"), r.toString());
        assertTrue(r.out().contains("relay-billing.test"), r.toString());
    }

    @Test
    void anotherAccountsPasswordIsReadOnlyForItsOwnSender() {
        MemoryTransport.named("default").clear();
        assertEquals(0, send("-f", "me@example.org").code());
        assertEquals(0, send("-f", "sales@example.org").code());
        CliRun broken = send("-f", "broken@example.org");
        assertEquals(78, broken.code(), broken.toString());
        assertEquals(List.of("relay-main.test", "relay-sales.test"), hosts());
    }
}
