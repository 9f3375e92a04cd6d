package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a library user needs of an account is its typed settings ({@link ServerSettings}, {@link MessageSettings})
 * and, as an escape hatch, a key's value ({@link Account#get}); the helpers the package reads keys with are not
 * public API.
 */
class ConfigSurfaceTest {

    private static List<String> publicNamed(Class<?> type, Set<String> names) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> names.contains(m.getName()))
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::toString).toList();
    }

    @Test
    void theHelpersThePackageReadsKeysWithAreNotPublic() {
        assertEquals(List.of(), publicNamed(ConfigKey.class, Set.of("validate", "httpsUrl")));
        assertEquals(List.of(), publicNamed(Account.class, Set.of("integer", "flag", "ignoredKeys")));
        assertEquals(List.of(), publicNamed(ServerSettings.class, Set.of("oauth2")));
    }

    @Test
    void theKeyTableAndAKeysValueStayPublic() {
        assertEquals(1, publicNamed(Account.class, Set.of("get")).size());
        assertEquals(2, publicNamed(ConfigKey.class, Set.of("of", "ofMsmtpOption")).size());
    }
}
