package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which certificates the client accepts, against Postfix's real TLS: the host name must match
 * (a trusted chain alone is not enough), an IP address matches its IP SAN, and a pinned fingerprint
 * replaces the CA.
 */
class PostfixTrustIT {

    private static final String RCPT = "bob@example.test";

    private static List<String> to(String transport, String host, int port, String... trust) {
        List<String> a = new ArrayList<>(List.of("--transport", transport, "--server", host, "--port",
                Integer.toString(port), "--tls", "starttls", "--timeout", "30"));
        a.addAll(List.of(trust));
        a.addAll(List.of("-f", TestMessages.FROM, RCPT));
        return a;
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void trustedChainForAnotherNameIsRefused(String transport) {
        // the certificate names localhost and 127.0.0.1; 127.0.0.2 reaches the same port but is not named
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("wrongname-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "host name mismatch\r\n"),
                to(transport, "127.0.0.2", pf.smtpPort(), "--cafile", pf.caFile().toString()));
        assertNotEquals(0, r.exit(), r.describe());
        assertNotEquals(64, r.exit(), r.describe());
        String err = r.stderr().toLowerCase(Locale.ROOT);
        assertTrue(err.contains("certificate") || err.contains("host name") || err.contains("hostname")
                || err.contains("127.0.0.2"), "the refusal should name the certificate problem: " + r.describe());
        assertEquals(List.of(), pf.mailNow(token));
        // control: 127.0.0.2 does reach the server, so the refusal above was the name check
        String control = TestMessages.token("wrongname-control-" + transport);
        List<String> plain = new ArrayList<>(List.of("--transport", transport, "--server", "127.0.0.2", "--port",
                Integer.toString(pf.smtpPort()), "--tls", "off", "-f", TestMessages.FROM, RCPT));
        CliResult c = Cli.run(TestMessages.simple(control, RCPT, "reachable\r\n"), plain);
        assertEquals(0, c.exit(), c.describe());
        pf.awaitMail(control, 1);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void ipAddressMatchesItsSubjectAltName(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("ipsan-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "IP SAN\r\n"),
                to(transport, "127.0.0.1", pf.smtpPort(), "--cafile", pf.caFile().toString()));
        assertEquals(0, r.exit(), r.describe());
        pf.awaitMail(token, 1);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void pinnedFingerprintWithoutCa(String transport) throws Exception {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("pin-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "pinned\r\n"),
                to(transport, pf.host(), pf.smtpPort(), "--tls-fingerprint", opensslStyle(serverFingerprint(pf))));
        assertEquals(0, r.exit(), r.describe());
        pf.awaitMail(token, 1);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void otherFingerprintIsRefused(String transport) throws Exception {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("badpin-" + transport);
        byte[] other = serverFingerprint(pf);
        other[0] ^= 1;
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "wrong pin\r\n"),
                to(transport, pf.host(), pf.smtpPort(), "--tls-fingerprint", HexFormat.of().formatHex(other)));
        assertNotEquals(0, r.exit(), r.describe());
        assertNotEquals(64, r.exit(), r.describe());
        assertTrue(r.stderr().toLowerCase(Locale.ROOT).contains("fingerprint")
                || r.stderr().toLowerCase(Locale.ROOT).contains("certificate"), r.describe());
        assertEquals(List.of(), pf.mailNow(token));
    }

    private static byte[] serverFingerprint(MailServer pf) throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pf.file("/etc/it-tls/cert.pem")));
        return MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    }

    /** AA:BB:... as openssl x509 -fingerprint prints it. */
    private static String opensslStyle(byte[] digest) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }
}
