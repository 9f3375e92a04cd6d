package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Mailbox;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AliasesTest {

    private static List<String> addresses(Optional<List<Mailbox>> list) {
        return list.orElseThrow().stream().map(Mailbox::address).toList();
    }

    @Test
    void parsesNamesListsDefaultAndComments() throws ConfigException {
        Aliases a = Aliases.parse("aliases", """
                # msmtp aliases
                root: admin@example.test
                Cron :  ops@example.test, oncall@example.test

                default: catchall@example.test
                """);
        assertEquals(List.of("admin@example.test"), addresses(a.expand("root")));
        assertEquals(List.of("ops@example.test", "oncall@example.test"), addresses(a.expand("cron")));
        assertEquals(List.of("catchall@example.test"), addresses(a.expand("ROOT2")), "default");
        assertEquals(Optional.empty(), Aliases.parse("a", "root: a@a.test\n").expand("other"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            root admin@example.test           | a:1: expected 'name: address[, address...]'
            root:                             | a:1: alias 'root' has no address
            root: admin                       | a:1: address has no domain: admin
            root: a@a.test\\nroot: b@b.test   | a:2: alias 'root' is defined twice
            bad name: a@a.test                | a:1: invalid alias name 'bad name'
            default: a@a.test\\ndefault: b@b.test | a:2: 'default' is defined twice
            """)
    void hostileFilesAreConfigErrorsWithTheLine(String text, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> Aliases.parse("a", text.replace("\\n", "\n")));
        assertEquals(ConfigException.Reason.INVALID, e.reason());
        assertEquals(message, e.getMessage());
    }

    @Test
    void boundsAndControlCharacters() {
        assertTrue(assertThrows(ConfigException.class, () -> Aliases.parse("a", "root: a@a.test\u0000\n"))
                .getMessage().startsWith("a:1: control character"));
        assertTrue(assertThrows(ConfigException.class, () -> Aliases.parse("a", "#\n".repeat(20_001)))
                .getMessage().contains("more than 20000 lines"));
    }

    @Test
    void aLocalNameWithoutAnEntryIsRefusedSayingWhereAliasesGo() throws ConfigException {
        Aliases a = Aliases.parse("a", "root: admin@example.test\n");
        assertEquals(List.of("admin@example.test"), a.addresses("ROOT").stream().map(Mailbox::address).toList());
        assertEquals("nobody has no domain and no entry in the aliases file",
                assertThrows(IllegalArgumentException.class, () -> a.addresses("nobody")).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Aliases.NONE.addresses("root"));
        assertTrue(e.getMessage().startsWith("root has no domain (map local names to addresses with 'aliases FILE'"),
                e.getMessage());
    }
}
