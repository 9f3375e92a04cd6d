package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TlsPrioritiesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NORMAL|TLSv1.3 TLSv1.2",
        "normal|TLSv1.3 TLSv1.2",
        "NORMAL:-VERS-TLS1.2|TLSv1.3",
        "NORMAL:-VERS-TLS1.3|TLSv1.2",
        "NORMAL:!VERS-TLS1.3|TLSv1.2",
        "SECURE256:-VERS-TLS1.2|TLSv1.3",
        "NONE:+VERS-TLS1.3|TLSv1.3",
        "NONE:+VERS-TLS1.2:+VERS-TLS1.3|TLSv1.3 TLSv1.2",
        "NORMAL:-VERS-ALL:+VERS-TLS1.2|TLSv1.2",
        "NORMAL:-VERS-TLS-ALL:+VERS-TLS1.3|TLSv1.3",
        "NORMAL:-VERS-TLS1.0:-VERS-TLS1.1|TLSv1.3 TLSv1.2",
        "@SYSTEM|TLSv1.3 TLSv1.2"})
    void mapsTheVersions(String value, String protocols) {
        assertEquals(List.of(protocols.split(" ")), TlsPriorities.parse(value).protocols());
    }

    @Test
    void normalAndVersionChangesMapWithoutRemainder() {
        assertEquals(List.of(), TlsPriorities.parse("NORMAL").unmapped());
        assertEquals(List.of(), TlsPriorities.parse("NORMAL:-VERS-TLS1.2:-VERS-TLS1.1").unmapped());
    }

    @Test
    void whatCannotBeMappedIsListedWithItsReason() {
        TlsPriorities p = TlsPriorities.parse("SECURE256:+VERS-TLS1.1:-CIPHER-ALL:+AES-256-GCM:%COMPAT");
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), p.protocols());
        assertEquals(5, p.unmapped().size(), p.unmapped().toString());
        assertTrue(p.unmapped().get(0).startsWith("SECURE256 (256-bit security level"), p.unmapped().get(0));
        assertTrue(p.unmapped().get(1).startsWith("+VERS-TLS1.1 (send-mail enables TLS 1.2 and 1.3 only"),
                p.unmapped().get(1));
        assertTrue(p.unmapped().get(2).startsWith("-CIPHER-ALL (cipher"), p.unmapped().get(2));
        assertTrue(p.unmapped().get(4).startsWith("%COMPAT (GnuTLS option"), p.unmapped().get(4));
        assertTrue(TlsPriorities.parse("@SYSTEM").unmapped().get(0).contains("system-wide"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "NORMAL:-VERS-TLS1.2:-VERS-TLS1.3", "NONE", "NONE:+VERS-TLS1.1",
        "NORMAL:-VERS-ALL", "FAST:+VERS-TLS1.3", "NORMAL -VERS-TLS1.2", "NORMAL:\u00e9"})
    void refusesWhatLeavesNoVersionOrIsNotAPriorityString(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsPriorities.parse(value));
        assertTrue(e.getMessage().matches(".*(required|priority string|enables neither).*"), e.getMessage());
    }

    @Test
    void theConfigurationKeyChecksItsValue() {
        assertEquals("NORMAL:-VERS-TLS1.2", ConfigKey.TLS_PRIORITIES.validate("NORMAL:-VERS-TLS1.2"));
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.TLS_PRIORITIES.validate("NONE"));
        assertEquals("mail.example.org", ConfigKey.TLS_HOST_OVERRIDE.validate("mail.example.org"));
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.TLS_HOST_OVERRIDE.validate("bad host"));
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.TLS_CRL_FILE.validate(""));
    }
}
