package dev.sendmail.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FullyQualifiedNameTest {

    private static final Function<String, Optional<String>> NO_RESOLVER = h -> Optional.empty();

    @Test
    void aHostNameWithADotIsItsOwnName() {
        assertEquals(Optional.of("mail.example.org"), FullyQualifiedName.of("mail.example.org\n", "", NO_RESOLVER));
    }

    @Test
    void theHostsLineGivesTheCanonicalName() {
        String hosts = "127.0.0.1 localhost\n# 10.0.0.1 vm.wrong.test vm\n192.0.2.7\tvm.example.org   vm  # comment\n";
        assertEquals(Optional.of("vm.example.org"), FullyQualifiedName.of("vm", hosts, NO_RESOLVER));
        assertEquals(Optional.empty(), FullyQualifiedName.of("vm", "127.0.0.1 localhost vm\n",
                h -> Optional.of("vm.resolver.test")), "the hosts line answers, and localhost is no domain");
    }

    @Test
    void theResolverIsAskedLast() {
        assertEquals(Optional.of("vm.resolver.test"), FullyQualifiedName.of("vm", "127.0.0.1 localhost\n",
                h -> Optional.of("vm.resolver.test")));
        assertEquals(Optional.empty(), FullyQualifiedName.of("vm", "", h -> Optional.of("127.0.0.1")));
        assertEquals(Optional.empty(), FullyQualifiedName.of("vm", "", NO_RESOLVER));
    }

    @Test
    void onlyValidDomainNamesCount() {
        assertTrue(FullyQualifiedName.valid("a-1.example.org"));
        for (String bad : new String[] {"vm", "localhost", "localhost.localdomain", "vm.localdomain", "host.local",
            "10.0.0.1", "-a.example.org", "a..example.org", "a.example.org.", "a_b.example.org", "a b.example.org",
            "x".repeat(64) + ".example.org"}) {
            assertFalse(FullyQualifiedName.valid(bad), bad);
        }
    }
}
