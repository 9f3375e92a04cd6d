package dev.sendmail.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StsRecordTest {

    private static String reason(List<String> txt) {
        return assertThrows(IllegalArgumentException.class, () -> StsRecord.select(txt)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=STSv1; id=20160831085700Z;", "v=STSv1;id=20160831085700Z", "v=STSv1 ;\tid=20160831085700Z ; ",
            "v=STSv1; ext=some-value; id=20160831085700Z", "v=STSv1; id=20160831085700Z; x.y_z-1=a!b"})
    void readsTheId(String text) {
        assertEquals("20160831085700Z", StsRecord.parse(text).id());
    }

    @Test
    void otherRecordsAreDiscardedAndExactlyOneMustRemain() {
        assertEquals("abc", StsRecord.select(List.of("v=spf1 -all", "v=STSv1; id=abc", "hello")).id());
        assertTrue(reason(List.of("v=spf1 -all")).contains("no TXT record"));
        assertTrue(reason(List.of()).contains("no TXT record"));
        assertTrue(reason(List.of("v=STSv1; id=a", "v=STSv1; id=b")).contains("exactly one"));
        assertTrue(reason(List.of("v=STSv10; id=a")).contains("no TXT record"));
        assertTrue(reason(List.of("V=STSv1; id=a")).contains("no TXT record"), "v=STSv1 is case-sensitive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=STSv1;", "v=STSv1; id=", "v=STSv1; id=abc-def", "v=STSv1; id=" + "a" + "0123456789abcdef0123456789abcdef",
            "v=STSv1; id=a; id=b", "v=STSv1; id=a;; x=y", "v=STSv1; novalue", "v=STSv1; id=a; x=a b",
            "v=STSv1; id=a; x=", "v=STSv1; id=a; _x=1", "v=STSv1; =1; id=a", "v=STSv1; id=a\u00e9"})
    void malformedRecordsAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> StsRecord.parse(text));
    }

    @Test
    void overlongRecordsAreRefused() {
        String r = assertThrows(IllegalArgumentException.class,
                () -> StsRecord.parse("v=STSv1; id=a; x=" + "b".repeat(StsRecord.MAX_LENGTH))).getMessage();
        assertTrue(r.contains("longer than"), r);
    }
}
