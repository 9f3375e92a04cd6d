package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * More recipients than Postfix takes in one transaction (smtpd_recipient_limit, 1,000 by default): Postfix
 * answers {@code 452 4.5.3 Error: too many recipients} to the rest, and send-mail sends them in a further
 * transaction. Every recipient gets exactly one copy.
 */
class PostfixRecipientLimitIT {

    private static final int RECIPIENTS = 1010;

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void recipientsOverTheLimitGoInAFurtherTransaction(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("limit-" + transport);
        List<String> rcpts = IntStream.range(0, RECIPIENTS).mapToObj(i -> String.format("limit%04d@example.test", i))
                .toList();
        List<String> args = new ArrayList<>(Cli.smartHost(transport, pf, pf.smtpPort(), "starttls"));
        args.addAll(List.of("--json", "--trace", "-f", TestMessages.FROM));
        args.addAll(rcpts);
        CliResult r = Cli.run(TestMessages.simple(token, "undisclosed-recipients:;", "many\r\n"), args);
        assertEquals(0, r.exit(), () -> "stderr ends with:\n" + tail(r.stderr()));
        assertTrue(r.stderr().contains("452 4.5.3"), () -> "Postfix's limit was reached:\n" + tail(r.stderr()));
        assertEquals(RECIPIENTS, r.stdout().lines().filter(l -> l.contains("\"status\":\"delivered\"")).count());
        pf.awaitMail(token, RECIPIENTS);
        assertEquals(rcpts, pf.deliveredTo(token), "each recipient exactly once");
    }

    /** The end of a long output (the trace of a thousand recipients), for failure messages. */
    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 6000));
    }
}
