package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Message transparency through Postfix: dots, bare LF, 8-bit bodies, SMTPUTF8 addresses and headers. */
class PostfixContentIT {

    private static final String RCPT = "bob@example.test";

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void dotsAndBareLineFeedsArriveIntactWithCrlfOnTheWire(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("dots-" + transport);
        byte[] original = TestMessages.dotsAndBareLineFeeds(token, RCPT);
        // -i: a line with a single dot is data, not the end of input
        CliResult r = Cli.run(original, Cli.plus(Cli.smartHost(transport, pf, pf.wirePort(), "off"),
                "-i", "-f", TestMessages.FROM, RCPT));
        assertEquals(0, r.exit(), r.describe());

        // what went over the wire: CRLF everywhere, and the unstuffed payload is the message with CRLF
        WireTranscript wire = new WireTranscript(pf.awaitWire(token));
        WireTranscript.Payload p = wire.payloadWith(token);
        assertEquals(-1, WireTranscript.firstBareLineBreak(p.bytes()), "bare CR or LF on the wire");
        byte[] sent = p.bdat() ? p.bytes() : WireTranscript.unstuff(p.bytes());
        assertEquals(new String(WireTranscript.crlf(original), StandardCharsets.UTF_8),
                new String(sent, StandardCharsets.UTF_8));
        if (!p.bdat()) {
            String stuffed = new String(p.bytes(), StandardCharsets.US_ASCII);
            assertTrue(stuffed.contains("\r\n..\r\n...\r\n..leading dot\r\n...two leading dots\r\n"), stuffed);
        }

        // what Postfix stored: the same lines (Maildir keeps LF line ends)
        DeliveredMessage m = new DeliveredMessage(pf.awaitMessages(token, 1).get(0));
        byte[] expected = TestMessages.lf(WireTranscript.crlf(original));
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(m.withoutTrace(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void eightBitBodyArrivesByteForByte(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("8bit-" + transport);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((TestMessages.headers(token, RCPT, "8bit") + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("Grüße aus Köln, naïve café, Ελληνικά, 日本語\r\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0x80; i <= 0xFF; i += 16) {
            for (int j = 0; j < 16; j++) {
                b.write(i + j);
            }
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] original = b.toByteArray();
        // through the recorder (plain text), to see the MAIL command too
        CliResult r = Cli.run(original, Cli.plus(Cli.smartHost(transport, pf, pf.wirePort(), "off"),
                "-f", TestMessages.FROM, RCPT));
        assertEquals(0, r.exit(), r.describe());
        DeliveredMessage m = new DeliveredMessage(pf.awaitMessages(token, 1).get(0));
        assertArrayEquals(TestMessages.lf(original), m.withoutTrace(), "8-bit body changed in transit");
        // RFC 6152: 8-bit data goes with BODY=8BITMIME
        String mail = mailCommand(new WireTranscript(pf.awaitWire(token)));
        assertTrue(mail.toUpperCase(java.util.Locale.ROOT).contains("BODY=8BITMIME"), mail);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void smtpUtf8AddressesAndHeaders(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("utf8-" + transport);
        String from = "jürgen@example.test";
        String to = "josé.ñúñez@example.test";
        String message = "From: Jürgen Müller <" + from + ">\r\n"
                + "To: José <" + to + ">\r\n"
                + "Subject: Grüße, 你好 " + token + "\r\n"
                + "Date: Sat, 28 Nov 2026 12:00:00 +0000\r\n"
                + "Message-ID: <" + token + "@example.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n"
                + "\r\nUnicode everywhere: ✉\r\n";
        byte[] original = message.getBytes(StandardCharsets.UTF_8);
        CliResult r = Cli.run(original, Cli.plus(Cli.smartHost(transport, pf, pf.wirePort(), "off"), "-f", from, to));
        assertEquals(0, r.exit(), r.describe());
        // RFC 6531: the UTF-8 addresses go out as they are, with SMTPUTF8 on MAIL
        WireTranscript wire = new WireTranscript(pf.awaitWire(token));
        String mail = mailCommand(wire);
        assertTrue(mail.startsWith("MAIL FROM:<" + from + ">") && mail.toUpperCase(java.util.Locale.ROOT)
                .contains("SMTPUTF8"), mail);
        assertTrue(wire.commands.stream().anyMatch(c -> c.startsWith("RCPT TO:<" + to + ">")), wire.commands.toString());
        DeliveredMessage m = new DeliveredMessage(pf.awaitMessages(token, 1).get(0));
        assertEquals(to, m.header("Delivered-To"));
        assertEquals("<" + from + ">", m.header("Return-Path"));
        assertTrue(m.header("Received").contains("UTF8SMTP") || m.header("Received").contains("UTF8ESMTP"),
                "Postfix records SMTPUTF8 sessions as UTF8SMTP(S)A: " + m.header("Received"));
        assertArrayEquals(TestMessages.lf(original), m.withoutTrace());
    }

    private static String mailCommand(WireTranscript wire) {
        return wire.commands.stream().filter(c -> c.regionMatches(true, 0, "MAIL FROM:", 0, 10)).findFirst()
                .orElseThrow(() -> new AssertionError("no MAIL command in " + wire.commands));
    }
}
