package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Extensions that differ between servers: Exim offers SMTPUTF8 and no DSN, OpenSMTPD offers DSN and
 * no SMTPUTF8; both offer 8BITMIME.
 */
class OtherServersContentIT {

    private static final String RCPT = "bob@example.test";

    static Stream<Arguments> serversAndTransports() {
        return Stream.of(MailServer.Kind.EXIM, MailServer.Kind.OPENSMTPD)
                .flatMap(k -> Stream.of("socket", "jakarta").map(t -> Arguments.of(k, t)));
    }

    @ParameterizedTest(name = "[{0} {1}]")
    @MethodSource("serversAndTransports")
    void eightBitBody(MailServer.Kind kind, String transport) {
        MailServer server = Servers.byKind(kind);
        String token = TestMessages.token(kind.name().toLowerCase(Locale.ROOT) + "-8bit-" + transport);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((TestMessages.headers(token, RCPT, "8bit") + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("Gr\u00fc\u00dfe, na\u00efve caf\u00e9 \u00a9\u00ae\u00b5\u00ff\r\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] original = b.toByteArray();
        CliResult r = Cli.run(original, Cli.plus(Cli.smartHost(transport, server, server.smtpPort(), "starttls"),
                "-f", TestMessages.FROM, RCPT));
        assertEquals(0, r.exit(), r.describe());
        DeliveredMessage m = new DeliveredMessage(server.awaitMessages(token, 1).get(0));
        assertArrayEquals(TestMessages.lf(original), m.withoutTrace());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void eximTakesUtf8Addresses(String transport) {
        MailServer exim = Servers.exim();
        String token = TestMessages.token("exim-utf8-" + transport);
        String from = "jürgen@example.test";
        String to = "zoë@example.test";
        byte[] original = ("From: Jürgen <" + from + ">\r\nTo: Zoë <" + to + ">\r\nSubject: Grüße " + token
                + "\r\nDate: Sat, 28 Nov 2026 12:00:00 +0000\r\nMessage-ID: <" + token + "@example.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n"
                + "\r\nHallo Zoë\r\n").getBytes(StandardCharsets.UTF_8);
        CliResult r = Cli.run(original, Cli.plus(Cli.smartHost(transport, exim, exim.smtpPort(), "starttls"),
                "-f", from, to));
        assertEquals(0, r.exit(), r.describe());
        DeliveredMessage m = new DeliveredMessage(exim.awaitMessages(token, 1).get(0));
        assertEquals(to, m.header("Envelope-to"));
        assertEquals("<" + from + ">", m.header("Return-path"));
        assertArrayEquals(TestMessages.lf(original), m.withoutTrace());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void utf8AddressIsNotSentToAServerWithoutSmtpUtf8(String transport) {
        // OpenSMTPD 7.4 does not offer SMTPUTF8: a UTF-8 mailbox cannot be delivered there (RFC 6531 3.2)
        MailServer os = Servers.opensmtpd();
        String token = TestMessages.token("os-noutf8-" + transport);
        String to = "zoë@example.test";
        CliResult r = Cli.run(TestMessages.simple(token, to, "no SMTPUTF8\r\n"),
                Cli.plus(Cli.smartHost(transport, os, os.smtpPort(), "starttls"), "-f", TestMessages.FROM, to));
        assertNotEquals(0, r.exit(), r.describe());
        assertTrue(r.stderr().contains("SMTPUTF8"), "the reason should be named: " + r.describe());
        assertEquals(List.of(), os.mailNow(token));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void openSmtpdSendsADeliveryReportForNotifySuccess(String transport) {
        MailServer os = Servers.opensmtpd();
        String token = TestMessages.token("os-dsn-" + transport);
        String sender = "dsn-sender@example.test";
        CliResult r = Cli.run(TestMessages.simple(token, RCPT, "confirm please\r\n"),
                Cli.plus(Cli.smartHost(transport, os, os.smtpPort(), "starttls"), "-f", sender,
                        "-N", "success", "-R", "hdrs", "-V", "envid-" + token, RCPT));
        assertEquals(0, r.exit(), r.describe());
        List<DeliveredMessage> both = os.awaitMessages(token, 2).stream().map(DeliveredMessage::new).toList();
        // OpenSMTPD's report: multipart/mixed with a message/delivery-status part (it does not echo ENVID)
        DeliveredMessage report = both.stream().filter(m -> m.text().contains("message/delivery-status"))
                .findFirst().orElseThrow(() -> new AssertionError("no delivery report among:\n"
                        + String.join("\n----\n", both.stream().map(DeliveredMessage::text).toList())));
        String text = report.text();
        assertEquals(sender, report.header("Delivered-To"));
        assertTrue(text.contains("Final-Recipient: rfc822; " + RCPT) && text.contains("Action: delivered"), text);
        assertTrue(text.contains("text/rfc822-headers") && !text.contains("confirm please"),
                "RET=HDRS: headers only\n" + text);
    }
}
