package dev.sendmail.transport.socket;

import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testkit.TlsSettingsContractTest;

/** The socket transport applies the host override, revocation lists and protocol versions of TrustSettings. */
class SocketTlsSettingsTest extends TlsSettingsContractTest {

    @Override
    protected TransportProvider provider() {
        return new SocketTransportProvider();
    }
}
