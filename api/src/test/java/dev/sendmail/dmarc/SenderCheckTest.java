package dev.sendmail.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.dkim.DkimKey;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.TxtAnswer;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SenderCheckTest {

    /** TXT records from a map; other names do not exist. */
    static final class TxtZone implements Resolver {
        final Map<String, List<String>> records = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        TxtZone txt(String name, String... values) {
            records.put(name, List.of(values));
            return this;
        }

        @Override
        public MailRoute resolve(String domain) throws ResolutionFailedException {
            throw new ResolutionFailedException(domain, ResolutionFailedException.Reason.PERMANENT, "not here", null);
        }

        @Override
        public TxtAnswer txt(String name) {
            asked.add(name);
            List<String> r = records.get(name);
            return r == null ? TxtAnswer.noSuchName(name) : r.isEmpty() ? TxtAnswer.noData(name)
                    : TxtAnswer.found(name, r);
        }
    }

    private static DkimKey key;
    private static DkimKey otherKey;
    private static String keyTag;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        key = DkimKey.of(g.generateKeyPair().getPrivate());
        otherKey = DkimKey.of(g.generateKeyPair().getPrivate());
        keyTag = key.publicKeyTag();
    }

    private final TxtZone zone = new TxtZone()
            .txt("example.org", "google-site-verification=x", "v=spf1 ip4:192.0.2.10 -all")
            .txt("_dmarc.example.org", "v=DMARC1; p=reject; adkim=s; aspf=s")
            .txt("mail._domainkey.example.org", "v=DKIM1; k=rsa; p=" + keyTag.substring(0, 20) + " "
                    + keyTag.substring(20));

    private static List<SenderCheck.DkimSetup> dkim(String domain) {
        return List.of(new SenderCheck.DkimSetup(domain, "mail", key));
    }

    private static List<String> lines(SenderCheck.Report r) {
        return r.findings().stream().map(SenderCheck.Finding::toString).toList();
    }

    @Test
    void anAlignedSetupNeedsNothing() throws Exception {
        SenderCheck.Report r = SenderCheck.check(zone, "example.org", "example.org", dkim("example.org"));
        assertFalse(r.needsFixing(), lines(r).toString());
        assertTrue(lines(r).contains("alignment strict: ok: From example.org is aligned through DKIM d=example.org"
                + " and SPF example.org"), lines(r).toString());
        assertTrue(lines(r).stream().anyMatch(l -> l.startsWith("dkim: ok: mail._domainkey.example.org publishes")));
    }

    @Test
    void aSubdomainEnvelopeIsRelaxedButNotStrictlyAligned() throws Exception {
        zone.txt("bounce.example.org", "v=spf1 mx -all");
        SenderCheck.Report r = SenderCheck.check(zone, "bounce.example.org", "example.org", List.of());
        List<String> l = lines(r);
        assertTrue(l.contains("alignment relaxed: ok: From example.org is aligned through SPF bounce.example.org"),
                l.toString());
        assertTrue(l.stream().anyMatch(s -> s.startsWith("alignment strict: fix: From example.org is aligned with "
                + "neither the envelope sender's domain bounce.example.org (and no DKIM key)")), l.toString());
        assertTrue(r.needsFixing());
    }

    @Test
    void aForeignDkimDomainAndEnvelopeAreMisaligned() throws Exception {
        zone.txt("esp.example.net", "v=spf1 include:_spf.esp.example.net -all")
                .txt("mail._domainkey.esp.example.net", "v=DKIM1; p=" + keyTag);
        SenderCheck.Report r = SenderCheck.check(zone, "esp.example.net", "example.org", dkim("esp.example.net"));
        List<String> l = lines(r);
        assertTrue(l.stream().anyMatch(s -> s.startsWith("alignment relaxed: fix: From example.org is aligned with "
                + "neither the envelope sender's domain esp.example.net nor the DKIM domain esp.example.net: sign "
                + "with d=example.org")), l.toString());
    }

    @Test
    void missingRecordsSayWhatToPublish() throws Exception {
        SenderCheck.Report r = SenderCheck.check(zone, "new.example.com", "new.example.com", dkim("new.example.com"));
        List<String> l = lines(r);
        assertTrue(l.get(0).startsWith("spf: fix: no SPF record at new.example.com"), l.toString());
        assertTrue(l.get(1).startsWith("dkim: fix: no DKIM key at mail._domainkey.new.example.com: publish "
                + "\"v=DKIM1; k=rsa; p=" + keyTag + "\""), l.toString());
        assertTrue(l.get(2).startsWith("dmarc: fix: no DMARC record for new.example.com: publish "
                + "_dmarc.new.example.com"), l.toString());
        // the tree walk stops before the top-level domain
        assertEquals(List.of("_dmarc.new.example.com", "_dmarc.example.com"),
                zone.asked.stream().filter(n -> n.startsWith("_dmarc.")).toList());
    }

    @Test
    void aParentDomainsPolicyCoversASubdomainFrom() throws Exception {
        zone.txt("news.example.org", "v=spf1 -all");
        SenderCheck.Report r = SenderCheck.check(zone, "news.example.org", "news.example.org", List.of());
        assertTrue(lines(r).contains("dmarc: ok: _dmarc.example.org (for news.example.org): p=reject, adkim=s, "
                + "aspf=s"), lines(r).toString());
    }

    @Test
    void aWrongOrRevokedKeyAndBrokenRecordsAreFound() throws Exception {
        zone.txt("mail._domainkey.example.org", otherKey.dnsRecord())
                .txt("_dmarc.example.org", "v=DMARC1; p=reject", "v=DMARC1; p=none")
                .txt("example.org", "v=spf1 -all", "v=spf1 mx -all");
        List<String> l = lines(SenderCheck.check(zone, "example.org", "example.org", dkim("example.org")));
        assertTrue(l.contains("spf: fix: example.org has 2 SPF records (receivers answer permerror): merge them "
                + "into one"), l.toString());
        assertTrue(l.stream().anyMatch(s -> s.startsWith("dkim: fix: the key at mail._domainkey.example.org is not "
                + "the public half")), l.toString());
        assertTrue(l.contains("dmarc: fix: _dmarc.example.org has 2 DMARC records (receivers ignore them all): keep "
                + "one"), l.toString());
        zone.txt("mail._domainkey.example.org", "v=DKIM1; p=");
        l = lines(SenderCheck.check(zone, "example.org", "example.org", dkim("example.org")));
        assertTrue(l.stream().anyMatch(s -> s.contains("is revoked")), l.toString());
    }

    @Test
    void organizationalDomainsByTheHeuristic() {
        assertEquals("example.org", SenderCheck.organizational("a.b.example.org"));
        assertEquals("example.co.uk", SenderCheck.organizational("mail.example.co.uk"));
        assertEquals("example.org", SenderCheck.organizational("example.org"));
    }

    @Test
    void theReportAsLinesAndAsJson() throws Exception {
        SenderCheck.Report r = new SenderCheck.Report(List.of(
                new SenderCheck.Finding("spf", SenderCheck.Verdict.OK, "example.org publishes \"v=spf1\tmx\""),
                new SenderCheck.Finding("dmarc", SenderCheck.Verdict.FIX, "no DMARC record")));
        assertEquals(List.of("sender zoe@example.org (SPF, DKIM, DMARC in DNS):",
                "  spf: ok: example.org publishes \"v=spf1 mx\"", "  dmarc: fix: no DMARC record"),
                r.text("zoe@example.org"));
        assertEquals(List.of("{\"sender\":\"zoe@example.org\",\"check\":\"spf\",\"verdict\":\"ok\","
                        + "\"line\":\"example.org publishes \\\"v=spf1\\tmx\\\"\"}",
                "{\"sender\":\"zoe@example.org\",\"check\":\"dmarc\",\"verdict\":\"fix\",\"line\":\"no DMARC record\"}"),
                r.json("zoe@example.org"));
        assertEquals(List.of(), new SenderCheck.Report(List.of()).json("zoe@example.org"));
    }

    @Test
    void aCheckNotMadeAsALineAndAsJson() {
        assertEquals("sender zoe@example.org: not checked: SERVFAIL for _dmarc.example.org ",
                SenderCheck.notCheckedText("zoe@example.org", "SERVFAIL for _dmarc.example.org\n"));
        assertEquals("{\"sender\":\"zoe@example.org\",\"error\":\"SERVFAIL\\n\"}",
                SenderCheck.notCheckedJson("zoe@example.org", "SERVFAIL\n"));
    }
}
