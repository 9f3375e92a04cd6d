package dev.sendmail.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.TxtAnswer;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Judging the published key record against the signing key. */
class DkimKeyCheckTest {

    private static final String NAME = "brisbane._domainkey.football.example.com";
    /** RFC 8463 appendix A.2: the record published for the example key. */
    private static final String RFC_RECORD = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

    private static DkimKey ed;
    private static DkimKey rsa;
    private static DkimKey otherRsa;

    @BeforeAll
    static void keys() throws Exception {
        ed = DkimRfcExamplesTest.rfcEd25519Key();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        rsa = DkimKey.of(g.generateKeyPair().getPrivate());
        otherRsa = DkimKey.of(g.generateKeyPair().getPrivate());
    }

    private static DkimKeyCheck judge(DkimKey key, String... records) {
        return DkimKeyCheck.judge(NAME, key, TxtAnswer.found(NAME, List.of(records)));
    }

    @Test
    void theRfc8463RecordMatchesTheRfc8463Key() {
        DkimKeyCheck c = judge(ed, RFC_RECORD);
        assertEquals(DkimKeyCheck.Outcome.MATCH, c.outcome(), c.toString());
        assertTrue(c.matches());
        assertEquals(NAME + ": MATCH: publishes this ed25519 key", c.toString());
    }

    @Test
    void anRsaRecordMatchesItsKeyAndNotAnother() {
        assertEquals(DkimKeyCheck.Outcome.MATCH, judge(rsa, rsa.dnsRecord()).outcome());
        DkimKeyCheck other = judge(rsa, otherRsa.dnsRecord());
        assertEquals(DkimKeyCheck.Outcome.KEY_MISMATCH, other.outcome());
        assertTrue(other.detail().contains("publish \"" + rsa.dnsRecord() + "\""), other.detail());
        // the same key split into strings and folded still matches (the resolver joined the strings)
        String p = rsa.publicKeyTag();
        assertEquals(DkimKeyCheck.Outcome.MATCH, judge(rsa, "v=DKIM1; k=rsa; p=" + p.substring(0, 100) + " "
                + p.substring(100)).outcome());
    }

    @Test
    void typeMismatchRevokedAndInvalid() {
        assertEquals(DkimKeyCheck.Outcome.KEY_TYPE_MISMATCH, judge(ed, "p=" + ed.publicKeyTag()).outcome(),
                "k= defaults to rsa");
        assertEquals(DkimKeyCheck.Outcome.KEY_TYPE_MISMATCH, judge(rsa, RFC_RECORD).outcome());
        assertEquals(DkimKeyCheck.Outcome.REVOKED, judge(ed, "v=DKIM1; k=ed25519; p=").outcome());
        assertEquals(DkimKeyCheck.Outcome.INVALID, judge(ed, "v=DKIM1; k=ed25519").outcome());
        assertEquals(DkimKeyCheck.Outcome.INVALID, judge(ed, RFC_RECORD + "; h=sha1").outcome());
        assertEquals(DkimKeyCheck.Outcome.INVALID, judge(ed, RFC_RECORD + "; s=other").outcome());
        // a record with a C1 character or U+2028 is invalid, and its detail stays on one line
        for (String odd : new String[] {"v=DKIM1; k=ed\u0085; p=x", "v=DKIM1; k=ed\u2028; p=x"}) {
            DkimKeyCheck c = judge(ed, odd);
            assertEquals(DkimKeyCheck.Outcome.INVALID, c.outcome());
            assertEquals(-1, ControlCharacters.indexOf(c.detail()), c.detail());
        }
        assertEquals(DkimKeyCheck.Outcome.KEY_MISMATCH, judge(ed, "v=DKIM1; k=ed25519; p="
                + Base64.getEncoder().encodeToString(new byte[32])).outcome());
        DkimKeyCheck testing = judge(ed, RFC_RECORD + "; t=y");
        assertTrue(testing.matches() && testing.detail().contains("t=y"), testing.toString());
    }

    @Test
    void missingRecordsAndSeveralRecords() {
        assertEquals(DkimKeyCheck.Outcome.MISSING, DkimKeyCheck.judge(NAME, ed, TxtAnswer.noSuchName(NAME)).outcome());
        DkimKeyCheck noData = DkimKeyCheck.judge(NAME, ed, TxtAnswer.noData(NAME));
        assertEquals(DkimKeyCheck.Outcome.MISSING, noData.outcome());
        assertTrue(noData.detail().contains("publish \"" + RFC_RECORD + "\""), noData.detail());
        assertEquals(DkimKeyCheck.Outcome.MISSING, judge(ed, "google-site-verification=x", "v=spf1 -all").outcome());
        assertEquals(DkimKeyCheck.Outcome.MATCH, judge(ed, "some token", RFC_RECORD).outcome());
        assertEquals(DkimKeyCheck.Outcome.INVALID, judge(ed, RFC_RECORD, rsa.dnsRecord()).outcome());
    }

    @Test
    void checkLooksUpTheSelectorNameAndPassesFailuresOn() throws Exception {
        List<String> asked = new ArrayList<>();
        Map<String, TxtAnswer> zone = Map.of(NAME, TxtAnswer.found(NAME, List.of(RFC_RECORD)));
        Resolver r = new Resolver() {
            @Override
            public MailRoute resolve(String domain) {
                throw new AssertionError("not used");
            }

            @Override
            public TxtAnswer txt(String name) throws ResolutionFailedException {
                asked.add(name);
                if (name.startsWith("down.")) {
                    throw new ResolutionFailedException(name, ResolutionFailedException.Reason.TEMPORARY, "SERVFAIL",
                            null);
                }
                return zone.getOrDefault(name, TxtAnswer.noSuchName(name));
            }
        };
        assertTrue(DkimKeyCheck.check(r, ed, "brisbane", "football.example.com").matches());
        assertEquals(List.of(NAME), asked);
        assertFalse(DkimKeyCheck.check(r, ed, "other", "football.example.com").matches());
        assertThrows(ResolutionFailedException.class, () -> DkimKeyCheck.check(r, ed, "down", "example.com"));
        assertThrows(IllegalArgumentException.class, () -> DkimKeyCheck.check(r, ed, "a;b", "example.com"));
    }

    @Test
    void theVerdictAsALineAndAsJson() {
        DkimKeyCheck match = judge(ed, RFC_RECORD);
        assertEquals("dkim " + NAME + ": MATCH: publishes this ed25519 key", match.text());
        assertEquals("{\"dkim\":\"" + NAME + "\",\"outcome\":\"match\",\"detail\":\"publishes this ed25519 key\"}",
                match.json());
        // a control character in what DNS gave stays inside its one line (C1 and U+2028 too)
        DkimKeyCheck odd = new DkimKeyCheck(NAME, DkimKeyCheck.Outcome.INVALID, "k=x\ny\u0085z\u2028");
        assertEquals("dkim " + NAME + ": INVALID: k=x y z ", odd.text());
        assertTrue(odd.json().contains("\"outcome\":\"invalid\",\"detail\":\"k=x\\ny"), odd.json());
    }

    @Test
    void aRecordNotCheckedAsALineAndAsJson() {
        assertEquals("dkim key: not checked: no domain ", DkimKeyCheck.notCheckedText("key", "no domain\r"));
        assertEquals("dkim " + NAME + ": not checked: DNS timed out ", DkimKeyCheck.notCheckedText(NAME,
                "DNS timed out\n"));
        assertEquals("{\"dkim\":\"" + NAME + "\",\"error\":\"DNS \\\"down\\\"\"}",
                DkimKeyCheck.notCheckedJson(NAME, "DNS \"down\""));
    }
}
