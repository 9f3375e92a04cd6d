package dev.sendmail.cli;

import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TransportProvider;

/** A provider that fails to load (registered for the tests): it must be reported, never hide the others. */
public final class BrokenTransportProvider implements TransportProvider {

    public BrokenTransportProvider() {
        throw new IllegalStateException("broken on purpose");
    }

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public Transport create(TransportSettings settings) {
        throw new UnsupportedOperationException();
    }
}
