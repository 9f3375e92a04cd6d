package dev.sendmail.it;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Message;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.RateLimit;
import dev.sendmail.api.Sender;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.TransportProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends numbered messages through one smart host with a rate limit, on several threads; run in this JVM by
 * {@link RateLimitIT} and as a separate process (its {@code main}) for the cross-process case.
 */
final class RateLimitedSender {

    private RateLimitedSender() {
    }

    /** Arguments: host port rate state-file|- token first count threads. Exits 0 when every message was delivered. */
    public static void main(String[] args) throws Exception {
        Optional<Path> state = args[3].equals("-") ? Optional.empty() : Optional.of(Path.of(args[3]));
        int delivered = send(args[0], Integer.parseInt(args[1]), args[2], state, args[4], Integer.parseInt(args[5]),
                Integer.parseInt(args[6]), Integer.parseInt(args[7]));
        System.out.println("delivered " + delivered);
        System.exit(delivered == Integer.parseInt(args[6]) ? 0 : 1);
    }

    /** Sends {@code count} messages numbered from {@code first}; returns how many were delivered. */
    static int send(String host, int port, String rate, Optional<Path> state, String token, int first, int count,
                    int threads) throws Exception {
        TransportProvider socket = Providers.transports(RateLimitedSender.class.getClassLoader())
                .select(Optional.of("socket"));
        RateLimit limit = RateLimit.parse(rate);
        if (state.isPresent()) {
            limit = limit.sharedThrough(state.get());
        }
        TransportSettings settings = TransportSettings.builder().tlsMode(TlsMode.OFF).rateLimit(limit).build();
        List<Message> messages = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            String id = token + "-" + i;
            byte[] raw = TestMessages.simple(id, "bob@example.test", "message " + i + "\r\n");
            messages.add(Message.parse(MessageContent.of(new String(raw, StandardCharsets.UTF_8))));
        }
        try (Sender sender = Sender.builder().transport(socket, settings).smartHost(MailHost.of(host, port))
                .messageConcurrency(threads).build()) {
            int delivered = 0;
            for (DeliveryReport r : sender.sendAll(messages)) {
                if (r.outcomes().stream().allMatch(o -> o.isDelivered())) {
                    delivered++;
                }
            }
            return delivered;
        }
    }
}
