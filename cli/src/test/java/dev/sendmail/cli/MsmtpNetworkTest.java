package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sendmail.spi.Providers;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.FakeSocksProxy;
import dev.sendmail.testkit.ScriptAction;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.testkit.UnixSocketRelay;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * msmtp's {@code protocol}, {@code proxy_host}/{@code proxy_port} and {@code source_ip}, as command-line options of
 * msmtp's command line and as configuration keys, against the fake server (and a fake SOCKS5 proxy).
 */
class MsmtpNetworkTest {

    private static final String MESSAGE = "From: Alice <alice@a.test>\nTo: bob@b.test\nSubject: net\n\nhello\n";

    @TempDir
    Path home;

    MsmtpCommandLine cli;

    @BeforeEach
    void setUp() {
        cli = new MsmtpCommandLine(home);
    }

    @Test
    void protocolLmtpReportsTheRecipientRefusedAfterTheDataAlone() {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().lmtp()
                .afterData(ScriptAction.reply("250 2.0.0 <ok@b.test> Saved"),
                        ScriptAction.reply("552 5.2.2 <full@b.test> Quota exceeded")))) {
            CliRun r = cli.run(MESSAGE, "--host=localhost", "--port=" + server.port(), "--protocol=lmtp", "--tls=off",
                    "--domain=client.a.test", "-f", "alice@a.test", "ok@b.test", "full@b.test");

            assertTrue(server.session(0).sent("LHLO client.a.test"), server.session(0).toString());
            assertEquals(1, server.messages().size());
            assertEquals(69, r.code(), r.toString());
            assertTrue(r.err().contains("ok@b.test: delivered: DATA 250 2.0.0 <ok@b.test> Saved"), r.toString());
            assertTrue(r.err().contains("full@b.test: failed: DATA 552 5.2.2 <full@b.test> Quota exceeded"),
                    r.toString());
        }
    }

    @Test
    void protocolLmtpWithTheJakartaTransportIsAConfigurationError() throws Exception {
        assumeTrue(Providers.transports(getClass().getClassLoader()).names().contains("jakarta"),
                "transport-jakarta is not on the class path");
        Path rc = cli.rc("account default\nhost localhost\nport 24\nprotocol lmtp\ntls off\ntransport jakarta\n");

        CliRun r = cli.run(MESSAGE, "--file=" + rc, "-f", "alice@a.test", "bob@b.test");

        assertEquals(78, r.code(), r.toString());
        assertTrue(r.err().lines().anyMatch(l -> l.equals("send-mail: transport 'jakarta': the jakarta transport "
                + "speaks SMTP only (Angus Mail has no LMTP client); use the socket transport for protocol lmtp")),
                r.toString());
    }

    @Test
    void protocolLmtpWithoutAHostIsAConfigurationError() throws Exception {
        Path rc = cli.rc("defaults\nprotocol lmtp\n");

        CliRun r = CliRun.run(cli.env(), MESSAGE, "--config", rc.toString(), "-f", "alice@a.test", "bob@b.test");

        assertEquals(78, r.code(), r.toString());
        assertTrue(r.err().contains("protocol lmtp in " + rc + " line 2 needs a host"), r.toString());
    }

    @Test
    void proxyHostAndPortSendThroughTheSocksProxyWhichResolvesTheHost() {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting());
             FakeSocksProxy proxy = FakeSocksProxy.start()) {
            CliRun r = cli.run(MESSAGE, "--host=localhost", "--port=" + server.port(), "--tls=off",
                    "--proxy-host=" + proxy.host(), "--proxy-port=" + proxy.port(), "-f", "alice@a.test",
                    "bob@b.test");

            assertEquals(0, r.code(), r.toString());
            assertEquals(List.of(new FakeSocksProxy.Request("localhost", server.port(), true)), proxy.requests());
            assertEquals(1, server.messages().size());
        }
    }

    @Test
    void sourceIpBindsTheConnection() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            Path rc = cli.rc("account default\nhost 127.0.0.1\nport " + server.port() + "\ntls off\n"
                    + "source_ip 127.0.0.2\n");

            CliRun r = cli.run(MESSAGE, "--file=" + rc, "-f", "alice@a.test", "bob@b.test");

            assertEquals(0, r.code(), r.toString());
            assertEquals(InetAddress.getByName("127.0.0.2"), server.session(0).client().getAddress());
        }
    }

    @Test
    void badValuesAreRefusedWithTheirLine() throws Exception {
        Path rc = cli.rc("account default\nhost localhost\nsource_ip mail.example.org\n");

        CliRun r = cli.run(MESSAGE, "--file=" + rc, "-f", "alice@a.test", "bob@b.test");

        assertEquals(78, r.code(), r.toString());
        assertTrue(r.err().contains(rc + ":3: source_ip: not an IP address"), r.toString());
    }

    @Test
    void socketConnectsToTheUnixSocketWithoutAHost() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().lmtp());
             UnixSocketRelay socket = UnixSocketRelay.to(server)) {
            Path rc = cli.rc("account default\nsocket " + socket.path() + "\nprotocol lmtp\ntls off\n");

            CliRun r = cli.run(MESSAGE, "--file=" + rc, "-f", "alice@a.test", "bob@b.test");

            assertEquals(0, r.code(), r.toString());
            assertEquals(1, socket.connections());
            assertEquals(1, server.messages().size());
            assertTrue(server.session(0).sent("LHLO "), server.session(0).toString());
        }
    }
}
