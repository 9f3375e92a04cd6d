package dev.sendmail.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DmarcRecordTest {

    @Test
    void readsPolicyAndAlignmentModes() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=reject; sp=quarantine; adkim=s; aspf=r; pct=50; "
                + "rua=mailto:d@example.org; fo=1");
        assertEquals(Optional.of("reject"), r.policy());
        assertEquals(Optional.of("quarantine"), r.subdomainPolicy());
        assertTrue(r.strictDkim());
        assertFalse(r.strictSpf());
        assertEquals(50, r.percent());
        assertTrue(r.problems().isEmpty(), r.toString());
        DmarcRecord relaxed = DmarcRecord.parse("v=DMARC1;p=none");
        assertFalse(relaxed.strictDkim() || relaxed.strictSpf());
        assertEquals(100, relaxed.percent());
    }

    @Test
    void recognisesDmarcRecordsOnly() {
        assertTrue(DmarcRecord.isDmarc("v=DMARC1; p=none"));
        assertTrue(DmarcRecord.isDmarc("v = DMARC1;p=none"));
        assertTrue(DmarcRecord.isDmarc("v=DMARC1"));
        assertFalse(DmarcRecord.isDmarc("v=dmarc1; p=none"));
        assertFalse(DmarcRecord.isDmarc("v=DMARC10; p=none"));
        assertFalse(DmarcRecord.isDmarc("p=none; v=DMARC1"));
        assertFalse(DmarcRecord.isDmarc("v=spf1 -all"));
    }

    @Test
    void problemsAreNamed() {
        assertTrue(DmarcRecord.parse("v=DMARC1; p=block").problems().get(0).contains("p=block"));
        assertTrue(DmarcRecord.parse("v=DMARC1; p=none; p=reject").problems().get(0).contains("more than one p="));
        assertTrue(DmarcRecord.parse("v=DMARC1; p=none; adkim=x").problems().get(0).contains("adkim=x"));
        assertTrue(DmarcRecord.parse("v=DMARC1; p=none; pct=101").problems().get(0).contains("pct=101"));
        assertTrue(DmarcRecord.parse("v=DMARC1; p=none; pct=-1").problems().get(0).contains("pct=-1"));
        assertTrue(DmarcRecord.parse("v=DMARC1; p=none; junk").problems().get(0).contains("no value"));
        DmarcRecord noP = DmarcRecord.parse("v=DMARC1; rua=mailto:a@example.org");
        assertEquals(Optional.of("none"), noP.policy());
        assertTrue(noP.problems().get(0).contains("no p="));
        assertEquals(Optional.empty(), DmarcRecord.parse("v=DMARC1; adkim=s").policy());
        assertTrue(DmarcRecord.parse("v=DMARC1; p=none\u0007").problems().get(0).contains("printable"));
        assertTrue(DmarcRecord.parse("v=DMARC1; p=none;" + " x=y;".repeat(1000)).problems().get(0)
                .contains("longer"));
        assertTrue(DmarcRecord.parse("v=DMARC1; p=none;" + "x=y;".repeat(100)).problems().stream()
                .anyMatch(p -> p.contains("more than " + DmarcRecord.MAX_TAGS + " tags")));
    }

    @Test
    void randomInputNeverThrowsAndStaysBounded() {
        Random random = new Random(7489);
        String alphabet = "v=DMARC1;pspadkimaspfctnoerjquat=rs0123456789 \t\u0000\u00e9";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(random.nextInt(3) == 0 ? "" : "v=DMARC1;");
            int n = random.nextInt(i % 100 == 0 ? 3000 : 80);
            for (int j = 0; j < n; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            DmarcRecord r = DmarcRecord.parse(b.toString());
            assertTrue(r.problems().size() <= DmarcRecord.MAX_TAGS + 2);
            assertTrue(r.percent() >= 0 && r.percent() <= 100);
            r.policy().ifPresent(p -> assertTrue(p.equals("none") || p.equals("quarantine") || p.equals("reject")));
        }
    }
}
