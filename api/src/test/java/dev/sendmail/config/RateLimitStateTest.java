package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitStateTest {

    private static final UserEnvironment ENV = new UserEnvironment(Map.of("XDG_CACHE_HOME", "relative"),
            Path.of("/home/jane"), Path.of("/etc"));

    @Test
    void aQueueSharesItsStateWithEveryRunDeliveringIt() {
        assertEquals(Path.of("/var/spool/q/rate-limits"), RateLimitState.file(Optional.of(Path.of("/var/spool/q")), ENV));
    }

    @Test
    void withoutAQueueTheStateIsInTheCacheDirectoryNeverUnderARelativeXdgCacheHome() {
        assertEquals(Path.of("/home/jane/.cache/send-mail/rate-limits"), RateLimitState.file(Optional.empty(), ENV));
    }
}
