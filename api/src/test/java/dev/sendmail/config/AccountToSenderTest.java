package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Message;
import dev.sendmail.api.Sender;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.TranscriptListener;
import dev.sendmail.testing.MemoryTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the README's "an account of an msmtp configuration file" shows: file -> settings -> Sender -> sent. */
class AccountToSenderTest {

    @TempDir
    Path home;

    @Test
    void anAccountOfAConfigurationFileConfiguresASender() throws Exception {
        UserEnvironment env = new UserEnvironment(Map.of("USER", "jane"), home, home);
        Path rc = Files.writeString(home.resolve("msmtprc"), "account work\nhost smtp.example.org\nport 587\n"
                + "transport memory\nfrom %U@example.org\nuser jane\npasswordeval echo secret\n");
        AccountSettings account = AccountSettings.of(ConfigFile.load(rc, env).account("work"), env);
        ServerSettings.Routing r = account.server().routing();
        TransportSettings.Builder ts = ServerSetup.transport(account.server(), TranscriptListener.NONE)
                .properties(Map.of("name", "account-to-sender"));
        ServerSetup.credentials(account.server(), env, () -> {
            throw new AssertionError("no OAuth 2 in this account");
        }).ifPresent(ts::credentials);
        DeliveryReport report;
        try (Sender sender = Sender.builder()
                .transport(Providers.transports().select(r.transport()), ts.build())
                .smartHost(r.smartHost().orElseThrow())
                .build()) {
            report = sender.send(Message.builder().from(account.message().from().orElseThrow().address())
                    .to("bob@example.net").subject("s").text("hello").build());
        }
        assertTrue(report.allDelivered(), report.toString());
        MemoryTransport.Sent sent = MemoryTransport.named("account-to-sender").sent().get(0);
        assertEquals("smtp.example.org", sent.host());
        assertEquals(587, r.smartHost().orElseThrow().port().getAsInt());
        assertEquals("<jane@example.org>", sent.reversePath());
        assertTrue(new String(sent.content(), StandardCharsets.UTF_8).contains("From: jane@example.org"));
    }

    @Test
    void aConfiguredSenderDoesTheSameInOneStep() throws Exception {
        UserEnvironment env = new UserEnvironment(Map.of("USER", "jane"), home, home);
        Path rc = Files.writeString(home.resolve("msmtprc"), "account work\nhost smtp.example.org\nport 587\n"
                + "transport memory\nfrom %U@example.org\nuser jane\npasswordeval echo secret\n");
        MemoryTransport.named("default").clear();
        AccountSettings account = AccountSettings.of(ConfigFile.load(rc, env).account("work"), env);
        DeliveryReport report;
        try (ConfiguredSender configured = ConfiguredSender.builder(account, env).build()) {
            report = configured.sender().send(Message.builder().from(account.message().from().orElseThrow()
                    .address()).to("bob@example.net").subject("s").text("hello").build());
        }
        assertTrue(report.allDelivered(), report.toString());
        MemoryTransport.Sent sent = MemoryTransport.named("default").sent().get(0);
        assertEquals("smtp.example.org", sent.host());
        assertEquals("<jane@example.org>", sent.reversePath());
    }
}
