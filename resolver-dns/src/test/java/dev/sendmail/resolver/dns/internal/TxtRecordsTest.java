package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ResolutionFailedException.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Joining and bounding TXT records, without a network. */
class TxtRecordsTest {

    private static final Name OWNER = Name.fromConstantString("example.test.");

    private static TXTRecord txt(List<String> strings) {
        return new TXTRecord(OWNER, DClass.IN, 300, strings);
    }


    @Test
    void stringsJoinWithNothingBetweenAndOtherTypesAreSkipped() throws Exception {
        Record a = new ARecord(OWNER, DClass.IN, 300, java.net.InetAddress.getByName("192.0.2.1"));
        assertEquals(List.of("v=spf1 ip4:192.0.2.0/24 -all", ""),
                TxtRecords.texts(List.of(txt(List.of("v=spf1 ip4:192.0.2.0/24", " -all")), a, txt(List.of("")))));
    }

    @Test
    void everyOctetSurvivesAsTheCharOfTheSameValue() throws Exception {
        // zone-file escapes: decimal octets 0xC3 0xA9 (UTF-8 e-acute), 0x00, 0xFF
        Record raw = Record.fromString(OWNER, Type.TXT, DClass.IN, 300, "\"k=\\195\\169\\000\\255\"", Name.root);
        String text = TxtRecords.texts(List.of(raw)).get(0);
        assertEquals("k=\u00C3\u00A9\u0000\u00FF", text);
    }

    @Test
    void aRecordOverTheBoundIsRefusedAndOneAtItIsNot() throws Exception {
        List<String> atBound = new ArrayList<>(Collections.nCopies(TxtRecords.MAX_RECORD_OCTETS / 256, "x".repeat(256 - 1)));
        int used = atBound.size() * 255;
        atBound.add("y".repeat(TxtRecords.MAX_RECORD_OCTETS - used));
        assertEquals(TxtRecords.MAX_RECORD_OCTETS, TxtRecords.texts(List.of(txt(atBound))).get(0).length());
        List<String> over = new ArrayList<>(atBound);
        over.add("z");
        LookupException e = assertThrows(LookupException.class, () -> TxtRecords.texts(List.of(txt(over))));
        assertEquals(Reason.PERMANENT, e.reason());
    }

    @Test
    void theTotalIsBoundedAcrossRecords() {
        List<String> big = Collections.nCopies(TxtRecords.MAX_RECORD_OCTETS / 255, "w".repeat(255));
        List<Record> records = new ArrayList<>();
        for (int i = 0; i * 255L * big.size() <= TxtRecords.MAX_TOTAL_OCTETS; i++) {
            records.add(txt(big));
        }
        LookupException e = assertThrows(LookupException.class, () -> TxtRecords.texts(records));
        assertEquals(Reason.PERMANENT, e.reason());
        assertTrue(e.getMessage().contains("in all"), e.getMessage());
    }

    @Test
    void theRecordCountIsBounded() throws Exception {
        List<Record> records = new ArrayList<>(Collections.nCopies(TxtRecords.MAX_RECORDS, txt(List.of("t"))));
        assertEquals(TxtRecords.MAX_RECORDS, TxtRecords.texts(records).size());
        records.add(txt(List.of("t")));
        assertThrows(LookupException.class, () -> TxtRecords.texts(records));
    }
}
