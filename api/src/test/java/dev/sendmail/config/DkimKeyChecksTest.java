package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.dkim.Canonicalization;
import dev.sendmail.dkim.DkimKey;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.TxtAnswer;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every key of the DKIM settings checked against its published record: one line each, one exit code. */
class DkimKeyChecksTest {

    private static DkimKey ed;
    private static DkimKey other;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        ed = DkimKey.of(g.generateKeyPair().getPrivate());
        other = DkimKey.of(g.generateKeyPair().getPrivate());
    }

    /** Answers TXT look-ups from {@code zone}; a name under {@code down.test} fails as temporary. */
    private static Resolver zone(Map<String, String> records) {
        return new Resolver() {
            @Override
            public MailRoute resolve(String domain) {
                throw new AssertionError("only TXT records are looked up");
            }

            @Override
            public TxtAnswer txt(String name) throws ResolutionFailedException {
                if (name.endsWith(".down.test")) {
                    throw new ResolutionFailedException(name, ResolutionFailedException.Reason.TEMPORARY, "SERVFAIL",
                            null);
                }
                return records.containsKey(name) ? TxtAnswer.found(name, List.of(records.get(name)))
                        : TxtAnswer.noSuchName(name);
            }
        };
    }

    private static DkimSettings settings(List<DkimKey> keys, List<String> selectors) {
        return new DkimSettings(keys, selectors, Optional.empty(), Canonicalization.RELAXED, Canonicalization.RELAXED);
    }

    @Test
    void everyKeyMatchingIsZeroAndOneMissingOrDifferentIs78() {
        Resolver r = zone(Map.of("ed1._domainkey.a.test", ed.dnsRecord(), "ed2._domainkey.a.test", ed.dnsRecord()));
        DkimKeyChecks all = DkimKeyChecks.check(r, settings(List.of(ed), List.of("ed1")), "a.test");
        assertEquals(List.of("dkim ed1._domainkey.a.test: MATCH: publishes this ed25519 key"), all.text());
        assertEquals(0, all.exitCode());
        DkimKeyChecks some = DkimKeyChecks.check(r, settings(List.of(ed, other, other), List.of("ed1", "ed2", "ed3")),
                "a.test");
        assertEquals(3, some.text().size(), some.text().toString());
        assertTrue(some.text().get(1).startsWith("dkim ed2._domainkey.a.test: KEY_MISMATCH: "), some.text().get(1));
        assertTrue(some.text().get(2).startsWith("dkim ed3._domainkey.a.test: MISSING: "), some.text().get(2));
        assertTrue(some.json().get(2).startsWith("{\"dkim\":\"ed3._domainkey.a.test\",\"outcome\":\"missing\""),
                some.json().get(2));
        assertEquals(78, some.exitCode());
        assertEquals(0, DkimKeyChecks.check(r, DkimSettings.NONE, "a.test").exitCode());
    }

    @Test
    void aKeyThatCannotBeLookedUpIsALineWithTheLookupsCodeAndTheOthersAreStillChecked() {
        Resolver r = zone(Map.of("ed1._domainkey.down.test", ed.dnsRecord()));
        DkimKeyChecks down = DkimKeyChecks.check(r, settings(List.of(ed, ed), List.of("ed1", "ed2")), "down.test");
        assertEquals(2, down.text().size(), down.text().toString());
        assertTrue(down.text().get(0).startsWith("dkim ed1._domainkey.down.test: not checked: "), down.text().get(0));
        assertTrue(down.json().get(1).startsWith("{\"dkim\":\"ed2._domainkey.down.test\",\"error\":"),
                down.json().get(1));
        assertEquals(75, down.exitCode(), "may work later");
        Resolver up = zone(Map.of("ed1._domainkey.a.test", ed.dnsRecord()));
        DkimKeyChecks bad = DkimKeyChecks.check(up, settings(List.of(ed, ed), List.of("ed1", "a;b")), "a.test");
        assertTrue(bad.text().get(0).contains(": MATCH: "), bad.text().toString());
        assertTrue(bad.text().get(1).startsWith("dkim a;b._domainkey.a.test: not checked: "), bad.text().get(1));
        assertEquals(64, bad.exitCode(), "a selector that is no DNS name");
    }
}
