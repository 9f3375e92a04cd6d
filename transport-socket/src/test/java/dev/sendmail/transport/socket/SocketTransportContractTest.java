package dev.sendmail.transport.socket;

import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testkit.TransportContractTest;

/** The socket transport passes the shared transport contract. */
class SocketTransportContractTest extends TransportContractTest {

    @Override
    protected TransportProvider provider() {
        return new SocketTransportProvider();
    }
}
