package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exim 4 and OpenSMTPD: independent server implementations for the main paths, with both transports. */
class OtherServersIT {

    private static final String RCPT = "bob@example.test";

    static Stream<Arguments> serversAndTransports() {
        return Stream.of(MailServer.Kind.EXIM, MailServer.Kind.OPENSMTPD)
                .flatMap(k -> Stream.of("socket", "jakarta").map(t -> Arguments.of(k, t)));
    }

    @ParameterizedTest(name = "[{0} {1}]")
    @MethodSource("serversAndTransports")
    void plainWithDotsAndBareLineFeeds(MailServer.Kind kind, String transport) {
        MailServer server = Servers.byKind(kind);
        String token = TestMessages.token(kind.name().toLowerCase(Locale.ROOT) + "-dots-" + transport);
        byte[] original = TestMessages.dotsAndBareLineFeeds(token, RCPT);
        CliResult r = Cli.run(original, Cli.plus(Cli.smartHost(transport, server, server.smtpPort(), "off"),
                "-i", "-f", TestMessages.FROM, RCPT));
        assertEquals(0, r.exit(), r.describe());
        DeliveredMessage m = new DeliveredMessage(server.awaitMessages(token, 1).get(0));
        byte[] expected = TestMessages.lf(WireTranscript.crlf(original));
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(m.withoutTrace(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "[{0} {1}]")
    @MethodSource("serversAndTransports")
    void startTlsVerifiedWithTheRunsCa(MailServer.Kind kind, String transport) {
        MailServer server = Servers.byKind(kind);
        String token = TestMessages.token(kind.name().toLowerCase(Locale.ROOT) + "-starttls-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "STARTTLS\r\n"),
                Cli.plus(Cli.smartHost(transport, server, server.smtpPort(), "starttls"), "-f", TestMessages.FROM, RCPT));
        assertEquals(0, r.exit(), r.describe());
        DeliveredMessage m = new DeliveredMessage(server.awaitMessages(token, 1).get(0));
        assertTrue(String.join("\n", m.headers("Received")).contains("TLS"), "no TLS in Received:\n" + m.text());
    }

    @ParameterizedTest(name = "[{0} {1}]")
    @MethodSource("serversAndTransports")
    void implicitTlsWithAuthLogin(MailServer.Kind kind, String transport) {
        MailServer server = Servers.byKind(kind);
        String token = TestMessages.token(kind.name().toLowerCase(Locale.ROOT) + "-smtps-login-" + transport);
        List<String> args = Cli.plus(Cli.smartHost(transport, server, server.smtpsPort(), "smtps"),
                "--user", MailServer.USER, "--password-file", Cli.passwordFile().toString(), "--auth", "LOGIN",
                "-f", TestMessages.FROM, RCPT);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "smtps + LOGIN\r\n"), args);
        assertEquals(0, r.exit(), r.describe());
        server.awaitMail(token, 1);
    }

    @ParameterizedTest(name = "[{0} {1}]")
    @MethodSource("serversAndTransports")
    void submissionWithAuthPlain(MailServer.Kind kind, String transport) {
        MailServer server = Servers.byKind(kind);
        String token = TestMessages.token(kind.name().toLowerCase(Locale.ROOT) + "-plain-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "587 + PLAIN\r\n"),
                Cli.plus(Cli.submission(transport, server, "PLAIN"), "-f", TestMessages.FROM, RCPT));
        assertEquals(0, r.exit(), r.describe());
        server.awaitMail(token, 1);
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("transports")
    void eximCramMd5(String transport) {
        MailServer server = Servers.exim();
        String token = TestMessages.token("exim-cram-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "587 + CRAM-MD5\r\n"),
                Cli.plus(Cli.submission(transport, server, "CRAM-MD5"), "-f", TestMessages.FROM, RCPT));
        assertEquals(0, r.exit(), r.describe());
        server.awaitMail(token, 1);
    }

    static Stream<String> transports() {
        return Stream.of("socket", "jakarta");
    }

    @ParameterizedTest(name = "[{0} {1}]")
    @MethodSource("serversAndTransports")
    void badPasswordExits77(MailServer.Kind kind, String transport) throws Exception {
        MailServer server = Servers.byKind(kind);
        String token = TestMessages.token(kind.name().toLowerCase(Locale.ROOT) + "-badpw-" + transport);
        Path wrong = Files.createTempFile("sendmail-it-wrong", ".txt");
        Files.writeString(wrong, "wrong-password\n");
        List<String> args = Cli.plus(Cli.smartHost(transport, server, server.submissionPort(), "starttls"),
                "--user", MailServer.USER, "--password-file", wrong.toString(), "-f", TestMessages.FROM, RCPT);
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "bad password\r\n"), args);
        assertEquals(77, r.exit(), r.describe());
        assertTrue(r.stderr().contains("535"), r.describe());
        assertEquals(List.of(), server.mailNow(token));
    }

    @ParameterizedTest(name = "[{0} {1}]")
    @MethodSource("serversAndTransports")
    void unknownRecipientAmongOthers(MailServer.Kind kind, String transport) {
        MailServer server = Servers.byKind(kind);
        String token = TestMessages.token(kind.name().toLowerCase(Locale.ROOT) + "-partial-" + transport);
        String unknown = "unknown.x@example.test";
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "partial\r\n"),
                Cli.plus(Cli.smartHost(transport, server, server.smtpPort(), "starttls"), "-f", TestMessages.FROM,
                        RCPT, unknown));
        assertEquals(67, r.exit(), r.describe());
        assertTrue(r.stderr().lines().anyMatch(l -> l.startsWith(RCPT + ": delivered")), r.describe());
        assertTrue(r.stderr().lines().anyMatch(l -> l.startsWith(unknown + ": failed") && l.contains("550")),
                r.describe());
        server.awaitMail(token, 1);
    }
}
