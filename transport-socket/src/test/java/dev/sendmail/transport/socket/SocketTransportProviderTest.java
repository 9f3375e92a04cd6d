package dev.sendmail.transport.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.spi.Providers;
import dev.sendmail.spi.TransportProvider;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SocketTransportProviderTest {

    @Test
    void serviceLoaderFindsTheSocketTransportAsTheDefault() {
        Providers<TransportProvider> found = Providers.transports();
        assertTrue(found.names().contains("socket"), found.names().toString());
        assertTrue(found.problems().isEmpty(), found.problems().toString());
        TransportProvider chosen = found.select(Optional.empty());
        assertInstanceOf(SocketTransportProvider.class, chosen, "highest priority wins: " + found.names());
        assertEquals(100, chosen.priority());
        assertInstanceOf(SocketTransportProvider.class, found.select(Optional.of("socket")));
    }
}
