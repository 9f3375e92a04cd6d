package dev.sendmail.transport.jakarta;

import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testkit.TransportContractTest;

/** The shared transport contract, run on the jakarta transport. */
class JakartaTransportContractTest extends TransportContractTest {

    @Override
    protected TransportProvider provider() {
        return new JakartaTransportProvider();
    }

    /**
     * Angus's SMTPTransport writes each command and waits for its reply (no PIPELINING, RFC 2920), whatever the
     * server offers.
     */
    @Override
    protected boolean pipelines() {
        return false;
    }
}
