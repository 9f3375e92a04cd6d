package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Envelopes through Postfix: partial delivery, DSN parameters, {@code -t} with Bcc. */
class PostfixEnvelopeIT {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void oneUnknownRecipientGivesPartialDeliveryAndExit67(String transport) throws IOException {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("partial-" + transport);
        String bob = "bob@example.test";
        String unknown = "unknown.someone@example.test";
        String carol = "carol@example.test";
        CliResult r = Cli.run(TestMessages.simple(token, bob + ", " + unknown + ", " + carol, "three recipients\r\n"),
                Cli.plus(Cli.smartHost(transport, pf, pf.smtpPort(), "starttls"), "-f", TestMessages.FROM, bob,
                        unknown, carol));
        assertEquals(67, r.exit(), r.describe());
        List<String> lines = r.stderr().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(bob + ": delivered")), r.describe());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(carol + ": delivered")), r.describe());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(unknown + ": failed") && l.contains("550")
                && l.contains("5.1.1")), r.describe());
        Set<String> deliveredTo = pf.awaitMessages(token, 2).stream()
                .map(b -> new DeliveredMessage(b).header("Delivered-To")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of(bob, carol)), deliveredTo);
        // the copy that did not reach everyone is kept, as sendmail and mailx do
        Path deadLetter = Path.of(System.getProperty("user.home"), "dead.letter");
        assertTrue(Files.isRegularFile(deadLetter) && Files.readString(deadLetter, StandardCharsets.UTF_8).contains(token),
                "dead.letter should hold the message: " + r.describe());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void sixtyRecipientsInOneRun(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("many-" + transport);
        List<String> rcpts = java.util.stream.IntStream.rangeClosed(1, 60)
                .mapToObj(i -> String.format("rcpt%02d@example.test", i)).toList();
        List<String> args = new java.util.ArrayList<>(Cli.smartHost(transport, pf, pf.smtpPort(), "starttls"));
        args.addAll(List.of("--json", "-f", TestMessages.FROM));
        args.addAll(rcpts);
        CliResult r = Cli.run(TestMessages.simple(token, "undisclosed-recipients:;", "sixty\r\n"), args);
        assertEquals(0, r.exit(), r.describe());
        assertEquals(60, r.stdout().lines().filter(l -> l.contains("\"status\":\"delivered\"")).count(), r.describe());
        Set<String> deliveredTo = pf.awaitMessages(token, 60).stream()
                .map(b -> new DeliveredMessage(b).header("Delivered-To")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(rcpts), deliveredTo);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void messageOverTheServersSizeLimitIsRefused(String transport) {
        // port 2526 takes at most 1 MiB (and says so in EHLO SIZE); this message has 2 MiB
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("too-big-" + transport);
        StringBuilder body = new StringBuilder();
        String line = "0123456789".repeat(7) + "\r\n";
        while (body.length() < 2 * 1024 * 1024) {
            body.append(line);
        }
        CliResult r = Cli.run(TestMessages.simple(token, "bob@example.test", body.toString()),
                Cli.plus(Cli.smartHost(transport, pf, pf.smallPort(), "off"), "-f", TestMessages.FROM, "bob@example.test"));
        assertTrue(r.exit() != 0 && r.exit() != 64 && r.exit() != 75, "a permanent failure: " + r.describe());
        // either refused up front from EHLO SIZE (naming the server's limit) or by the server's 552
        assertTrue(r.stderr().contains("1048576") || r.stderr().contains("552"), r.describe());
        assertTrue(r.stderr().contains("bob@example.test"), r.describe());
        assertEquals(List.of(), pf.mailNow(token));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void partialDeliveryAsJson(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("partial-json-" + transport);
        String bob = "bob@example.test";
        String unknown = "unknown.json@example.test";
        CliResult r = Cli.run(TestMessages.simple(token, bob, "json report\r\n"),
                Cli.plus(Cli.smartHost(transport, pf, pf.smtpPort(), "starttls"), "--json", "-f", TestMessages.FROM,
                        bob, unknown));
        assertEquals(67, r.exit(), r.describe());
        List<String> objects = r.stdout().lines().filter(l -> l.startsWith("{")).toList();
        assertEquals(2, objects.size(), r.describe());
        assertTrue(objects.stream().anyMatch(o -> o.contains("\"recipient\":\"" + bob + "\"")
                && o.contains("\"status\":\"delivered\"")), r.describe());
        assertTrue(objects.stream().anyMatch(o -> o.contains("\"recipient\":\"" + unknown + "\"")
                && o.contains("\"status\":\"failed\"") && o.contains("\"code\":550")
                && o.contains("\"exit_code\":67")), r.describe());
        pf.awaitMail(token, 1);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void dsnParametersReachThePostfixReport(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("dsn-" + transport);
        String sender = "dsn-sender@example.test";
        String rcpt = "bob@example.test";
        String envid = "envid-" + token;
        CliResult r = Cli.run(TestMessages.simple(token, rcpt, "please confirm delivery\r\n"),
                Cli.plus(Cli.smartHost(transport, pf, pf.smtpPort(), "starttls"), "-f", sender,
                        "-N", "success,failure", "-R", "hdrs", "-V", envid, rcpt));
        assertEquals(0, r.exit(), r.describe());
        // NOTIFY=SUCCESS makes Postfix send a delivery report to the sender; it carries the ENVID, and
        // with RET=HDRS only the headers of the original message
        List<DeliveredMessage> both = pf.awaitMessages(token, 2).stream().map(DeliveredMessage::new).toList();
        DeliveredMessage report = both.stream().filter(m -> m.header("Delivered-To").equals(sender)).findFirst()
                .orElseThrow(() -> new AssertionError("no delivery report to " + sender));
        String text = report.text();
        assertTrue(text.contains("multipart/report") && text.contains("report-type=delivery-status"), text);
        assertTrue(text.contains("Original-Envelope-Id: " + envid), text);
        assertTrue(text.contains("Action: delivered"), text);
        assertTrue(text.contains("text/rfc822-headers"), "RET=HDRS should return headers only:\n" + text);
        assertTrue(!text.contains("please confirm delivery"), "RET=HDRS returned the body:\n" + text);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void readRecipientsFromHeadersAndDropBcc(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("minus-t-" + transport);
        String message = "From: Sender <" + TestMessages.FROM + ">\r\n"
                + "To: Bob <bob@example.test>\r\n"
                + "Cc: carol@example.test\r\n"
                + "Bcc: Dave Secret <dave@example.test>\r\n"
                + "Subject: -t " + token + "\r\n"
                + "Date: Sat, 28 Nov 2026 12:00:00 +0000\r\n"
                + "Message-ID: <" + token + "@example.test>\r\n"
                + "\r\nrecipients from the headers\r\n";
        CliResult r = Cli.run(message.getBytes(StandardCharsets.UTF_8),
                Cli.plus(Cli.smartHost(transport, pf, pf.smtpPort(), "starttls"), "-t", "-i", "-f", TestMessages.FROM));
        assertEquals(0, r.exit(), r.describe());
        List<DeliveredMessage> copies = pf.awaitMessages(token, 3).stream().map(DeliveredMessage::new).toList();
        assertEquals(Set.of("bob@example.test", "carol@example.test", "dave@example.test"),
                copies.stream().map(m -> m.header("Delivered-To")).collect(Collectors.toSet()));
        for (DeliveredMessage m : copies) {
            assertEquals(List.of(), m.headers("Bcc"), "Bcc must be removed:\n" + m.text());
            String headers = String.join("\n", m.headerFields().stream()
                    .filter(f -> !f.startsWith("Delivered-To:") && !f.startsWith("X-Original-To:")
                            && !f.startsWith("Received:")).toList());
            assertTrue(!headers.contains("dave@example.test") && !headers.contains("Dave Secret"),
                    "the blind copy's address leaked into the headers:\n" + headers);
        }
    }
}
