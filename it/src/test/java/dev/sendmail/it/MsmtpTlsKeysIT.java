package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * msmtp's {@code tls_host_override} and {@code tls_crl_file} (given as msmtp's options, which set the same keys)
 * against Postfix's real STARTTLS: the certificate is checked against the override name, not the host connected
 * to; a revocation list of the server's CA that lists its certificate stops the session before any mail, one that
 * does not lets it through.
 */
class MsmtpTlsKeysIT {

    private static final String RCPT = "bob@example.test";

    @TempDir
    static Path dir;
    private static Path emptyCrl;
    private static Path revokingCrl;

    /** Two CRLs signed by the container's CA (openssl ca): one empty, one revoking the server certificate. */
    @BeforeAll
    static void revocationLists() throws Exception {
        MailServer pf = Servers.postfix();
        String cnf = "[ca]\ndefault_ca=it\n[it]\ndatabase=/tmp/it-crl/index.txt\ncrlnumber=/tmp/it-crl/crlnumber\n"
                + "default_md=sha256\ndefault_crl_days=2\n";
        String ca = "-config /tmp/it-crl/ca.cnf -keyfile /etc/it-tls/ca.key -cert /etc/it-tls/ca.pem";
        pf.exec("sh", "-c", "set -e; rm -rf /tmp/it-crl; mkdir /tmp/it-crl; cd /tmp/it-crl; : > index.txt; "
                + "echo 01 > crlnumber; printf '" + cnf.replace("\n", "\\n") + "' > ca.cnf; "
                + "openssl ca " + ca + " -gencrl -out empty.crl 2>/dev/null; "
                + "openssl ca " + ca + " -revoke /etc/it-tls/cert.pem -crl_reason keyCompromise 2>/dev/null; "
                + "openssl ca " + ca + " -gencrl -out revoked.crl 2>/dev/null");
        emptyCrl = Files.write(dir.resolve("empty.crl"), pf.file("/tmp/it-crl/empty.crl"));
        revokingCrl = Files.write(dir.resolve("revoked.crl"), pf.file("/tmp/it-crl/revoked.crl"));
    }

    private static List<String> msmtp(String transport, String host, MailServer pf, String... keys) {
        List<String> a = new ArrayList<>(List.of("--msmtp", "--transport", transport, "--host=" + host,
                "--port=" + pf.smtpPort(), "--tls=on", "--tls-starttls=on", "--tls-trust-file=" + pf.caFile(),
                "--timeout=30", "--from=" + TestMessages.FROM));
        a.addAll(List.of(keys));
        a.add(RCPT);
        return a;
    }

    private static void assertRefused(CliResult r, MailServer pf, String token, String why) {
        assertNotEquals(0, r.exit(), r.describe());
        assertNotEquals(64, r.exit(), r.describe());
        assertTrue(r.stderr().contains(why), r.describe());
        assertEquals(List.of(), pf.mailNow(token));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void theHostOverrideIsTheNameTheCertificateIsCheckedAgainst(String transport) {
        // the certificate names localhost and 127.0.0.1; 127.0.0.2 reaches the same port but is not named
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("override-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "override\r\n"),
                msmtp(transport, "127.0.0.2", pf, "--tls-host-override=localhost"));
        assertEquals(0, r.exit(), r.describe());
        pf.awaitMail(token, 1);
        String other = TestMessages.token("override-other-" + transport);
        CliResult refused = Cli.run(TestMessages.simple(other, RCPT, "override\r\n"),
                msmtp(transport, "localhost", pf, "--tls-host-override=mail.example.org"));
        assertRefused(refused, pf, other, "mail.example.org");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void aRevokedServerCertificateFailsTheSessionWithOneLine(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("crl-" + transport);
        CliResult ok = Cli.run(TestMessages.simple(token, RCPT, "not revoked\r\n"),
                msmtp(transport, "localhost", pf, "--tls-crl-file=" + emptyCrl));
        assertEquals(0, ok.exit(), ok.describe());
        pf.awaitMail(token, 1);
        String revoked = TestMessages.token("crl-revoked-" + transport);
        CliResult r = Cli.run(TestMessages.simple(revoked, RCPT, "revoked\r\n"),
                msmtp(transport, "localhost", pf, "--tls-crl-file=" + revokingCrl));
        assertRefused(r, pf, revoked, "certificate revoked");
        assertTrue(r.stderr().contains("KEY_COMPROMISE"), r.describe());
        assertEquals(1, r.stderr().lines().filter(l -> l.contains("certificate revoked")).count(), r.describe());
    }
}
