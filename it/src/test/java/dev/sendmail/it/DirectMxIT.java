package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Direct delivery: MX lookup against a real DNS server, then SMTP to port 25 of the MX hosts' addresses. */
class DirectMxIT {

    private static List<String> direct(String transport, String... more) {
        MxWorld w = MxWorld.get();
        List<String> a = new ArrayList<>(List.of("--transport", transport, "--dns", w.dnsAddress + ":53",
                "--cafile", w.caFile().toString(), "--timeout", "15", "-f", TestMessages.FROM));
        a.addAll(List.of(more));
        return a;
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void lowestPreferenceWins(String transport) {
        MxWorld w = MxWorld.get();
        String token = TestMessages.token("mx-pref-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, "bob@pref.test", "MX preference\r\n"),
                direct(transport, "bob@pref.test"));
        assertEquals(0, r.exit(), r.describe());
        DeliveredMessage m = new DeliveredMessage(w.mxa.awaitMessages(token, 1).get(0));
        assertEquals("bob@pref.test", m.header("Delivered-To"));
        // opportunistic TLS (the default for MX delivery) is used when the MX offers STARTTLS
        assertTrue(m.header("Received").contains("using TLS"), m.header("Received"));
        assertEquals(List.of(), w.mxb.mailNow(token), "the MX with preference 20 must not get it");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void opportunisticTlsStillDeliversWhenTheMxCertificateIsUntrusted(String transport) {
        // without --cafile the MX certificate cannot be verified; opportunistic TLS (as Postfix's "may")
        // must not lose the mail over it
        MxWorld w = MxWorld.get();
        String token = TestMessages.token("mx-untrusted-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, "bob@pref.test", "untrusted MX certificate\r\n"),
                List.of("--transport", transport, "--dns", w.dnsAddress + ":53", "--timeout", "15",
                        "-f", TestMessages.FROM, "bob@pref.test"));
        assertEquals(0, r.exit(), r.describe());
        w.mxa.awaitMail(token, 1);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void equalPreferencesShareTheLoad(String transport) {
        MxWorld w = MxWorld.get();
        int runs = 12;
        int atA = 0;
        int atB = 0;
        for (int i = 0; i < runs; i++) {
            String token = TestMessages.token("mx-equal-" + transport + "-" + i);
            CliResult r = Cli.run(TestMessages.simple(token, "bob@equal.test", "equal preference\r\n"),
                    direct(transport, "bob@equal.test"));
            assertEquals(0, r.exit(), r.describe());
            // delivery is asynchronous inside the MX: look at both Maildirs in turn, for up to 30 s
            List<String> a = List.of();
            List<String> b = List.of();
            for (int round = 0; round < 30 && a.isEmpty() && b.isEmpty(); round++) {
                a = w.mxa.mailWithin(token, 5);
                b = a.isEmpty() ? w.mxb.mailWithin(token, 5) : List.of();
            }
            assertTrue(a.size() + b.size() == 1, "message " + i + " should be at exactly one MX: mxa " + a
                    + ", mxb " + b);
            atA += a.size();
            atB += b.size();
        }
        assertEquals(runs, atA + atB);
        // RFC 5321 5.1: hosts of equal preference should be tried in random order
        assertTrue(atA > 0 && atB > 0, "all " + runs + " messages went to one host: mxa " + atA + ", mxb " + atB);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void bestMxDownFallsBackToTheNext(String transport) {
        MxWorld w = MxWorld.get();
        String token = TestMessages.token("mx-down-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, "carol@bestdown.test", "best MX down\r\n"),
                direct(transport, "carol@bestdown.test"));
        assertEquals(0, r.exit(), r.describe());
        w.mxb.awaitMail(token, 1);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void domainWithOnlyAnAddressRecordIsItsOwnMx(String transport) {
        MxWorld w = MxWorld.get();
        String token = TestMessages.token("mx-aonly-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, "dave@aonly.test", "implicit MX\r\n"),
                direct(transport, "dave@aonly.test"));
        assertEquals(0, r.exit(), r.describe());
        w.mxa.awaitMail(token, 1);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void nullMxAcceptsNoMail(String transport) {
        MxWorld w = MxWorld.get();
        String token = TestMessages.token("mx-null-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, "eve@nullmx.test", "null MX\r\n"),
                direct(transport, "eve@nullmx.test"));
        assertEquals(68, r.exit(), r.describe());
        assertTrue(r.stderr().contains("eve@nullmx.test"), r.describe());
        // nullmx.test has an A record too: falling back to it would be wrong
        assertEquals(List.of(), w.mxa.mailNow(token));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void nonexistentDomain(String transport) {
        String token = TestMessages.token("mx-nx-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, "frank@nosuch.test", "NXDOMAIN\r\n"),
                direct(transport, "frank@nosuch.test"));
        assertEquals(68, r.exit(), r.describe());
        assertTrue(r.stderr().contains("frank@nosuch.test"), r.describe());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void mxAnswering451IsATemporaryFailure(String transport) {
        MxWorld w = MxWorld.get();
        String token = TestMessages.token("mx-451-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, "gina@tempfail.test", "deferred\r\n"),
                direct(transport, "gina@tempfail.test"));
        assertEquals(75, r.exit(), r.describe());
        assertTrue(r.stderr().contains("451"), r.describe());
        assertTrue(w.mx451.log().contains("<gina@tempfail.test>: Recipient address rejected: Try again later"),
                w.mx451.recentLog());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void silentMxTimesOutAndTheNextOneDelivers(String transport) {
        MxWorld w = MxWorld.get();
        String token = TestMessages.token("mx-stall-" + transport);
        List<String> args = direct(transport, "harry@stall.test");
        args.set(args.indexOf("--timeout") + 1, "3");
        long start = System.nanoTime();
        CliResult r = Cli.run(TestMessages.simple(token, "harry@stall.test", "after a silent MX\r\n"), args);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(0, r.exit(), r.describe());
        assertTrue(seconds < 30, "--timeout 3 but the run took " + seconds + " s: " + r.describe());
        w.mxb.awaitMail(token, 1);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void planShowsTheRoutesFromDnsAndSendsNothing(String transport) {
        MxWorld w = MxWorld.get();
        CliResult r = Cli.run(new byte[0], Cli.plus(direct(transport, "--plan"), "bob@pref.test", "x@equal.test",
                "eve@nullmx.test", "frank@nosuch.test"));
        assertEquals(68, r.exit(), "null MX and NXDOMAIN are permanent: " + r.describe());
        String out = r.stdout();
        for (String expected : List.of("pref.test", "equal.test", "mxa.test", "mxb.test", w.mxa.networkAddress(),
                w.mxb.networkAddress(), "nullmx.test", "null MX", "nosuch.test", "NXDOMAIN")) {
            assertTrue(out.contains(expected), "--plan output lacks " + expected + ": " + r.describe());
        }
        assertTrue(out.indexOf("mxa.test") < out.indexOf("mxb.test", out.indexOf("pref.test")),
                "pref.test: mxa (10) before mxb (20): " + r.describe());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void probeConnectsToEachMx(String transport) {
        CliResult r = Cli.run(new byte[0], Cli.plus(direct(transport, "--probe"), "bob@pref.test"));
        assertEquals(0, r.exit(), r.describe());
        String out = r.stdout() + r.stderr();
        assertTrue(out.contains("mxa.test") && out.contains("mxb.test"), r.describe());
        assertTrue(out.contains("STARTTLS") || out.contains("TLS"), "capabilities or TLS should be shown: "
                + r.describe());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void severalDomainsInOneRun(String transport) {
        MxWorld w = MxWorld.get();
        String token = TestMessages.token("mx-multi-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, "bob@pref.test, carol@bestdown.test, dave@aonly.test",
                "three domains\r\n"), direct(transport, "bob@pref.test", "carol@bestdown.test", "dave@aonly.test"));
        assertEquals(0, r.exit(), r.describe());
        assertEquals(2, w.mxa.awaitMail(token, 2).size());
        assertEquals(1, w.mxb.awaitMail(token, 1).size());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"socket", "jakarta"})
    void permanentFailureOutranksTemporary(String transport) {
        MxWorld w = MxWorld.get();
        String token = TestMessages.token("mx-mixed-" + transport);
        CliResult r = Cli.run(TestMessages.simple(token, "bob@pref.test", "mixed outcomes\r\n"),
                direct(transport, "bob@pref.test", "gina@tempfail.test", "frank@nosuch.test"));
        // delivered + deferred + no such domain: the permanent failure decides the exit code
        assertEquals(68, r.exit(), r.describe());
        for (String rcpt : List.of("bob@pref.test", "gina@tempfail.test", "frank@nosuch.test")) {
            assertTrue(r.stderr().lines().anyMatch(l -> l.startsWith(rcpt + ":")), "no report line for " + rcpt
                    + ": " + r.describe());
        }
        w.mxa.awaitMail(token, 1);
    }
}
