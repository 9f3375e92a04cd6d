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
    void declaredInModuleInfoAndInMetaInfServices() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(
                JakartaTransportProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        java.lang.module.ModuleDescriptor d;
        if (java.nio.file.Files.isDirectory(root)) {
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(root.resolve("module-info.class"))) {
                d = java.lang.module.ModuleDescriptor.read(in);
            }
            String services = java.nio.file.Files.readString(
                    root.resolve("META-INF/services/" + TransportProvider.class.getName()));
            assertTrue(services.lines().map(String::strip).anyMatch(JakartaTransportProvider.class.getName()::equals),
                    services);
        } else {
            d = JakartaTransportProvider.class.getModule().getDescriptor();
        }
        assertEquals("dev.sendmail.transport.jakarta", d.name());
        assertTrue(d.provides().stream().anyMatch(p -> p.service().equals(TransportProvider.class.getName())
                && p.providers().contains(JakartaTransportProvider.class.getName())), d.toString());
        assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("org.eclipse.angus.mail")), d.toString());
        assertEquals(java.util.Set.of("dev.sendmail.transport.jakarta"),
                d.exports().stream().map(java.lang.module.ModuleDescriptor.Exports::source)
                        .collect(java.util.stream.Collectors.toSet()), "only the provider's package is exported");
    }
}
