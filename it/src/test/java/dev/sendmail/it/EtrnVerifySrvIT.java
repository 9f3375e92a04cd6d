package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.Network;

/**
 * ETRN, recipient verification ({@code -bv}) and SRV discovery ({@code --server auto}) against Postfix, with a
 * dnsmasq server holding the SRV records:
 *
 * <pre>
 * _submissions._tcp.srv.test  SRV 0 1 465 mail.srv.test     (implicit TLS: tried first)
 * _submission._tcp.srv.test   SRV 10 1 587 mail.srv.test    (STARTTLS)
 * _submissions._tcp.none.test SRV 0 0 1 . ("no service"), _submission._tcp.none.test likewise
 * nothing.test                no SRV record at all (NXDOMAIN)
 * </pre>
 * mail.srv.test is a Postfix of its own (its certificate names mail.srv.test), with
 * {@code fast_flush_domains = flush.test} so that it answers ETRN for flush.test.
 */
class EtrnVerifySrvIT {

    private static MailServer mail;
    private static String dnsAddress;

    @BeforeAll
    static void world() {
        DockerRequired.image("sendmail-it/dnsmasq:1");
        Network network = Network.newNetwork();
        Containers.stopAtExit(network);
        mail = MailServer.postfixOn(network, "mail.srv.test", "postfix", null, null);
        mail.exec("postconf", "-e", "fast_flush_domains = flush.test");
        mail.exec("postfix", "reload");
        String zone = String.join("\n",
                "srv-host=_submissions._tcp.srv.test,mail.srv.test,465,0,1",
                "srv-host=_submission._tcp.srv.test,mail.srv.test,587,10,1",
                "host-record=mail.srv.test," + mail.networkAddress(),
                "srv-host=_submissions._tcp.none.test",
                "srv-host=_submission._tcp.none.test",
                "");
        dnsAddress = DnsServer.start(network, zone);
    }

    private static List<String> auto(String transport, String from, String... more) {
        List<String> a = new ArrayList<>(List.of("--transport", transport, "--server", "auto", "--dns",
                dnsAddress + ":53", "--cafile", mail.caFile().toString(), "--timeout", "15", "-f", from,
                "--user", MailServer.USER, "--password-file", Cli.passwordFile().toString()));
        a.addAll(List.of(more));
        return a;
    }

