package dev.sendmail.transport.socket;

import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testkit.NetworkSettingsContractTest;

/** The socket transport connects through a SOCKS5 proxy and from a source address as NetworkSettings say. */
class SocketNetworkSettingsTest extends NetworkSettingsContractTest {

    @Override
    protected TransportProvider provider() {
        return new SocketTransportProvider();
    }
}
