package dev.sendmail.transport.jakarta;

import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testkit.TlsRequirementContractTest;

/** The jakarta transport enforces hosts' TLS requirements as the shared contract says. */
class JakartaTlsRequirementTest extends TlsRequirementContractTest {

    @Override
    protected TransportProvider provider() {
        return new JakartaTransportProvider();
    }
}
