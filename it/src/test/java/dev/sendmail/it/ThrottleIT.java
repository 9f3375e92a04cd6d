package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Message;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Sender;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.TranscriptListener;
import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.ReceivedMessage;
import dev.sendmail.testkit.SmtpScript;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A server that answers {@code 454 4.7.0 Throttling} for a while (a scripted server: real servers do not throttle
 * on demand) gets every message in the end, without a failure, and the trace says the pace was slowed down.
 */
class ThrottleIT {

    /** Answers MAIL with 454 Throttling {@code times} times on this connection, then accepts. */
    private static SmtpScript throttling(int times) {
        SmtpScript s = SmtpScript.accepting();
        for (int i = 0; i < times; i++) {
            s.once("MAIL", "454 4.7.0 Throttling");
        }
        return s;
    }

    @Test
    void fortyMessagesOnFourThreadsAllArriveThroughTheThrottling() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(throttling(3), throttling(3), throttling(3), throttling(3),
                SmtpScript.accepting())) {
            TransportProvider socket = Providers.transports(ThrottleIT.class.getClassLoader())
                    .select(Optional.of("socket"));
            List<String> notes = Collections.synchronizedList(new ArrayList<>());
            TranscriptListener listener = new TranscriptListener() {
                @Override
                public void note(String host, String message) {
                    notes.add(message);
                }
            };
            String token = TestMessages.token("throttle");
            List<Message> messages = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] raw = TestMessages.simple(token + "-" + i, "bob@example.test", "message " + i + "\r\n");
                messages.add(Message.parse(MessageContent.of(new String(raw, StandardCharsets.UTF_8))));
            }
            TransportSettings settings = TransportSettings.builder().tlsMode(TlsMode.OFF).build();
            List<DeliveryReport> reports;
            try (Sender sender = Sender.builder().transport(socket, settings)
                    .smartHost(MailHost.of(server.address().getHostAddress(), server.port())).listener(listener)
                    .messageConcurrency(4).build()) {
                reports = sender.sendAll(messages);
            }
            for (DeliveryReport r : reports) {
                assertTrue(r.outcomes().get(0).isDelivered(), r.toString());
            }
            Set<String> received = new TreeSet<>();
            for (ReceivedMessage m : server.messages()) {
                String text = m.contentText();
                int at = text.indexOf("Message-ID: <" + token + "-");
                received.add(text.substring(at, text.indexOf('>', at)));
            }
            assertEquals(40, received.size(), "each message once: " + received);
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("throttled (454 4.7.0 Throttling); slowing down")),
                    notes.toString());
        }
    }

    @Test
    void theCommandLineSlowsDownSaysSoAndDelivers() {
        try (FakeSmtpServer server = FakeSmtpServer.start(throttling(2))) {
            String token = TestMessages.token("throttle-cli");
            CliResult r = Cli.run(TestMessages.simple(token, "bob@example.test", "throttled\r\n"),
                    List.of("--transport", "socket", "--server", server.address().getHostAddress() + ":" + server.port(),
                            "--tls", "off", "-v", "-f", TestMessages.FROM, "bob@example.test"));
            assertEquals(0, r.exit(), r.describe());
            assertTrue(r.stderr().contains("throttled (454 4.7.0 Throttling); slowing down to one transaction every "
                    + "500 ms at this host"), r.describe());
            assertTrue(r.stderr().contains("slowing down to one transaction every 1000 ms"), r.describe());
            assertEquals(1, server.messages().size());
            assertTrue(server.messages().get(0).contentText().contains(token));
        }
    }
}
