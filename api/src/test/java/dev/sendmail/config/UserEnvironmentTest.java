package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserEnvironmentTest {

    private static final Path HOME = Path.of("/home/jane");

    private static UserEnvironment env(Map<String, String> variables) {
        return new UserEnvironment(variables, HOME, Path.of("/etc"));
    }

    @Test
    void absoluteXdgDirectoriesAreUsed() {
        UserEnvironment env = env(Map.of("XDG_CACHE_HOME", "/var/cache/jane", "XDG_DATA_HOME", "/srv/jane"));
        assertEquals(Path.of("/var/cache/jane/send-mail"), env.cacheDirectory());
        assertEquals(Path.of("/srv/jane/send-mail"), env.dataDirectory());
    }

    @Test
    void relativeXdgDirectoriesAreIgnoredAsTheSpecificationSays() {
        UserEnvironment env = env(Map.of("XDG_CACHE_HOME", "cache", "XDG_DATA_HOME", "./data"));
        assertEquals(Path.of("/home/jane/.cache/send-mail"), env.cacheDirectory());
        assertEquals(Path.of("/home/jane/.local/share/send-mail"), env.dataDirectory());
    }

    @Test
    void unsetOrEmptyXdgDirectoriesFallBackToTheHomeDirectory() {
        UserEnvironment env = env(Map.of("XDG_CACHE_HOME", ""));
        assertEquals(Path.of("/home/jane/.cache/send-mail"), env.cacheDirectory());
        assertEquals(Path.of("/home/jane/.local/share/send-mail"), env.dataDirectory());
    }
}
