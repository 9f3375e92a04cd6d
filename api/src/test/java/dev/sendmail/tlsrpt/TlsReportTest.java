package dev.sendmail.tlsrpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsReportTest {

    private static final List<String> POLICY = List.of("version: STSv1", "mode: testing", "mx: *.example.org",
            "max_age: 86400");
    private static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path tmp;

    private static TlsSession ok(String mx) {
        return new TlsSession("sts", "example.org", POLICY, List.of("*.example.org"), mx, Optional.of("192.0.2.1"),
                Optional.empty(), "");
    }

    private static TlsSession failed(String mx, String type) {
        return new TlsSession("sts", "example.org", POLICY, List.of("*.example.org"), mx, Optional.of("192.0.2.2"),
                Optional.of(type), "certificate does not match\tthe host name");
    }

    @Test
    void sessionsAreKeptPerDomainAndDayAndReadBack() throws IOException {
        TlsReportStore store = TlsReportStore.inCache(tmp.resolve("cache"));
        store.record(NOON, ok("mx1.example.org"));
        store.record(NOON, failed("mx2.example.org", "certificate-host-mismatch"));
        store.record(NOON.plusSeconds(86_400), ok("mx1.example.org"));
        assertEquals(List.of(ok("mx1.example.org"), failed("mx2.example.org", "certificate-host-mismatch")),
                store.sessions("EXAMPLE.org", LocalDate.parse("2026-12-01")));
        assertEquals(1, store.sessions("example.org", LocalDate.parse("2026-12-02")).size());
        assertEquals(List.of(), store.sessions("other.org", LocalDate.parse("2026-12-01")));
        Path file = tmp.resolve("cache/tls-rpt/example.org/2026-12-01");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(2, Files.readAllLines(file).size(), "one line per session, whatever the detail holds");
        assertThrows(IllegalArgumentException.class, () -> store.sessions("../x", LocalDate.parse("2026-12-01")));
    }

    @Test
    void aSymbolicLinkIsNeitherReadNorWritten() throws IOException {
        Path dir = tmp.resolve("tls-rpt");
        TlsReportStore store = new TlsReportStore(dir);
        store.record(NOON, ok("mx1.example.org"));
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere"), "");
        Path day = dir.resolve("example.org/2026-12-02");
        Files.createSymbolicLink(day, elsewhere);
        assertThrows(IOException.class, () -> store.sessions("example.org", LocalDate.parse("2026-12-02")));
        assertThrows(IOException.class, () -> store.record(NOON.plusSeconds(86_400), ok("mx1.example.org")));
        assertEquals("", Files.readString(elsewhere));
    }

    @Test
    void theJsonFollowsRfc8460WithFailuresGrouped() {
        TlsReport r = new TlsReport("sender.example", "postmaster@sender.example", "2026-12-01.abc@sender.example",
                "example.org", LocalDate.parse("2026-12-01"), List.of(ok("mx1.example.org"), ok("mx1.example.org"),
                        failed("mx2.example.org", "certificate-host-mismatch"),
                        failed("mx2.example.org", "certificate-host-mismatch")));
        assertEquals("""
                {
                  "organization-name": "sender.example",
                  "date-range": {
                    "start-datetime": "2026-12-01T00:00:00Z",
                    "end-datetime": "2026-12-01T23:59:59Z"
                  },
                  "contact-info": "postmaster@sender.example",
                  "report-id": "2026-12-01.abc@sender.example",
                  "policies": [{
                    "policy": {
                      "policy-type": "sts",
                      "policy-string": ["version: STSv1", "mode: testing", "mx: *.example.org", "max_age: 86400"],
                      "policy-domain": "example.org",
                      "mx-host": ["*.example.org"]
                    },
                    "summary": {
                      "total-successful-session-count": 2,
                      "total-failure-session-count": 2
                    },
                    "failure-details": [{
                      "result-type": "certificate-host-mismatch",
                      "receiving-mx-hostname": "mx2.example.org",
                      "receiving-ip": "192.0.2.2",
                      "failed-session-count": 2
                    }]
                  }]
                }
                """, r.json());
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", TlsReport.str("a\"b\\c\n\u0001"));
    }

    @Test
    void theMessageCarriesTheJsonGzippedWithTheRfcHeaders() throws IOException {
        TlsReport r = new TlsReport("sender.example", "postmaster@sender.example", "id1@sender.example",
                "example.org", LocalDate.parse("2026-12-01"), List.of(ok("mx1.example.org")));
        String m = new String(r.message("postmaster@sender.example", "tlsrpt@example.org", "sender.example",
                NOON, "m1@sender.example"), StandardCharsets.US_ASCII);
        assertTrue(m.contains("\r\nSubject: Report Domain: example.org\r\n Submitter: sender.example\r\n"
                + " Report-ID: <id1@sender.example>\r\n"), m);
        assertTrue(m.contains("\r\nTLS-Report-Domain: example.org\r\n"), m);
        assertTrue(m.contains("\r\nTLS-Report-Submitter: sender.example\r\n"), m);
        assertTrue(m.contains("\r\nTLS-Required: No\r\n"), m);
        assertTrue(m.contains("multipart/report; report-type=\"tlsrpt\""), m);
        assertTrue(m.contains("filename=\"sender.example!example.org!1796083200!1796169599.json.gz\""), m);
        String b64 = m.substring(m.indexOf("base64\r\n"));
        b64 = b64.substring(b64.indexOf("\r\n\r\n") + 4, b64.indexOf("\r\n--"));
        byte[] gz = Base64.getMimeDecoder().decode(b64);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertEquals(r.json(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        for (String line : m.split("\r\n")) {
            assertTrue(line.length() <= 998, line);
        }
        assertThrows(IllegalArgumentException.class, () -> r.message("a@b\r\nBcc: x@y", "t@example.org", "s",
                NOON, "m@s"));
    }

    @Test
    void theRuaRecordNamesMailtoAndHttpsAddresses() {
        TlsRptRecord r = TlsRptRecord.select(List.of("v=spf1 -all",
                "v=TLSRPTv1; rua=mailto:reports@example.org,https://report.example.org/tlsrpt"));
        assertEquals(List.of(URI.create("mailto:reports@example.org"), URI.create("https://report.example.org/tlsrpt")),
                r.rua());
        assertEquals(List.of("reports@example.org"), r.mailto());
        assertThrows(IllegalArgumentException.class, () -> TlsRptRecord.select(List.of("v=TLSRPTv1; x=y")));
        assertThrows(IllegalArgumentException.class, () -> TlsRptRecord.select(List.of()));
        assertThrows(IllegalArgumentException.class, () -> TlsRptRecord.select(List.of("v=TLSRPTv1; rua=a@b;",
                "v=TLSRPTv1; rua=mailto:x@y")));
        assertThrows(IllegalArgumentException.class, () -> TlsRptRecord.parse("v=TLSRPTv1; rua=ftp://x"));
        assertThrows(IllegalArgumentException.class, () -> TlsRptRecord.parse("v=TLSRPTv1; rua=mailto:a b@c"));
    }

    @Test
    void aFieldWithAnyControlCharacterIsRefusedSoNoneReachesAHeader() {
        for (String odd : new String[] {"example.org\r\nBcc: x", "example.org\u2028Bcc: x", "example.org\u0085x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TlsReport(
                    "sender.example", "postmaster@sender.example", "id@sender.example", odd,
                    LocalDate.parse("2026-12-01"), List.of()), odd);
            assertEquals("a report field is empty or has a control character", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new TlsReport("sender.example",
                    "postmaster@sender.example", odd, "example.org", LocalDate.parse("2026-12-01"), List.of()), odd);
        }
    }
}
