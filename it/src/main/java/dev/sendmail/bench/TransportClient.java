package dev.sendmail.bench;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends through a transport found by name, the way a library user would: one {@link Transport} shared by every
 * thread, connection reuse left to the transport's pool (sized to the number of connections, no limit of
 * messages per connection, like {@code smtp-source -d}), TLS off because smtp-sink has none.
 */
final class TransportClient implements MessageClient {

    private final Transport transport;
    private final MailHost host;
    private final Envelope envelope;
    private final MessageContent content;

    TransportClient(BenchOptions o) throws Exception {
        TransportSettings settings = TransportSettings.builder()
                .tlsMode(TlsMode.OFF)
                .heloName("bench.example.test")
                .timeouts(Timeouts.all(Duration.ofSeconds(120)))
                .pool(new TransportSettings.PoolSettings(o.connections(), 0, Duration.ofMinutes(5)))
                .build();
        transport = Providers.transports().select(Optional.of(o.client())).create(settings);
        host = MailHost.of(o.host(), o.port()).withAddresses(List.of(InetAddress.getByName(o.host())));
        List<Mailbox> rcpts = new ArrayList<>();
        for (int i = 0; i < o.recipients(); i++) {
            rcpts.add(Mailbox.parse("r" + i + "@example.test"));
        }
        envelope = Envelope.of(Mailbox.parse("bench@example.test"), rcpts);
        content = BenchMessage.create(o.size(), "bench@example.test", "r0@example.test");
    }

    @Override
    public void send(int lane) throws Exception {
        SendRequest request = new SendRequest(host, envelope, content, DeliveryOptions.DEFAULT,
                Instant.now().plusSeconds(600));
        DeliveryReport report = transport.send(request);
        if (!report.allDelivered()) {
            throw new IllegalStateException("not delivered: " + report.outcomes().get(0));
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
