package dev.sendmail.transport.socket;

import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testkit.TlsRequirementContractTest;

/** The socket transport enforces hosts' TLS requirements as the shared contract says. */
class SocketTlsRequirementTest extends TlsRequirementContractTest {

    @Override
    protected TransportProvider provider() {
        return new SocketTransportProvider();
    }
}
