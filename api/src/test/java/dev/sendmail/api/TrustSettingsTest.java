package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustSettingsTest {

    private static final String HEX = "ab".repeat(32);

    private static String colons(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            b.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return b.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha256:", "SHA256:", "sha256/", " sha256:"})
    void aPinIsAcceptedWithOrWithoutPrefixAndColons(String prefix) {
        assertEquals(HEX, TrustSettings.normalizePin(prefix + HEX));
        assertEquals(HEX, TrustSettings.normalizePin(prefix + colons(HEX).toUpperCase(java.util.Locale.ROOT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha1:abcd", "sha256:", "md5:" + "ab", "sha256::"})
    void aPinThatIsNotASha256DigestIsRejected(String pin) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustSettings.normalizePin(pin));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }
}
