package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.cli.config.Environment;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.tlsrpt.TlsReportStore;
import dev.sendmail.tlsrpt.TlsSession;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tls-report DOMAIN} and {@code --tls-report-send}. */
class TlsReportCommandTest {

    @TempDir
    Path home;

    private Environment env;

    @BeforeEach
    void recordSessions() throws Exception {
        Environment base = CliRun.env(home);
        Map<String, String> vars = new HashMap<>(base.user().variables());
        vars.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env = CliRun.withVariables(base, vars);
        TlsReportStore store = new TlsReportStore(home.resolve("cache/send-mail/tls-rpt"));
        List<String> policy = List.of("version: STSv1", "mode: testing", "mx: *.example.org", "max_age: 86400");
        Instant at = Instant.parse("2026-11-28T09:00:00Z");  // the day of CliRun's clock
        store.record(at, new TlsSession("sts", "example.org", policy, List.of("*.example.org"), "mx1.example.org",
                Optional.empty(), Optional.empty(), ""));
        store.record(at, new TlsSession("sts", "example.org", policy, List.of("*.example.org"), "mx2.example.org",
                Optional.empty(), Optional.of("certificate-host-mismatch"), "certificate does not match"));
    }

    @Test
    void printsTodaysReportAsJson() {
        CliRun r = CliRun.run(env, "", "--tls-report", "Example.ORG", "-f", "postmaster@sender.test");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("\"organization-name\": \"sender.test\""), r.out());
        assertTrue(r.out().contains("\"contact-info\": \"postmaster@sender.test\""), r.out());
        assertTrue(r.out().contains("\"start-datetime\": \"2026-11-28T00:00:00Z\""), r.out());
        assertTrue(r.out().contains("\"total-successful-session-count\": 1"), r.out());
        assertTrue(r.out().contains("\"total-failure-session-count\": 1"), r.out());
        assertTrue(r.out().contains("\"result-type\": \"certificate-host-mismatch\""), r.out());
    }

    @Test
    void aDomainWithoutRecordsGivesAnEmptyReportAndABadDomainIsAUsageError() {
        CliRun empty = CliRun.run(env, "", "--tls-report", "other.org", "-f", "postmaster@sender.test");
        assertEquals(0, empty.code(), empty.toString());
        assertTrue(empty.out().contains("\"policies\": []"), empty.out());
        assertEquals(64, CliRun.run(env, "", "--tls-report", "../etc", "-f", "a@sender.test").code());
        assertEquals(64, CliRun.run(env, "", "--tls-report-send", "-f", "a@sender.test").code());
    }

    @Test
    void sendMailsTheReportToTheRuaAddress() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            CliRun r = CliRun.run(env, "", "--tls-report", "example.org", "--tls-report-send",
                    "-f", "postmaster@sender.test", "--server", "localhost:" + server.port(), "--tls", "off",
                    "--resolver", "srvtest", "--set",
                    "txt._smtp._tls.example.org=v=TLSRPTv1; rua=mailto:tlsrpt@example.org,https://r.example.org/x");
            assertEquals(0, r.code(), r.toString());
            assertEquals(1, server.messages().size());
            String text = server.messages().get(0).contentText();
            assertTrue(server.messages().get(0).mailFrom().contains("<postmaster@sender.test>"),
                    server.messages().get(0).mailFrom());
            assertTrue(text.contains("To: <tlsrpt@example.org>"), text);
            assertTrue(text.contains("TLS-Report-Domain: example.org"), text);
            assertTrue(text.contains("TLS-Report-Submitter: sender.test"), text);
            assertTrue(text.contains("application/tlsrpt+gzip"), text);
        }
    }

    @Test
    void withoutAMailtoAddressNothingIsSent() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            CliRun r = CliRun.run(env, "", "--tls-report", "example.org", "--tls-report-send",
                    "-f", "postmaster@sender.test", "--server", "localhost:" + server.port(), "--tls", "off",
                    "--resolver", "srvtest");
            assertEquals(69, r.code(), r.toString());
            assertTrue(r.err().contains("_smtp._tls.example.org has no TXT record"), r.err());
            assertEquals(0, server.messages().size());
        }
    }
}
