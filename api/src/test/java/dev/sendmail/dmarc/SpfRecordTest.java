package dev.sendmail.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpfRecordTest {

    @Test
    void aGoodRecordHasNoProblems() {
        SpfRecord r = SpfRecord.parse("v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx:mail.example.org/28 "
                + "include:_spf.example.net -all");
        assertEquals("[]", r.problems().toString());
        assertTrue(r.valid());
        assertEquals(3, r.lookups());
        assertEquals(Optional.of('-'), r.all());
        assertEquals(6, r.terms().size());
    }

    @Test
    void recognisesSpfRecordsOnly() {
        assertTrue(SpfRecord.isSpf("v=spf1"));
        assertTrue(SpfRecord.isSpf("V=SPF1 -all"));
        assertFalse(SpfRecord.isSpf("v=spf10 -all"));
        assertFalse(SpfRecord.isSpf("google-site-verification=abc"));
        assertFalse(SpfRecord.isSpf("v=DMARC1; p=none"));
    }

    @Test
    void syntaxErrorsMakeItInvalid() {
        String[] bad = {"v=spf1 ip4:192.0.2.300 -all", "v=spf1 ip4:192.0.2.0/33 -all", "v=spf1 ip6:2001:db8:::1 -all",
                "v=spf1 include -all", "v=spf1 frob:example.org -all", "v=spf1 a/99 -all", "v=spf1 redirect=",
                "v=spf1 redirect=a.example redirect=b.example", "v=spf1 all:x", "v=spf1 1bad=x -all",
                "v=spf1 ip4:1.2.3 -all", "v=spf1 ip6:12345::1 -all", "v=spf1 mx:/24 -all",
                "v=spf1 ip4:192.0.2.1\u00e9 -all", "v=spf1 -all\ttrailing"};
        for (String b : bad) {
            SpfRecord r = SpfRecord.parse(b);
            assertFalse(r.valid(), b + " " + r);
            assertFalse(r.problems().isEmpty(), b);
            r.problems().forEach(p -> assertFalse(p.contains("\n") || p.contains("\r"), p));
        }
    }

    @Test
    void adviceLeavesItValid() {
        SpfRecord plus = SpfRecord.parse("v=spf1 mx +all");
        assertTrue(plus.valid());
        assertTrue(plus.problems().get(0).contains("+all"), plus.toString());
        SpfRecord open = SpfRecord.parse("v=spf1 mx");
        assertTrue(open.valid());
        assertTrue(open.problems().get(0).contains("end it with -all"), open.toString());
        SpfRecord after = SpfRecord.parse("v=spf1 -all mx");
        assertTrue(after.problems().get(0).contains("after 'all'"), after.toString());
        assertTrue(SpfRecord.parse("v=spf1 redirect=_spf.example.org").problems().isEmpty());
    }

    @Test
    void moreThanTenLookupsIsAnError() {
        StringBuilder b = new StringBuilder("v=spf1");
        for (int i = 0; i < 11; i++) {
            b.append(" include:s").append(i).append(".example.org");
        }
        SpfRecord r = SpfRecord.parse(b.append(" -all").toString());
        assertFalse(r.valid());
        assertEquals(11, r.lookups());
        assertTrue(r.problems().get(0).contains("11 DNS lookups"), r.toString());
    }

    @Test
    void hugeRecordsAreRefusedByTheBounds() {
        SpfRecord longOne = SpfRecord.parse("v=spf1 " + "a ".repeat(SpfRecord.MAX_LENGTH));
        assertFalse(longOne.valid());
        assertTrue(longOne.terms().isEmpty());
        SpfRecord many = SpfRecord.parse("v=spf1 " + "ip4:192.0.2.1 ".repeat(SpfRecord.MAX_TERMS + 5) + "-all");
        assertEquals(SpfRecord.MAX_TERMS, many.terms().size());
        assertFalse(many.valid());
    }

    @Test
    void randomInputNeverThrowsAndStaysBounded() {
        Random random = new Random(7208);
        String alphabet = "v=spf1 +-~?:/.aimnclupdx4621redirectexp%{}_ \u0000\u00e9;";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(random.nextInt(3) == 0 ? "" : "v=spf1 ");
            int n = random.nextInt(i % 100 == 0 ? 6000 : 80);
            for (int j = 0; j < n; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            SpfRecord r = SpfRecord.parse(b.toString());
            assertTrue(r.terms().size() <= SpfRecord.MAX_TERMS);
            assertTrue(r.problems().size() <= SpfRecord.MAX_TERMS * 3 + 5);
            assertTrue(r.valid() || !r.problems().isEmpty());
        }
    }
}
