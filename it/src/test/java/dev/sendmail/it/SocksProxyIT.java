package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.NetworkSettings;
import dev.sendmail.api.Sender;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testkit.RecordingListener;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * SOCKS5 (msmtp's {@code proxy_host}/{@code proxy_port}) through Dante to Postfix, with both transports. Postfix
 * sits on a network of its own under a name only that network's DNS knows ({@code mx.socks.test}), so the message
 * arrives only if the proxy resolved the name; Postfix's log shows the proxy's address as the client.
 */
class SocksProxyIT {

    private static final String HOSTNAME = "mx.socks.test";
    private static MailServer postfix;
    private static GenericContainer<?> dante;
    private static String danteAddress;

    @BeforeAll
    static void start() {
        DockerRequired.image("sendmail-it/socks:1");
        Network network = Network.newNetwork();
        Containers.stopAtExit(network);
        postfix = MailServer.postfixOn(network, HOSTNAME, "postfix", null, null);
        dante = new GenericContainer<>(DockerImageName.parse("sendmail-it/socks:1")).withNetwork(network)
                .withExposedPorts(1080).waitingFor(Wait.forListeningPort());
        dante.start();
        Containers.stopAtExit(dante);
        danteAddress = dante.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next()
                .getIpAddress();
    }

    @ParameterizedTest
    @ValueSource(strings = {"socket", "jakarta"})
    void theProxyResolvesTheHostAndRelaysTheMessage(String transport) throws Exception {
        RecordingListener listener = new RecordingListener();
        TransportProvider provider = Providers.transports(getClass().getClassLoader()).select(Optional.of(transport));
        TransportSettings settings = TransportSettings.builder().tlsMode(TlsMode.OFF).heloName("client.test")
                .network(NetworkSettings.DIRECT.withProxy(new NetworkSettings.SocksProxy(dante.getHost(),
                        dante.getMappedPort(1080))))
                .listener(listener).build();
        String token = TestMessages.token("socks-" + transport);
        DeliveryReport r;
        try (Sender sender = Sender.builder().transport(provider, settings)
                .smartHost(MailHost.of(HOSTNAME, 25)).build()) {
            r = sender.send(Envelope.of(TestMessages.FROM, "bob@example.test"),
                    MessageContent.of(TestMessages.simple(token, "bob@example.test", "through SOCKS5\r\n")),
                    DeliveryOptions.DEFAULT);
        }

        assertTrue(r.allDelivered(), r + "\n" + listener.text() + "\n" + dante.getLogs());
        assertEquals(1, postfix.awaitMail(token, 1).size());
        String log = postfix.recentLog();
        assertTrue(log.lines().anyMatch(l -> l.contains("connect from ") && l.contains("[" + danteAddress + "]")),
                "the proxy (" + danteAddress + ") is Postfix's client:\n" + log);
    }
}
