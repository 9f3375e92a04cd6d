package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sendmail.api.ControlCharacters;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.dnssec.ValidatingResolver;

class DnsClientTest {

    private static Message withReason(String reason) {
        Message m = new Message();
        m.addRecord(new TXTRecord(Name.root, ValidatingResolver.VALIDATION_REASON_QCLASS, 0, reason),
                Section.ADDITIONAL);
        return m;
    }

    @Test
    void theValidatorsReasonIsShownOnOneLineWhateverItsControlCharacters() {
        // C1 (U+0085 is NEXT LINE) and DEL: dnsjava's TXT strings show each byte outside printable ASCII as \DDD
        String shown = DnsClient.validationFailure(withReason("signature expired\u0085for\u009Bexample.org\u007F."));
        assertEquals(-1, ControlCharacters.indexOf(shown), shown);
        assertEquals("signature expired\\194\\133for\\194\\155example.org\\127.", shown);
    }

    @Test
    void theReasonIsCutAfter200Characters() {
        assertEquals("x".repeat(200), DnsClient.validationFailure(withReason("x".repeat(250))));
    }

    @Test
    void anAnswerWithoutAReasonHasNone() {
        assertEquals(null, DnsClient.validationFailure(new Message()));
    }
}
