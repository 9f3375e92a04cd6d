package dev.sendmail.bench;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The DATA path of a transport, end to end: an 8 MiB message through {@code transport.send} on one reused
 * connection to an in-process {@link DiscardSmtpServer}, in MB/s of message octets. This includes the DATA
 * encoder (CRLF normalization and dot-stuffing: every line of the {@code lf} body is rewritten, every line of
 * the {@code dots} body is stuffed) and the socket writes, so it is a lower bound for the encoder alone, whose
 * class is not public.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class DataPathBenchmark {

    private static final long BODY = 8L * 1024 * 1024;

    @Param({"socket", "jakarta"})
    public String transport;

    @Param({"crlf", "lf", "dots"})
    public String body;

    private DiscardSmtpServer server;
    private Transport client;
    private SendRequest request;
    private long octets;
    private long sent;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = DiscardSmtpServer.start();
        TransportSettings settings = TransportSettings.builder()
                .tlsMode(TlsMode.OFF)
                .heloName("bench.example.test")
                .timeouts(Timeouts.all(Duration.ofSeconds(60)))
                .pool(new TransportSettings.PoolSettings(1, 0, Duration.ofMinutes(5)))
                .build();
        client = Providers.transports().select(Optional.of(transport)).create(settings);
        byte[] message = BenchMessage.bytes(BODY, "bench@example.test", "r0@example.test",
                BenchMessage.Body.valueOf(body.toUpperCase(Locale.ROOT)));
        octets = message.length;
        request = new SendRequest(
                MailHost.of("127.0.0.1", server.port()).withAddresses(List.of(InetAddress.getLoopbackAddress())),
                Envelope.of("bench@example.test", "r0@example.test"), MessageContent.of(message),
                DeliveryOptions.DEFAULT, Instant.now().plus(Duration.ofHours(1)));
    }

    @Benchmark
    public DeliveryReport send(OctetCounter counter) throws Exception {
        DeliveryReport report = client.send(request);
        if (!report.allDelivered()) {
            throw new IllegalStateException("not delivered: " + report.outcomes());
        }
        sent++;
        counter.bytes += octets;
        return report;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        client.close();
        server.close();
        if (server.messages() != sent) {
            throw new IllegalStateException("the server accepted " + server.messages() + " messages, the client "
                    + "reported " + sent + " delivered");
        }
    }
}
