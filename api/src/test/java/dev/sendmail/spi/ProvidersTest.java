package dev.sendmail.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.TransportSettings;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersTest {

    @TempDir
    Path dir;

    /** Providers used by the tests below; public with no-arg constructors as ServiceLoader requires. */
    public static class Low implements TransportProvider {
        @Override public String name() { return "low"; }
        @Override public int priority() { return 1; }
        @Override public Transport create(TransportSettings s) { throw new UnsupportedOperationException(); }
    }

    public static class High implements TransportProvider {
        @Override public String name() { return "high"; }
        @Override public int priority() { return 10; }
        @Override public Transport create(TransportSettings s) { throw new UnsupportedOperationException(); }
    }

    public static class Broken implements TransportProvider {
        public Broken() {
            throw new IllegalStateException("cannot start: missing native library");
        }
        @Override public String name() { return "broken"; }
        @Override public Transport create(TransportSettings s) { throw new UnsupportedOperationException(); }
    }

    public static class BrokenOverLines implements TransportProvider {
        public BrokenOverLines() {
            throw new IllegalStateException("cannot start:\u2028missing\u0085native\u009Blibrary\r\nagain");
        }
        @Override public String name() { return "broken"; }
        @Override public Transport create(TransportSettings s) { throw new UnsupportedOperationException(); }
    }

    /** A class loader that sees only the service file written by the test. */
    private ClassLoader loaderWith(String... classes) throws IOException {
        Path file = dir.resolve("services");
        Files.write(file, List.of(classes));
        URL url = file.toUri().toURL();
        return new ClassLoader(getClass().getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) {
                if (name.equals("META-INF/services/" + TransportProvider.class.getName())) {
                    return Collections.enumeration(List.of(url));
                }
                return Collections.emptyEnumeration();
            }
        };
    }

    @Test
    void noneFoundNamesTheArtifactToAdd() throws IOException {
        Providers<TransportProvider> p = Providers.transports(loaderWith());
        ProviderLookupException e = assertThrows(ProviderLookupException.class, () -> p.select(Optional.empty()));
        assertTrue(e.getMessage().contains("send-mail-transport-socket"), e.getMessage());
    }

    @Test
    void oneFound() throws IOException {
        Providers<TransportProvider> p = Providers.transports(loaderWith(Low.class.getName()));
        assertEquals("low", p.select(Optional.empty()).name());
    }

    @Test
    void highestPriorityWinsAndExplicitNameOverrides() throws IOException {
        Providers<TransportProvider> p = Providers.transports(loaderWith(Low.class.getName(), High.class.getName()));
        assertEquals(List.of("high", "low"), p.names());
        assertEquals("high", p.select(Optional.empty()).name());
        assertEquals("low", p.select(Optional.of("LOW")).name());
    }

    @Test
    void theListingGivesEachProviderWithTheDefaultFirst() throws IOException {
        Providers<TransportProvider> p = Providers.transports(loaderWith(Low.class.getName(), High.class.getName()));
        assertEquals("transport", p.kind());
        assertEquals(List.of(new Providers.Listed("high", 10, new High().description(), true),
                new Providers.Listed("low", 1, new Low().description(), false)), p.listing());
    }

    /** A provider whose description has a line break, as a careless provider might give. */
    public static class Described implements TransportProvider {
        @Override public String name() { return "described"; }
        @Override public int priority() { return -5; }
        @Override public String description() { return "writes \"files\"\nsomewhere"; }
        @Override public Transport create(TransportSettings s) { throw new UnsupportedOperationException(); }
    }

    @Test
    void theListingAsTextAndJsonMarksTheDefaultAndKeepsEachOnOneLine() throws IOException {
        Providers<TransportProvider> p = Providers.transports(loaderWith(Described.class.getName(),
                High.class.getName()));
        assertEquals(List.of("transports:",
                "  high       priority    10 (default)  " + new High().description(),
                "  described  priority    -5  writes \"files\" somewhere"), p.listingText());
        assertEquals(List.of("{\"kind\":\"transport\",\"name\":\"high\",\"priority\":10,\"default\":true,"
                        + "\"description\":\"" + new High().description() + "\"}",
                "{\"kind\":\"transport\",\"name\":\"described\",\"priority\":-5,\"default\":false,"
                        + "\"description\":\"writes \\\"files\\\"\\nsomewhere\"}"), p.listingJson());
        assertEquals(List.of(), p.problemsText());
        assertEquals(List.of(), p.problemsJson());
    }

    @Test
    void problemsAsTextAndJsonNameTheKind() throws IOException {
        Providers<TransportProvider> p = Providers.transports(loaderWith(Broken.class.getName()));
        assertEquals(List.of("transports:"), p.listingText());
        assertEquals(List.of(), p.listingJson());
        assertEquals(List.of("failed to load a transport provider: " + p.problems().get(0)), p.problemsText());
        assertTrue(p.problemsText().get(0).contains("missing native library"), p.problemsText().toString());
        assertEquals(List.of("{\"kind\":\"transport\",\"problem\":\"" + p.problems().get(0) + "\"}"),
                p.problemsJson());
    }

    @Test
    void theChoiceIsDescribedWithItsReasonAndTheNamesFound() throws IOException {
        Providers<TransportProvider> p = Providers.transports(loaderWith(Low.class.getName(), High.class.getName()));
        assertEquals("transport 'high' (highest priority of: high, low)",
                p.describe(p.select(Optional.empty()), Optional.empty()));
        assertEquals("transport 'low' (chosen by name of: high, low)",
                p.describe(p.select(Optional.of("low")), Optional.of("low")));
    }

    @Test
    void unknownNameListsTheNamesFound() throws IOException {
        Providers<TransportProvider> p = Providers.transports(loaderWith(Low.class.getName(), High.class.getName()));
        ProviderLookupException e = assertThrows(ProviderLookupException.class, () -> p.select(Optional.of("smtp")));
        assertEquals("unknown transport 'smtp'; available: high, low", e.getMessage());
    }

    @Test
    void brokenProvidersDoNotHideHealthyOnes() throws IOException {
        Providers<TransportProvider> p = Providers.transports(loaderWith("does.not.Exist", Broken.class.getName(),
                Low.class.getName()));
        assertEquals(List.of("low"), p.names());
        assertEquals(2, p.problems().size(), p.problems().toString());
        assertTrue(p.problems().stream().anyMatch(s -> s.contains("does.not.Exist")));
        assertTrue(p.problems().stream().anyMatch(s -> s.contains("missing native library")));
        ProviderLookupException e = assertThrows(ProviderLookupException.class,
                () -> p.select(Optional.of("broken")));
        assertTrue(e.getMessage().contains("failed to load"), e.getMessage());
    }

    @Test
    void aLoadFailureIsOneLineWhateverControlCharactersItsMessageHas() throws IOException {
        Providers<TransportProvider> p = Providers.transports(loaderWith(BrokenOverLines.class.getName()));
        String problem = p.problems().get(0);
        assertEquals(-1, ControlCharacters.indexOf(problem), problem);
        assertTrue(problem.endsWith("cannot start: missing native library  again"), problem);
        ProviderLookupException e = assertThrows(ProviderLookupException.class, () -> p.select(Optional.empty()));
        assertEquals(-1, ControlCharacters.indexOf(e.getMessage()), e.getMessage());
    }

    @Test
    void builtInProvidersAreFoundOnTheClassPath() {
        Providers<TransportProvider> p = Providers.transports();
        assertTrue(p.names().containsAll(List.of("file", "memory")), p.names().toString());
        assertSame(p.available().get(p.names().indexOf("memory")).getClass(),
                dev.sendmail.testing.MemoryTransportProvider.class);
    }
}
