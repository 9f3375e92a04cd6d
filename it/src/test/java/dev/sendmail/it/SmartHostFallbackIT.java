package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Several smart hosts: the first is down (nothing listens), the second (Postfix) receives the mail. */
class SmartHostFallbackIT {

    /** A loopback port held by a socket that never listens, so no other server can take it meanwhile. */
    private static Socket stoppedHost() throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s;
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void theFirstSmartHostIsStoppedAndTheSecondReceivesTheMail(String transport) throws IOException {
        MailServer pf = Servers.postfix();
        try (Socket held = stoppedHost()) {
            run(transport, pf, held.getLocalPort());
        }
    }

    private static void run(String transport, MailServer pf, int stopped) {
        String token = TestMessages.token("fallback-" + transport);
        CliResult plan = Cli.run(new byte[0], List.of("--transport", transport, "--server", "127.0.0.1:" + stopped,
                "--server", pf.host() + ":" + pf.smtpPort(), "--tls", "starttls", "--plan", "bob@example.test"));
        assertEquals(0, plan.exit(), plan.describe());
        assertTrue(plan.stdout().contains("1. 127.0.0.1 port " + stopped) && plan.stdout().contains("2. "
                + pf.host() + " port " + pf.smtpPort()), plan.describe());

        CliResult r = Cli.run(TestMessages.simple(token, "bob@example.test", "through the second host\r\n"),
                List.of("--transport", transport, "--server", "127.0.0.1:" + stopped, "--server",
                        pf.host() + ":" + pf.smtpPort(), "--tls", "starttls", "--cafile", pf.caFile().toString(),
                        "--timeout", "30", "-v", "-f", TestMessages.FROM, "bob@example.test"));
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.stderr().contains("127.0.0.1") && r.stderr().contains("trying the next host"), r.describe());
        List<byte[]> got = pf.awaitMessages(token, 1);
        String text = new String(got.get(0), StandardCharsets.UTF_8);
        assertTrue(text.contains("through the second host"), text);
    }
}
