package dev.sendmail.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StsPolicyTest {

    private static String reason(String text) {
        return assertThrows(IllegalArgumentException.class, () -> StsPolicy.parse(text)).getMessage();
    }

    @Test
    void readsTheRfcExampleWithCrlfAndLf() {
        StsPolicy p = StsPolicy.parse("version: STSv1\r\nmode: enforce\nmx: mail.example.com\r\n"
                + "mx: *.example.net\nmx: backupmx.example.com\nmax_age: 604800\n");
        assertEquals(StsMode.ENFORCE, p.mode());
        assertEquals(List.of("mail.example.com", "*.example.net", "backupmx.example.com"), p.mx());
        assertEquals(Duration.ofDays(7), p.maxAge());
        assertEquals(List.of("version: STSv1", "mode: enforce", "mx: mail.example.com", "mx: *.example.net",
                "mx: backupmx.example.com", "max_age: 604800"), p.lines());
    }

    @Test
    void fieldsInAnyOrderBlanksAroundValuesAndNoFinalLineEnd() {
        StsPolicy p = StsPolicy.parse("max_age:86400 \nmx:\tMX1.Example.ORG\nmode:  testing\nversion: STSv1");
        assertEquals(StsMode.TESTING, p.mode());
        assertEquals(List.of("mx1.example.org"), p.mx());
        assertEquals(Duration.ofSeconds(86400), p.maxAge());
    }

    @Test
    void unknownKeysAreIgnored() {
        StsPolicy p = StsPolicy.parse("version: STSv1\nmode: none\nmax_age: 0\nx-extension: some value here\n");
        assertEquals(StsMode.NONE, p.mode());
        assertEquals(List.of(), p.mx());
        assertEquals(Duration.ZERO, p.maxAge());
    }

    @Test
    void requiredFieldsAndTheirValues() {
        assertTrue(reason("mode: enforce\nmx: a.example\nmax_age: 1\n").contains("no version"));
        assertTrue(reason("version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n").contains("STSv1"));
        assertTrue(reason("version: stsv1\nmode: enforce\nmx: a.example\nmax_age: 1\n").contains("STSv1"));
        assertTrue(reason("version: STSv1\nmx: a.example\nmax_age: 1\n").contains("no mode"));
        assertTrue(reason("version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1\n").contains("mode must be"));
        assertTrue(reason("version: STSv1\nmode: enforce\nmx: a.example\n").contains("no max_age"));
        assertTrue(reason("version: STSv1\nmode: enforce\nmax_age: 1\n").contains("at least one mx"));
        assertTrue(reason("version: STSv1\nmode: testing\nmax_age: 1\n").contains("at least one mx"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "+5", "12345678901", "31557601", "9999999999", "abc", "0x10"})
    void maxAgeIsBoundedDigits(String value) {
        String r = reason("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: " + value + "\n");
        assertTrue(r.contains("max_age"), r);
    }

    @Test
    void maxAgeOfOneYearIsTheLargestAccepted() {
        assertEquals(Duration.ofSeconds(31_557_600L),
                StsPolicy.parse("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557600\n").maxAge());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*.", "a..example", "-a.example", "a-.example", "a.example.", "a_b.example",
            "**.example", "a.*.example", "*example.org", "m\u00e9l.example", "[192.0.2.1]", "a example"})
    void mxPatternsMustBeHostNamesOrOneLeadingWildcard(String value) {
        String r = reason("version: STSv1\nmode: enforce\nmx: " + value + "\nmax_age: 5\n");
        assertTrue(r.contains("mx") || r.contains("invalid value"), r);
    }

    @Test
    void malformedLinesAndDuplicatesAreRefusedWithTheLineNumber() {
        assertTrue(reason("version: STSv1\nmode enforce\n").contains("line 2"));
        assertTrue(reason("version: STSv1\n\nmode: enforce\nmx: a.example\nmax_age: 1\n").contains("line 2"));
        assertTrue(reason(" version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\n").contains("invalid key"));
        assertTrue(reason("version: STSv1\nmode: enforce\nmode: none\nmx: a.example\nmax_age: 1\n")
                .contains("mode is given twice"));
        assertTrue(reason("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\nx: a\u0000b\n")
                .contains("invalid value"));
        assertTrue(reason("version: STSv1\nmode:\nmx: a.example\nmax_age: 1\n").contains("invalid value"));
        for (String odd : new String[] {"a\u0085b", "a\u2028b", "a\u2029b", "a\u007fb", "a\tb"}) {
            assertTrue(reason("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\nx: " + odd + "\n")
                    .contains("invalid value"), odd);
        }
        assertEquals("line 5 has an invalid key \"x\\u2028y\\u0085z\"",
                reason("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\nx\u2028y\u0085z: a\n"));
    }

    @Test
    void bodyMustBeUtf8AndBounded() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StsPolicy.parse(new byte[] {'x', ':', ' ', (byte) 0xC3, '\n'})).getMessage().contains("UTF-8"));
        byte[] big = ("version: STSv1\nmode: none\nmax_age: 1\nx: " + "a".repeat(StsPolicy.MAX_BYTES) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StsPolicy.parse(big)).getMessage()
                .contains("larger than"));
        assertEquals(StsMode.NONE, StsPolicy.parse("version: STSv1\nmode: none\nmax_age: 1\nnote: gr\u00fc\u00df\n"
                .getBytes(StandardCharsets.UTF_8)).mode());
    }

    @Test
    void exactPatternsMatchOnlyThatHostWithoutCaseOrTrailingDot() {
        StsPolicy p = StsPolicy.parse("version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 5\n");
        assertTrue(p.allows("mail.example.com"));
        assertTrue(p.allows("MAIL.Example.COM."));
        assertFalse(p.allows("example.com"));
        assertFalse(p.allows("xmail.example.com"));
        assertFalse(p.allows("a.mail.example.com"));
        assertFalse(p.allows("mail.example.com.evil.test"));
    }

    @Test
    void aWildcardStandsForExactlyOneLeftmostLabel() {
        StsPolicy p = StsPolicy.parse("version: STSv1\nmode: enforce\nmx: *.example.net\nmax_age: 5\n");
        assertTrue(p.allows("mx1.example.net"));
        assertTrue(p.allows("MX2.EXAMPLE.NET."));
        assertFalse(p.allows("example.net"), "the wildcard needs a label");
        assertFalse(p.allows(".example.net"));
        assertFalse(p.allows("a.b.example.net"), "only one label");
        assertFalse(p.allows("mx1.example.net.org"));
        assertFalse(p.allows("mx1example.net"));
    }

    @Test
    void aPolicyWithoutPatternsAllowsNothing() {
        StsPolicy p = StsPolicy.parse("version: STSv1\nmode: none\nmax_age: 5\n");
        assertFalse(p.allows("mail.example.com"));
    }
}
