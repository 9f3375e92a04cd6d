package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.tlsrpt.TlsReportStore;
import dev.sendmail.tlsrpt.TlsSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * MTA-STS (RFC 8461) end to end: the launcher delivers directly to Postfix MX hosts found through a real DNS
 * server (dnsmasq, with the {@code _mta-sts} TXT and MX records), after fetching each domain's policy from a real
 * HTTPS server (nginx) whose certificate the run's CA signed, the CA given with {@code --cafile}.
 *
 * <pre>
 * good.test     enforce, mx *.good.test      MX mx1.good.test  (certificate for mx1.good.test)  -> delivered over TLS
 * bad.test      enforce, mx *.bad.test       MX mx.bad.test    (certificate for elsewhere.test) -> 75, nothing sent
 * testing.test  testing, mx *.testing.test   MX mx.testing.test (the same host)                 -> delivered, reported
 * </pre>
 *
 * The policy host names ({@code mta-sts.DOMAIN}) are found by the JDK's resolver, as in production; the launcher's
 * JVM is given a hosts file for them ({@code -Djdk.net.hosts.file}), since the test machine's DNS does not know
 * the test zone.
 */
class MtaStsIT {

    private static MailServer good;
    private static MailServer elsewhere;
    private static String dnsAddress;
    private static Path caFile;
    private static Path hostsFile;

    @TempDir
    Path home;

    @BeforeAll
    static void world() throws IOException {
        DockerRequired.image("sendmail-it/dnsmasq:1");
        DockerRequired.image("sendmail-it/nginx:1");
        Network network = Network.newNetwork();
        Containers.stopAtExit(network);
        good = MailServer.postfixOn(network, "mx1.good.test", "postfix", null, null);
        byte[] caPem = good.file("/etc/it-tls/ca.pem");
        byte[] caKey = good.file("/etc/it-tls/ca.key");
        caFile = good.caFile();
        elsewhere = MailServer.postfixOn(network, "elsewhere.test", "postfix", caPem, caKey);
        GenericContainer<?> web = new GenericContainer<>(DockerImageName.parse("sendmail-it/nginx:1"))
                .withNetwork(network)
                .withCommand("mta-sts.good.test", "mta-sts.bad.test", "mta-sts.testing.test")
                .withCopyToContainer(Transferable.of(caPem), "/etc/it-tls-ca/ca.pem")
                .withCopyToContainer(Transferable.of(caKey, 0600), "/etc/it-tls-ca/ca.key")
                .withCopyToContainer(Transferable.of(policy("enforce", "*.good.test")),
                        "/srv/mta-sts/mta-sts.good.test/.well-known/mta-sts.txt")
                .withCopyToContainer(Transferable.of(policy("enforce", "*.bad.test")),
                        "/srv/mta-sts/mta-sts.bad.test/.well-known/mta-sts.txt")
                .withCopyToContainer(Transferable.of(policy("testing", "*.testing.test")),
                        "/srv/mta-sts/mta-sts.testing.test/.well-known/mta-sts.txt")
                .waitingFor(Wait.forLogMessage(".*it-nginx: serving.*", 1));
        web.start();
        Containers.stopAtExit(web);
        String webAddress = Containers.address(web);
        String zone = String.join("\n",
                "mx-host=good.test,mx1.good.test,10",
                "host-record=mx1.good.test," + good.networkAddress(),
                "txt-record=_mta-sts.good.test,\"v=STSv1; id=20261201\"",
                "mx-host=bad.test,mx.bad.test,10",
                "host-record=mx.bad.test," + elsewhere.networkAddress(),
                "txt-record=_mta-sts.bad.test,\"v=STSv1; id=20261201\"",
                "mx-host=testing.test,mx.testing.test,10",
                "host-record=mx.testing.test," + elsewhere.networkAddress(),
                "txt-record=_mta-sts.testing.test,\"v=STSv1; id=20261201\"",
                "host-record=mta-sts.good.test,mta-sts.bad.test,mta-sts.testing.test," + webAddress,
                "");
        dnsAddress = DnsServer.start(network, zone);
        hostsFile = Files.createTempFile("sendmail-it-mta-sts", ".hosts");
        Files.writeString(hostsFile, webAddress + " mta-sts.good.test mta-sts.bad.test mta-sts.testing.test\n");
    }

    private static String policy(String mode, String mx) {
        return "version: STSv1\r\nmode: " + mode + "\r\nmx: " + mx + "\r\nmax_age: 86400\r\n";
    }

