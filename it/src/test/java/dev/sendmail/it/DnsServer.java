package dev.sendmail.it;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A real DNS server for a test's own zone: dnsmasq (image {@code sendmail-it/dnsmasq:1}) on a Docker network,
 * answering from dnsmasq configuration lines ({@code mx-host=}, {@code host-record=}, {@code txt-record=},
 * {@code srv-host=}, ...), stopped when the JVM exits. Tests point the CLI at it with {@code --dns ADDRESS:53}.
 */
final class DnsServer {

    private DnsServer() {
    }

    /**
     * Starts a server alone on a network of its own.
     *
     * @param zone dnsmasq configuration lines
     * @return the server's address
     */
    static String start(String zone) {
        Network network = Network.newNetwork();
        Containers.stopAtExit(network);
        return start(network, zone);
    }

    /**
     * Starts a server on {@code network}, beside the mail servers its records name.
     *
     * @param network the network
     * @param zone dnsmasq configuration lines
     * @return the server's address on {@code network}
     */
    static String start(Network network, String zone) {
        DockerRequired.image("sendmail-it/dnsmasq:1");
        GenericContainer<?> dns = new GenericContainer<>(DockerImageName.parse("sendmail-it/dnsmasq:1"))
                .withNetwork(network)
                .withCopyToContainer(Transferable.of(zone), "/etc/dnsmasq.d/zone.conf")
                .waitingFor(Wait.forLogMessage(".*started, version.*", 1));
        dns.start();
        Containers.stopAtExit(dns);
        return Containers.address(dns);
    }
}
