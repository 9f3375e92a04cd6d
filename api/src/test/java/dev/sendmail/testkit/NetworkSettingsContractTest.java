package dev.sendmail.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.NetworkSettings;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TransportProvider;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How every transport applies {@link NetworkSettings}: connections through a SOCKS5 proxy (the proxy resolving a
 * host name the transport has no address for) and from a given local address (msmtp's {@code proxy_host},
 * {@code proxy_port} and {@code source_ip}). Extend it with {@link #provider()}.
 */
public abstract class NetworkSettingsContractTest {

    private static final String SIMPLE = "From: a@example.org\r\nTo: b@example.net\r\nSubject: hi\r\n\r\nHello\r\n";

    private final List<AutoCloseable> open = new ArrayList<>();

    /** The provider under test. */
    protected abstract TransportProvider provider();

    private <T extends AutoCloseable> T keep(T t) {
        open.add(t);
        return t;
    }

    private Transport transport(NetworkSettings network) throws SendMailException {
        return keep(provider().create(TransportSettings.builder().tlsMode(TlsMode.OFF)
                .timeouts(Timeouts.all(Duration.ofSeconds(5))).heloName("client.test").network(network).build()));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static RecipientOutcome send(Transport t, MailHost host) {
        SendRequest r = new SendRequest(host, Envelope.of("a@example.org", "b@example.net"), MessageContent.of(SIMPLE),
                DeliveryOptions.DEFAULT, Instant.now().plusSeconds(30));
        try {
            return t.send(r).outcomes().get(0);
        } catch (SendMailException e) {
            return RecipientOutcome.of(r.envelope().recipients().get(0), e);
        }
    }

    @Test
    void aHostWithoutAddressesIsResolvedByTheProxy() throws Exception {
        FakeSmtpServer server = keep(FakeSmtpServer.start(SmtpScript.accepting()));
        FakeSocksProxy proxy = keep(FakeSocksProxy.start());
        Transport t = transport(NetworkSettings.DIRECT.withProxy(
                new NetworkSettings.SocksProxy(proxy.host(), proxy.port())));
        MailHost byName = new MailHost("localhost", OptionalInt.of(server.port()), List.of(), -1);

        RecipientOutcome out = send(t, byName);

        assertEquals(DeliveryStatus.DELIVERED, out.status(), out.toString());
        assertEquals(List.of(new FakeSocksProxy.Request("localhost", server.port(), true)), proxy.requests());
        assertEquals(1, server.messages().size());
    }

    @Test
    void aHostWithAddressesIsReachedThroughTheProxyByAddress() throws Exception {
        FakeSmtpServer server = keep(FakeSmtpServer.start(SmtpScript.accepting()));
        FakeSocksProxy proxy = keep(FakeSocksProxy.start());
        Transport t = transport(NetworkSettings.DIRECT.withProxy(
                new NetworkSettings.SocksProxy(proxy.host(), proxy.port())));

        RecipientOutcome out = send(t, server.host());

        assertEquals(DeliveryStatus.DELIVERED, out.status(), out.toString());
        assertEquals(List.of(new FakeSocksProxy.Request(server.address().getHostAddress(), server.port(), false)),
                proxy.requests());
    }

    @Test
    void aProxyThatCannotBeReachedFailsTheConnectionWithoutGoingDirect() throws Exception {
        FakeSmtpServer server = keep(FakeSmtpServer.start(SmtpScript.accepting()));
        RefusingPort refusing = keep(RefusingPort.open());
        Transport t = transport(NetworkSettings.DIRECT.withProxy(
                new NetworkSettings.SocksProxy(refusing.address().getHostAddress(), refusing.port())));

        RecipientOutcome out = send(t, server.host());

        assertInstanceOf(ConnectionFailedException.class, out.failure().orElseThrow(), out.toString());
        assertEquals(0, server.connections());
    }

    @Test
    void connectionsComeFromTheSourceAddress() throws Exception {
        FakeSmtpServer server = keep(FakeSmtpServer.start(SmtpScript.accepting()));
        InetAddress source = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        Transport t = transport(NetworkSettings.DIRECT.withSourceAddress(source));

        RecipientOutcome out = send(t, server.host());

        assertEquals(DeliveryStatus.DELIVERED, out.status(), out.toString());
        assertEquals(source, server.session(0).client().getAddress());
    }

    @Test
    void aSourceAddressThatIsNotLocalFailsTheConnection() throws Exception {
        FakeSmtpServer server = keep(FakeSmtpServer.start(SmtpScript.accepting()));
        // TEST-NET-1 (RFC 5737): never an address of this machine
        Transport t = transport(NetworkSettings.DIRECT.withSourceAddress(InetAddress.getByAddress(
                new byte[] {(byte) 192, 0, 2, 1})));

        RecipientOutcome out = send(t, server.host());

        assertInstanceOf(ConnectionFailedException.class, out.failure().orElseThrow(), out.toString());
        assertTrue(out.detail().contains("192.0.2.1") || out.detail().toLowerCase().contains("assign"),
                out.detail());
        assertEquals(0, server.connections());
    }
}
