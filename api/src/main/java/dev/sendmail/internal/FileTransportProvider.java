package dev.sendmail.internal;

import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TransportProvider;
import java.nio.file.Path;
import java.time.Clock;

/** The {@code file} transport: one file per message in the directory of property {@code dir} (default {@code ./outbox}). */
public final class FileTransportProvider implements TransportProvider {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public int priority() {
        return -100;
    }

    @Override
    public boolean usesNetwork() {
        return false;
    }

    @Override
    public String description() {
        return "writes each message with its envelope to a file (--set dir=DIR, default ./outbox)";
    }

    @Override
    public Transport create(TransportSettings settings) {
        return new FileTransport(Path.of(settings.property("dir").orElse("outbox")), Clock.systemUTC());
    }
}
