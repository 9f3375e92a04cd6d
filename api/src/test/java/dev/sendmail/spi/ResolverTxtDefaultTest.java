package dev.sendmail.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ResolutionFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A resolver that does not implement TXT lookups says so, rather than answering "no record". */
class ResolverTxtDefaultTest {

    @Test
    void theDefaultIsAnUnsupportedFailureNamingTheResolver() {
        Resolver routesOnly = domain -> {
            throw new AssertionError("not used");
        };
        ResolutionFailedException e = assertThrows(ResolutionFailedException.class,
                () -> routesOnly.txt("_dmarc.example.test"));
        assertEquals(ResolutionFailedException.Reason.UNSUPPORTED, e.reason());
        assertFalse(e.isTransient());
        assertEquals("_dmarc.example.test", e.domain());
        assertTrue(e.getMessage().contains("cannot look up TXT records"), e.getMessage());
    }

    @Test
    void anAnswerHasRecordsExactlyWhenFound() {
        assertThrows(IllegalArgumentException.class,
                () -> new TxtAnswer("example.test", TxtAnswer.Status.FOUND, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new TxtAnswer("example.test", TxtAnswer.Status.NO_DATA, List.of("v=spf1 -all")));
        assertEquals(List.of("v=spf1 -all"), TxtAnswer.found("example.test", List.of("v=spf1 -all")).records());
    }
}
