package dev.sendmail.transport.jakarta;

import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testkit.NetworkSettingsContractTest;

/** The jakarta transport connects through a SOCKS5 proxy and from a source address as NetworkSettings say. */
class JakartaNetworkSettingsTest extends NetworkSettingsContractTest {

    @Override
    protected TransportProvider provider() {
        return new JakartaTransportProvider();
    }
}
