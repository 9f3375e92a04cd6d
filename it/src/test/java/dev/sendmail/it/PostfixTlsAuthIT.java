package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Postfix as smart host: plain SMTP, STARTTLS, implicit TLS, each AUTH mechanism and the failures. */
class PostfixTlsAuthIT {

    private static final String RCPT = "bob@example.test";

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void plainSmtp(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("plain-" + transport);
        byte[] msg = TestMessages.simple(token, RCPT, "plain SMTP\r\n");
        CliResult r = Cli.run(msg, Cli.plus(Cli.smartHost(transport, pf, pf.smtpPort(), "off"), "-f", TestMessages.FROM, RCPT));
        assertEquals(0, r.exit(), r.describe());
        DeliveredMessage m = new DeliveredMessage(pf.awaitMessages(token, 1).get(0));
        assertEquals(RCPT, m.header("Delivered-To"));
        assertEquals("<" + TestMessages.FROM + ">", m.header("Return-Path"));
        assertTrue(!m.header("Received").contains("using TLS"), "plain SMTP must not use TLS: " + m.header("Received"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void startTls(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("starttls-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "STARTTLS\r\n"),
                Cli.plus(Cli.smartHost(transport, pf, pf.smtpPort(), "starttls"), "-f", TestMessages.FROM, RCPT));
        assertEquals(0, r.exit(), r.describe());
        DeliveredMessage m = new DeliveredMessage(pf.awaitMessages(token, 1).get(0));
        assertTrue(m.header("Received").contains("using TLS"), "Received shows no TLS: " + m.header("Received"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void implicitTls(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("smtps-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "implicit TLS\r\n"),
                Cli.plus(Cli.smartHost(transport, pf, pf.smtpsPort(), "smtps"), "-f", TestMessages.FROM, RCPT));
        assertEquals(0, r.exit(), r.describe());
        DeliveredMessage m = new DeliveredMessage(pf.awaitMessages(token, 1).get(0));
        assertTrue(m.header("Received").contains("using TLS"), "Received shows no TLS: " + m.header("Received"));
    }

    static Stream<Arguments> mechanisms() {
        return Stream.of("socket", "jakarta").flatMap(t -> Stream.of("PLAIN", "LOGIN", "CRAM-MD5").map(m -> Arguments.of(t, m)));
    }

    @ParameterizedTest(name = "[{0} {1}]")
    @MethodSource("mechanisms")
    void authenticatesWithEachMechanism(String transport, String mechanism) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("auth-" + mechanism.toLowerCase(Locale.ROOT) + "-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "AUTH " + mechanism + "\r\n"),
                Cli.plus(Cli.submission(transport, pf, mechanism), "--trace", "-f", TestMessages.FROM, RCPT));
        assertEquals(0, r.exit(), r.describe());
        // --trace shows the dialogue, never the secret, in clear or in base64 (PLAIN's and LOGIN's forms)
        String output = r.stdout() + r.stderr();
        assertTrue(output.contains("AUTH"), "the trace should show the AUTH exchange: " + r.describe());
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        for (String secret : List.of(MailServer.PASSWORD, b64.encodeToString(MailServer.PASSWORD.getBytes()),
                b64.encodeToString(("\0" + MailServer.USER + "\0" + MailServer.PASSWORD).getBytes()))) {
            assertTrue(!output.contains(secret), "credentials in the output (" + secret + "): " + r.describe());
        }
        DeliveredMessage m = new DeliveredMessage(pf.awaitMessages(token, 1).get(0));
        String received = m.header("Received");
        assertTrue(received.contains("using TLS"), received);
        // Postfix logs the SASL method of the session that queued this message
        Matcher id = Pattern.compile("id ([0-9A-F]{6,})").matcher(received);
        assertTrue(id.find(), "no queue id in " + received);
        String queueId = id.group(1);
        String logLine = pf.log().lines().filter(l -> l.contains(queueId + ": client=")).findFirst()
                .orElseThrow(() -> new AssertionError("no client= log line for " + queueId + "\n" + pf.recentLog()));
        assertTrue(logLine.contains("sasl_method=" + mechanism) && logLine.contains("sasl_username=" + MailServer.USER),
                logLine);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void badPasswordExits77(String transport) throws Exception {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("badpw-" + transport);
        java.nio.file.Path wrong = java.nio.file.Files.createTempFile("sendmail-it-wrong", ".txt");
        java.nio.file.Files.writeString(wrong, "not-the-password\n");
        List<String> args = Cli.smartHost(transport, pf, pf.submissionPort(), "starttls");
        args = Cli.plus(args, "--user", MailServer.USER, "--password-file", wrong.toString(), "-f", TestMessages.FROM, RCPT);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "bad password\r\n"), args);
        assertEquals(77, r.exit(), r.describe());
        assertTrue(r.stderr().contains("535"), "the server's 535 reply should be shown: " + r.describe());
        assertTrue(!r.stderr().contains("not-the-password"), r.describe());
        assertEquals(List.of(), pf.mailNow(token));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void certificateFromAnotherCaIsRefused(String transport) {
        MailServer pf = Servers.postfix();
        MailServer other = Servers.exim();
        String token = TestMessages.token("wrongca-" + transport);
        List<String> args = Cli.plus(List.of("--transport", transport, "--server", pf.host(), "--port",
                Integer.toString(pf.smtpPort()), "--tls", "starttls", "--cafile", other.caFile().toString(),
                "--timeout", "30"), "-f", TestMessages.FROM, RCPT);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "wrong CA\r\n"), args);
        assertNotEquals(0, r.exit(), r.describe());
        assertNotEquals(64, r.exit(), "not a usage error: " + r.describe());
        String err = r.stderr().toLowerCase(Locale.ROOT);
        assertTrue(err.contains("certificate") || err.contains("tls") || err.contains("trust"),
                "the refusal should name the certificate problem: " + r.describe());
        assertEquals(List.of(), pf.mailNow(token));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void submissionWithoutTlsIsNotSentInClear(String transport) {
        // port 587 demands STARTTLS; --tls off must fail there rather than send anything
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("subm-notls-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "no TLS\r\n"),
                Cli.plus(Cli.smartHost(transport, pf, pf.submissionPort(), "off"), "-f", TestMessages.FROM, RCPT));
        assertNotEquals(0, r.exit(), r.describe());
        assertTrue(r.stderr().contains("530") || r.stderr().contains("554"), r.describe());
        assertEquals(List.of(), pf.mailNow(token));
    }
}