    // ---- SRV -----------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void autoSendsThroughTheImplicitTlsSubmissionServer(String transport) {
        String token = TestMessages.token("srv-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, "bob@pf.test", "found through SRV\r\n"),
                auto(transport, "me@srv.test", "--trace", "bob@pf.test"));
        assertEquals(0, r.exit(), r.describe());
        DeliveredMessage m = new DeliveredMessage(mail.awaitMessages(token, 1).get(0));
        assertEquals("bob@pf.test", m.header("Delivered-To"));
        assertTrue(m.header("Received").contains("using TLS"), m.header("Received"));
        // port 465 first (priority 0): TLS from the first byte, so no STARTTLS command and AUTH over TLS
        assertFalse(r.stderr().contains("-> STARTTLS"), r.describe());
        assertTrue(r.stderr().contains("connected to " + mail.networkAddress() + " port 465"), r.describe());
    }

    @Test
    void planShowsTheRecordsAndTheOrderAndProbeConnectsToEach() {
        CliResult r = Cli.run(new byte[0], auto("socket", "me@srv.test", "--probe", "bob@pf.test"));
        assertEquals(0, r.exit(), r.describe());
        String out = r.stdout();
        assertTrue(out.contains("_submissions._tcp.srv.test SRV 0 1 465 mail.srv.test (smtps)"), r.describe());
        assertTrue(out.contains("_submission._tcp.srv.test SRV 10 1 587 mail.srv.test (starttls)"), r.describe());
        int first = out.indexOf("1. mail.srv.test port 465 (smtps)");
        int second = out.indexOf("2. mail.srv.test port 587 (starttls)");
        assertTrue(first > 0 && second > first, r.describe());
        // both probes greeted and established TLS
        assertEquals(2, out.split("TLS TLSv1", -1).length - 1, r.describe());

        CliResult chosen = Cli.run(new byte[0], auto("socket", "me@srv.test", "--tls", "starttls", "--plan",
                "bob@pf.test"));
        assertEquals(0, chosen.exit(), chosen.describe());
        assertTrue(chosen.stdout().contains("1. mail.srv.test port 465:"), chosen.describe());
    }

    @Test
    void noUsableRecordExits68NamingWhatWasLookedUp() {
        CliResult none = Cli.run(TestMessages.simple(TestMessages.token("srv-none"), "bob@pf.test", "x\r\n"),
                auto("socket", "me@none.test", "bob@pf.test"));
        assertEquals(68, none.exit(), none.describe());
        assertTrue(none.stderr().contains("_submissions._tcp.none.test SRV 0 0 1 . (smtps): skipped, the service is "
                + "not offered (target .)"), none.describe());
        CliResult nothing = Cli.run(new byte[0], auto("socket", "me@nothing.test", "--plan", "bob@pf.test"));
        assertEquals(68, nothing.exit(), nothing.describe());
        assertTrue(nothing.stderr().contains("_submissions._tcp.nothing.test: no such name")
                && nothing.stderr().contains("_submission._tcp.nothing.test: no such name"), nothing.describe());
        assertEquals(1, nothing.stderr().strip().lines().count(), nothing.describe());
    }

    // ---- ETRN ----------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void etrnIsAnsweredForAFastFlushDomainAndRefusedForOthers(String transport) {
        List<String> server = List.of("--transport", transport, "--server", mail.networkAddress() + ":25", "--tls",
                "starttls", "--cafile", mail.caFile().toString(), "--timeout", "15");
        CliResult ok = Cli.run(new byte[0], Cli.plus(server, "--etrn", "flush.test"));
        assertEquals(0, ok.exit(), ok.describe());
        assertTrue(ok.stdout().startsWith("ETRN flush.test: 250"), ok.describe());
        CliResult denied = Cli.run(new byte[0], Cli.plus(server, "--etrn", "other.test"));
        assertEquals(69, denied.exit(), denied.describe());
        assertTrue(denied.stdout().startsWith("ETRN other.test: 459"), denied.describe());
        // through the SRV-found submission server, with AUTH, like any session
        CliResult viaSrv = Cli.run(new byte[0], auto(transport, "me@srv.test", "--etrn", "flush.test"));
        assertEquals(0, viaSrv.exit(), viaSrv.describe());
    }

    // ---- -bv -----------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void verifyThroughASmartHostReportsTheUnknownUserAndDeliversNothing(String transport) {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("bv-" + transport);
        CliResult r = Cli.run(new byte[0], Cli.plus(Cli.smartHost(transport, pf, pf.smtpPort(), "starttls"),
                "-f", TestMessages.FROM, "-bv", "bob@pf.test", "unknown-" + token + "@pf.test"));
        assertEquals(67, r.exit(), r.describe());
        List<String> lines = r.stdout().lines().toList();
        assertEquals(2, lines.size(), r.describe());
        assertTrue(lines.get(0).startsWith("bob@pf.test: deliverable: RCPT 250"), r.describe());
        assertTrue(lines.get(1).startsWith("unknown-" + token + "@pf.test: undeliverable: RCPT 550 5.1.1"),
                r.describe());
        assertEquals(List.of(), pf.mailNow(token), "nothing may be delivered");
    }

    @Test
    void verifyWithDirectMxDeliveryAsksEachDomainsHost() {
        MxWorld w = MxWorld.get();
        CliResult r = Cli.run(new byte[0], List.of("--dns", w.dnsAddress + ":53", "--cafile", w.caFile().toString(),
                "--timeout", "15", "-f", TestMessages.FROM, "--verify", "--json", "bob@pref.test",
                "unknown-bv@pref.test", "carol@aonly.test"));
        assertEquals(67, r.exit(), r.describe());
        List<String> lines = r.stdout().lines().toList();
        assertEquals(3, lines.size(), r.describe());
        assertTrue(lines.get(0).contains("\"status\":\"deliverable\"") && lines.get(0).contains("mxa.test"),
                r.describe());
        assertTrue(lines.get(1).contains("\"status\":\"undeliverable\"") && lines.get(1).contains("\"code\":550"),
                r.describe());
        assertTrue(lines.get(2).contains("\"status\":\"deliverable\""), r.describe());
    }
}
