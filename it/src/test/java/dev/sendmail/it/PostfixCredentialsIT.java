package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the password may go, against Postfix on port 25 (STARTTLS offered, AUTH offered after it, mail accepted
 * without AUTH): with opportunistic TLS and a certificate that does not name the host, the mail arrives and the
 * password is never offered; the same run to a name the certificate carries authenticates, so the log check below
 * can tell the two apart.
 */
class PostfixCredentialsIT {

    private static final String RCPT = "bob@example.test";

    private static List<String> opportunistic(String transport, MailServer pf, String host) {
        return List.of("--transport", transport, "--server", host, "--port", Integer.toString(pf.smtpPort()),
                "--tls", "opportunistic", "--cafile", pf.caFile().toString(), "--timeout", "30", "--verbose",
                "--user", MailServer.USER, "--password-file", Cli.passwordFile().toString(),
                "-f", TestMessages.FROM, RCPT);
    }

    /** Postfix's {@code client=} log line of the session that queued the message with this Received header. */
    private static String clientLogLine(MailServer pf, DeliveredMessage m) {
        String received = m.header("Received");
        Matcher id = Pattern.compile("id ([0-9A-F]{6,})").matcher(received);
        assertTrue(id.find(), "no queue id in " + received);
        String queueId = id.group(1);
        return pf.log().lines().filter(l -> l.contains(queueId + ": client=")).findFirst()
                .orElseThrow(() -> new AssertionError("no client= log line for " + queueId + "\n" + pf.recentLog()));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void aCertificateForAnotherNameCarriesTheMailButNeverThePassword(String transport) {
        MailServer pf = Servers.postfix();
        // the certificate names localhost and 127.0.0.1; 127.0.0.2 reaches the same port but is not named
        String token = TestMessages.token("cred-wrongname-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "no password for an unverified server\r\n"),
                opportunistic(transport, pf, "127.0.0.2"));
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.stderr().contains("not sending credentials: the TLS certificate was not verified"),
                "the output says why AUTH was skipped: " + r.describe());
        DeliveredMessage m = new DeliveredMessage(pf.awaitMessages(token, 1).get(0));
        assertTrue(m.header("Received").contains("using TLS"), "still encrypted: " + m.header("Received"));
        String logLine = clientLogLine(pf, m);
        assertFalse(logLine.contains("sasl_method="), "Postfix saw no AUTH: " + logLine);

        // control: the same options to a name the certificate carries do authenticate
        String control = TestMessages.token("cred-rightname-" + transport);
        CliResult ok = Cli.run(TestMessages.simple(control, RCPT, "verified server\r\n"),
                opportunistic(transport, pf, "127.0.0.1"));
        assertEquals(0, ok.exit(), ok.describe());
        String controlLine = clientLogLine(pf, new DeliveredMessage(pf.awaitMessages(control, 1).get(0)));
        assertTrue(controlLine.contains("sasl_username=" + MailServer.USER), controlLine);
    }
}
