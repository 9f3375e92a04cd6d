package dev.sendmail.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.spi.Providers;
import dev.sendmail.spi.TransportProvider;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JakartaTransportProviderTest {

    @Test
    void serviceLoaderFindsTheProviderByName() {
        Providers<TransportProvider> found = Providers.transports();
        assertTrue(found.names().contains("jakarta"), "found: " + found.names() + " problems: " + found.problems());
        TransportProvider p = found.select(Optional.of("jakarta"));
        assertInstanceOf(JakartaTransportProvider.class, p);
        assertEquals(50, p.priority());
        assertTrue(found.problems().isEmpty(), () -> "problems: " + found.problems());
    }

    @Test
    void descriptionNamesAngusAndItsVersion() {
        String d = new JakartaTransportProvider().description();
        assertTrue(d.contains("Angus") && d.contains("2.0."), d);
    }

    @Test
    void declaredInModuleInfo() {
        Module m = JakartaTransportProvider.class.getModule();
        if (m.isNamed()) {
            assertTrue(m.getDescriptor().provides().stream().anyMatch(
                    p -> p.service().equals(TransportProvider.class.getName())
                            && p.providers().contains(JakartaTransportProvider.class.getName())));
        } else {
            // tests on the class path: the descriptor is still in the jar's module-info.class
            assertTrue(JakartaTransportProvider.class.getResource("/module-info.class") != null);
        }
    }
}
