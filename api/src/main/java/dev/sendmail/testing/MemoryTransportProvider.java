package dev.sendmail.testing;

import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TransportProvider;

/** The {@code memory} transport; property {@code name} (default {@code default}) names the instance. */
public final class MemoryTransportProvider implements TransportProvider {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public int priority() {
        return -200;
    }

    @Override
    public boolean usesNetwork() {
        return false;
    }

    @Override
    public String description() {
        return "keeps messages in memory, for tests (--set name=NAME)";
    }

    @Override
    public Transport create(TransportSettings settings) {
        return MemoryTransport.named(settings.property("name").orElse("default"));
    }
}
