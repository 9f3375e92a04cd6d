package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * DANE for SMTP (RFC 7672) against real parts: BIND 9 serves the zone {@code dane.test}, signed at container start
 * with its own tools (dnssec-keygen, dnssec-signzone), and send-mail's resolver validates every answer with that
 * zone's DS record as its only trust anchor ({@code --dnssec-anchor}), asking BIND directly. One Postfix MX, its
 * certificate from a per-run CA that nobody trusts here, so only DANE can authenticate it.
 *
 * <pre>
 * ok.dane.test     MX mx.dane.test;      TLSA 3 1 1 of the Postfix key       -> delivered over DANE-EE
 * wrong.dane.test  MX mxwrong.dane.test; TLSA 3 1 1 of another key           -> deferred (75), nothing sent
 * bogus.dane.test  MX mxbogus.dane.test; A changed after signing to Postfix's -> bogus, deferred (75)
 * </pre>
 */
class DaneIT {

    private static final String BIND_IMAGE = "sendmail-it/bind:1";
    private static MailServer mx;
    private static String dnsAddress;
    private static Path anchor;
    private static String good;

    @BeforeAll
    static void start() throws Exception {
        DockerRequired.image(BIND_IMAGE);
        Network network = Network.newNetwork();
        Containers.stopAtExit(network);
        mx = MailServer.postfixOn(network, "mx.dane.test", "postfix", null, null);
        String mxAddress = mx.networkAddress();
        good = spkiSha256(mx.file("/etc/it-tls/cert.pem"));
        String zone = String.join("\n",
                "$TTL 300",
                "@ IN SOA ns.dane.test. admin.dane.test. 1 3600 600 86400 300",
                "@ IN NS ns.dane.test.",
                "ns IN A 192.0.2.53",
                "ok IN MX 10 mx.dane.test.",
                "mx IN A " + mxAddress,
                "_25._tcp.mx IN TLSA 3 1 1 " + good,
                "wrong IN MX 10 mxwrong.dane.test.",
                "mxwrong IN A " + mxAddress,
                "_25._tcp.mxwrong IN TLSA 3 1 1 " + "5a".repeat(32),
                "bogus IN MX 10 mxbogus.dane.test.",
                // signed as an address nobody uses, then changed to the MX's own address (IT_BIND_TAMPER)
                "mxbogus IN A 192.0.2.77",
                "_25._tcp.mxbogus IN TLSA 3 1 1 " + good,
                "");
        GenericContainer<?> bind = new GenericContainer<>(DockerImageName.parse(BIND_IMAGE))
                .withNetwork(network)
                .withEnv("ZONE", "dane.test")
                .withEnv("IT_BIND_TAMPER", "s/192\\.0\\.2\\.77/" + mxAddress + "/")
                .withCopyToContainer(Transferable.of(zone), "/etc/it-bind/zone.in")
                .waitingFor(Wait.forLogMessage(".*all zones loaded.*", 1));
        bind.start();
        Containers.stopAtExit(bind);
        dnsAddress = bind.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next()
                .getIpAddress();
        anchor = Files.createTempFile("sendmail-it-dane-anchor", ".txt");
        anchor.toFile().deleteOnExit();
        bind.copyFileFromContainer("/etc/it-bind/ds.txt", in -> Files.write(anchor, in.readAllBytes()));
        assertTrue(Files.readString(anchor).contains(" DS "), Files.readString(anchor));
    }

    private static String spkiSha256(byte[] pem) {
        try {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getPublicKey().getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> args(String transport, String... more) {
        List<String> a = new ArrayList<>(List.of("--transport", transport, "--dns", dnsAddress + ":53",
                "--dnssec-anchor", anchor.toString(), "--timeout", "15", "--trace", "-f", TestMessages.FROM));
        a.addAll(List.of(more));
        return a;
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void aMatchingDaneEeRecordDeliversOverTlsThatNothingElseCouldVerify(String transport) {
        String token = TestMessages.token("dane-ok-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, "bob@ok.dane.test", "DANE-EE\r\n"),
                args(transport, "bob@ok.dane.test"));
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.stderr().contains("TLS authenticated: DANE-EE 3 1 1"), r.describe());
        DeliveredMessage m = new DeliveredMessage(mx.awaitMessages(token, 1).get(0));
        assertTrue(m.header("Received").contains("using TLS"), m.header("Received"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void aTlsaRecordThatMatchesNothingDefersAndNothingIsSent(String transport) {
        String token = TestMessages.token("dane-wrong-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, "bob@wrong.dane.test", "wrong TLSA\r\n"),
                args(transport, "bob@wrong.dane.test"));
        assertEquals(75, r.exit(), r.describe());
        assertTrue(r.stderr().contains("DANE-EE"), r.describe());
        assertEquals(List.of(), mx.mailNow(token), "nothing may reach an MX that fails its TLSA records");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void brokenSignaturesAreBogusAndDefer(String transport) {
        String token = TestMessages.token("dane-bogus-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, "bob@bogus.dane.test", "bogus zone\r\n"),
                args(transport, "bob@bogus.dane.test"));
        assertEquals(75, r.exit(), r.describe());
        assertTrue(r.stderr().contains("DNSSEC validation failed"), r.describe());
        assertEquals(List.of(), mx.mailNow(token), "a forged address must not be used");
    }

    @org.junit.jupiter.api.Test
    void planShowsTheDnssecStatusTheTlsaRecordsAndTheRulePerHost() {
        CliResult r = Cli.run(new byte[0], args("socket", "--plan", "bob@ok.dane.test", "bob@bogus.dane.test"));
        // the bogus domain has no route for now: a temporary failure
        assertEquals(75, r.exit(), r.describe());
        assertTrue(r.stdout().contains("  DNSSEC: secure"), r.describe());
        assertTrue(r.stdout().contains("       TLSA 3 1 1 " + good), r.describe());
        assertTrue(r.stdout().contains("1. mx.dane.test (preference 10): " + mx.networkAddress()
                + "; TLS required, DANE-EE"), r.describe());
        assertTrue(r.stdout().contains("bogus.dane.test: "), r.describe());
        assertTrue(r.stdout().contains("DNSSEC validation failed"), r.describe());
    }
}
