package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ControlCharacters;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random input for the configuration parser, which reads untrusted text: it fails only with a one-line
 * {@link ConfigException} (exit 78).
 */
class ConfigFileParserFuzzTest {

    private static final String[] TOKENS = {"defaults", "account", "host", "port", "tls", "from", "passwordeval",
            "\"", "\\", ":", ",", " ", "\t", "\n", "\r\n", "#", "a@b.test", "65536", "on", "off", "default", "\u0000",
            "\u00e9", "\ud83d\ude00", "x".repeat(300), "auth", "dns", "tls_fingerprint", "account default :"};

    @Test
    void configParserOnlyFailsWithOneLineConfigErrors() {
        Random r = new Random(20261128L);
        int errors = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(40);
            for (int j = 0; j < n; j++) {
                sb.append(TOKENS[r.nextInt(TOKENS.length)]);
                if (r.nextInt(4) == 0) {
                    sb.append((char) r.nextInt(0x3000));
                }
            }
            try {
                ConfigFileParser.parse("fuzz", sb.toString());
            } catch (ConfigException e) {
                errors++;
                assertEquals(ConfigException.Reason.INVALID, e.reason());
                assertTrue(e.getMessage().startsWith("fuzz"), e.getMessage());
                assertEquals(-1, ControlCharacters.indexOfExceptTab(e.getMessage()), "one line: " + e.getMessage());
            }
        }
        assertTrue(errors > 100 && errors < 3000, "the generator makes both valid and invalid files: " + errors);
    }
}