    /** The launcher, with the test zone's DNS server, the run's CA, and a cache directory of this test's own. */
    private CliResult send(byte[] message, String... args) {
        Launcher.script();  // fails the test when the distribution is not built
        // the distribution's launcher itself: ./send-mail would rebuild it when a source changed meanwhile
        Path launcher = Launcher.root().resolve("cli/target/send-mail-dist/bin/send-mail");
        List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "--dns", dnsAddress + ":53",
                "--cafile", caFile.toString(), "--timeout", "15", "-f", TestMessages.FROM));
        cmd.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("SEND_MAIL_CDS_DIR", Path.of(System.getProperty("user.home"), ".cache", "send-mail").toString());
        env.put("SEND_MAIL_JAVA_OPTS", "-Djdk.net.hosts.file=" + hostsFile);
        return Launcher.run(cmd, message, env, home);
    }

    private List<TlsSession> reported(String domain) {
        try {
            return new TlsReportStore(home.resolve(".cache/send-mail/tls-rpt"))
                    .sessions(domain, LocalDate.now(ZoneOffset.UTC));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void enforceWithAMatchingMxAndAGoodCertificateDeliversOverTls() {
        String token = TestMessages.token("sts-enforce");
        CliResult r = send(TestMessages.simple(token, "bob@good.test", "MTA-STS enforce\r\n"), "--trace",
                "bob@good.test");
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.stderr().contains("MTA-STS: enforce, mx *.good.test"), r.describe());
        assertTrue(r.stderr().contains("TLS required, MTA-STS enforce (certificate for mx1.good.test)"),
                r.describe());
        DeliveredMessage m = new DeliveredMessage(good.awaitMessages(token, 1).get(0));
        assertTrue(m.header("Received").contains("using TLS"), m.header("Received"));
        assertTrue(Files.isRegularFile(home.resolve(".cache/send-mail/mta-sts/good.test.policy")),
                "the policy is cached");
        List<TlsSession> s = reported("good.test");
        assertEquals(1, s.size(), s.toString());
        assertTrue(s.get(0).successful(), s.toString());
    }

    @Test
    void enforceWithACertificateForAnotherNameDefersAndSendsNothing() {
        String token = TestMessages.token("sts-wrong-cert");
        CliResult r = send(TestMessages.simple(token, "carol@bad.test", "MTA-STS wrong certificate\r\n"),
                "carol@bad.test");
        assertEquals(75, r.exit(), r.describe());
        assertTrue(r.stderr().contains("certificate"), r.describe());
        assertEquals(List.of(), elsewhere.mailNow(token), "nothing may reach a host that failed the policy");
        List<TlsSession> s = reported("bad.test");
        assertEquals(Optional.of("certificate-host-mismatch"), s.get(0).resultType(), s.toString());
    }

    @Test
    void testingDeliversAndRecordsTheFailure() {
        String token = TestMessages.token("sts-testing");
        CliResult r = send(TestMessages.simple(token, "dave@testing.test", "MTA-STS testing\r\n"),
                "dave@testing.test");
        assertEquals(0, r.exit(), r.describe());
        elsewhere.awaitMail(token, 1);
        List<TlsSession> s = reported("testing.test");
        assertEquals(1, s.size(), s.toString());
        assertEquals(Optional.of("certificate-host-mismatch"), s.get(0).resultType(), s.toString());
        assertEquals("sts", s.get(0).policyType());
        assertEquals(List.of("*.testing.test"), s.get(0).mxHost());
        CliResult report = send(new byte[0], "--tls-report", "testing.test");
        assertEquals(0, report.exit(), report.describe());
        assertTrue(report.stdout().contains("\"policy-domain\": \"testing.test\""), report.describe());
        assertTrue(report.stdout().contains("\"result-type\": \"certificate-host-mismatch\""), report.describe());
        assertTrue(report.stdout().contains("\"receiving-mx-hostname\": \"mx.testing.test\""), report.describe());
    }

    @Test
    void planShowsThePolicyAndTheRulePerHost() {
        CliResult r = send(new byte[0], "--plan", "bob@good.test", "carol@bad.test");
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.stdout().contains("MTA-STS: enforce, mx *.good.test, max_age 86400 s"), r.describe());
        assertTrue(r.stdout().contains("mx1.good.test (preference 10): " + good.networkAddress()
                + "; TLS required, MTA-STS enforce (certificate for mx1.good.test)"), r.describe());
    }
}
