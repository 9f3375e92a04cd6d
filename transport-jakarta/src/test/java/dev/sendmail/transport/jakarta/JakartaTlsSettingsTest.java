package dev.sendmail.transport.jakarta;

import dev.sendmail.spi.TransportProvider;
import dev.sendmail.testkit.TlsSettingsContractTest;

/** The jakarta transport applies the host override, revocation lists and protocol versions of TrustSettings. */
class JakartaTlsSettingsTest extends TlsSettingsContractTest {

    @Override
    protected TransportProvider provider() {
        return new JakartaTransportProvider();
    }
}
