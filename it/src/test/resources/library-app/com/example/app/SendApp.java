package com.example.app;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Message;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.Sender;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.ResolverSettings;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Composes a message with text, HTML, a UTF-8 display name and an attachment, and sends it through one host; and
 * looks a name up with the dns resolver, whose dnsjava logs through SLF4J (this application has no SLF4J provider).
 */
public final class SendApp {

    private SendApp() {
    }

    /**
     * Arguments: host, port, recipient, attachment file, token.
     *
     * @param args the arguments
     * @throws Exception when anything fails
     */
    public static void main(String[] args) throws Exception {
        Message message = Message.builder()
                .from("Zoë Ångström <zoe@example.test>")
                .to("Bob Bäcker <" + args[2] + ">")
                .subject("Grüße " + args[4])
                .header("X-Token", args[4])
                .text("Hallo Bob,\nschöne Grüße.")
                .html("<p>Hallo Bob,<br>schöne Grüße.</p>")
                .attach(Path.of(args[3]))
                .build();
        lookUpWithoutAnswer();
        TransportSettings settings = TransportSettings.builder().tlsMode(TlsMode.OFF).build();
        int code;
        try (Sender sender = Sender.builder()
                .transport(Providers.transports().select(Optional.of("socket")), settings)
                .smartHost(MailHost.of(args[0], Integer.parseInt(args[1])))
                .build()) {
            DeliveryReport report = sender.send(message);
            System.out.println(report.outcomes());
            code = report.allDelivered() ? 0 : 1;
        }
        System.exit(code);
    }

    /** Asks a DNS server that never answers (a bound, silent local socket): the lookup fails, quietly. */
    private static void lookUpWithoutAnswer() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            ResolverSettings settings = ResolverSettings.defaults()
                    .withServers(List.of("127.0.0.1:" + silent.getLocalPort()))
                    .withTimeout(Duration.ofMillis(200)).withProperties(Map.of("attempts", "1"));
            try (Resolver resolver = Providers.resolvers().select(Optional.of("dns")).create(settings)) {
                resolver.resolve("example.test");
                throw new IllegalStateException("a silent server answered");
            } catch (ResolutionFailedException expected) {
                // what matters is that nothing was printed
            }
        }
    }
}
