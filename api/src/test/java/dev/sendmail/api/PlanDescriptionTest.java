package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.spi.DnssecStatus;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.ProbeResult;
import dev.sendmail.spi.SrvRecord;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PlanDescriptionTest {

    private static final List<Mailbox> RCPTS = List.of(Mailbox.parse("bob@b.test"), Mailbox.parse("dave@b.test"));
    private static final ResolutionFailedException NULL_MX = new ResolutionFailedException("b.test",
            ResolutionFailedException.Reason.NULL_MX, "null MX", null);

    private static Sender.RoutePlan plan(MailRoute route) {
        return new Sender.RoutePlan(route.domain(), RCPTS, Optional.of(route), Optional.empty());
    }

    private static String text(Sender.RoutePlan plan, boolean smartHost) {
        return String.join("\n", PlanDescription.text(plan, smartHost)) + "\n";
    }

    private static MailRoute mx() throws Exception {
        return new MailRoute("b.test", MailRoute.Kind.MX, List.of(
                new MailHost("mx1.b.test", OptionalInt.empty(), List.of(InetAddress.getByName("192.0.2.1"),
                        InetAddress.getByName("2001:db8::1")), 10),
                new MailHost("mx2.b.test", OptionalInt.of(2525), List.of(), 20)));
    }

    @Test
    void routeAsText() throws Exception {
        assertEquals("b.test: MX records, by preference (equal preferences in random order)\n"
                + "  1. mx1.b.test (preference 10): 192.0.2.1, 2001:db8:0:0:0:0:0:1\n"
                + "  2. mx2.b.test port 2525 (preference 20): (addresses looked up when connecting)\n",
                text(plan(mx()), false));
    }

    @Test
    void routeAsJson() throws Exception {
        assertEquals("{\"domain\":\"b.test\",\"recipients\":[\"bob@b.test\",\"dave@b.test\"],\"route\":\"mx\","
                + "\"hosts\":[{\"host\":\"mx1.b.test\",\"port\":null,\"preference\":10,"
                + "\"addresses\":[\"192.0.2.1\",\"2001:db8:0:0:0:0:0:1\"]},"
                + "{\"host\":\"mx2.b.test\",\"port\":2525,\"preference\":20,\"addresses\":[]}]}",
                PlanDescription.json(plan(mx())));
    }

    @Test
    void aSecureRouteShowsItsDnssecStatusAndEachDaneHostsTlsaRecords() throws Exception {
        String ee = "3 1 1 " + "ab".repeat(32);
        MailRoute route = new MailRoute("b.test", MailRoute.Kind.MX, List.of(
                new MailHost("mx1.b.test", OptionalInt.empty(), List.of(InetAddress.getByName("192.0.2.1")), 10)
                        .withTlsRequirement(new TlsRequirement.Dane("mx1.b.test", List.of(TlsaRecord.parse(ee))))),
                DnssecStatus.SECURE);
        String text = text(plan(route), false);
        assertTrue(text.contains("\n       TLSA " + ee + "\n"), text);
        assertTrue(text.contains("  DNSSEC: secure"), text);
        String json = PlanDescription.json(plan(route));
        assertTrue(json.startsWith("{\"domain\":\"b.test\",\"dnssec\":\"secure\","), json);
        assertTrue(json.contains("\"tlsa\":[\"" + ee + "\"]"), json);
    }

    @Test
    void aStaticRouteIsASmartHostWhenOneIsSet() {
        MailRoute route = new MailRoute("*", MailRoute.Kind.STATIC, List.of(MailHost.of("smtp.a.test", 587)));
        assertEquals("all recipients: smart host\n  1. smtp.a.test port 587: (addresses looked up when connecting)\n",
                text(plan(route), true));
        assertEquals("all recipients: configured route", PlanDescription.text(plan(route), false).get(0));
    }

    @Test
    void srvRouteIsExplained() {
        MailRoute route = new MailRoute("b.test", MailRoute.Kind.SRV, List.of(MailHost.of("submit.b.test", 587)));
        assertEquals("b.test: submission servers from SRV records (RFC 6186), by priority, weighted (RFC 2782)",
                PlanDescription.text(plan(route), false).get(0));
    }

    @Test
    void aTlsPolicyIsShownWithItsRefusalAndEachHostsRule() {
        MailRoute route = new MailRoute("b.test", MailRoute.Kind.MX, List.of(MailHost.of("mx.b.test")));
        Sender.RoutePlan plan = new Sender.RoutePlan("b.test", RCPTS, Optional.of(route), Optional.empty(),
                List.of("MTA-STS enforce: mx.b.test", "a\u0007b"), Optional.of("no MX host matches the policy"));
        assertEquals(List.of("b.test: MX records, by preference (equal preferences in random order)",
                "  MTA-STS enforce: mx.b.test", "  a b", "  no host may be used: no MX host matches the policy"
                + " (mail is deferred)", "  1. mx.b.test: (addresses looked up when connecting); opportunistic"),
                PlanDescription.text(plan, false), "control characters become spaces");
        assertTrue(PlanDescription.json(plan).endsWith(",\"tls_policy\":[\"MTA-STS enforce: mx.b.test\","
                + "\"a\\u0007b\"],\"refusal\":\"no MX host matches the policy\"}"), PlanDescription.json(plan));
    }

    @Test
    void failureAsTextAndJson() {
        Sender.RoutePlan plan = new Sender.RoutePlan("b.test", RCPTS, Optional.empty(), Optional.of(NULL_MX));
        assertEquals(List.of("b.test: null MX: the domain accepts no mail (RFC 7505)", "  " + NULL_MX.getMessage()),
                PlanDescription.text(plan, false));
        assertEquals("{\"domain\":\"b.test\",\"recipients\":[\"bob@b.test\",\"dave@b.test\"],\"route\":null,"
                + "\"reason\":\"null_mx\",\"detail\":\"" + NULL_MX.getMessage() + "\"}", PlanDescription.json(plan));
    }

    private static HostProbe probed(ProbeResult result) {
        return new HostProbe("b.test", MailHost.of(result.host()), Optional.of(result), Optional.empty());
    }

    @Test
    void probeAsTextAndJson() {
        ProbeResult probe = new ProbeResult("mx.b.test", "192.0.2.1", SmtpReply.of(220, "mx.b.test ESMTP"),
                List.of("PIPELINING", "SIZE\t100"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        assertEquals(List.of("     probe mx.b.test [192.0.2.1]: 220 mx.b.test ESMTP", "       PIPELINING",
                "       SIZE 100", "       no TLS"), PlanDescription.text(probed(probe)), "under the plan's host lines");
        assertEquals("{\"probe\":\"mx.b.test\",\"domain\":\"b.test\",\"address\":\"192.0.2.1\","
                + "\"greeting\":\"220 mx.b.test ESMTP\",\"capabilities\":[\"PIPELINING\",\"SIZE\\t100\"],"
                + "\"tls_protocol\":null,\"tls_cipher\":null,\"certificate\":null,\"certificate_problem\":null}",
                PlanDescription.json(probed(probe)));
    }

    @Test
    void aFailedProbeAsTextAndJson() {
        ConnectionFailedException e = new ConnectionFailedException("refused\r", Phase.CONNECT, "mx.b.test", null);
        HostProbe failed = new HostProbe("b.test", MailHost.of("mx.b.test"), Optional.empty(), Optional.of(e));
        assertEquals(List.of("     probe mx.b.test: " + e.getMessage().replace('\r', ' ')),
                PlanDescription.text(failed));
        assertEquals("{\"probe\":\"mx.b.test\",\"domain\":\"b.test\",\"error\":\""
                + e.getMessage().replace("\r", "\\r") + "\"}",
                PlanDescription.json(failed));
    }

    @Test
    void theSrvRecordsOfADiscoveryInTheOrderConsideredWithWhyOneWasSkipped() throws Exception {
        SrvRecord used = new SrvRecord(0, 1, 465, "smtp.b.test", List.of(InetAddress.getByName("192.0.2.1")));
        SrvRecord none = new SrvRecord(0, 0, 0, ".", List.of());
        SubmissionDiscovery.Result d = new SubmissionDiscovery.Result("b.test", List.of(
                new SubmissionDiscovery.Candidate("_submissions._tcp.b.test", used, TlsMode.SMTPS, Optional.empty()),
                new SubmissionDiscovery.Candidate("_submission._tcp.b.test", none, TlsMode.STARTTLS,
                        Optional.of("service not offered"))),
                new MailRoute("b.test", MailRoute.Kind.SRV, List.of(MailHost.of("smtp.b.test"))),
                List.of("_other._tcp.b.test: timed out\u0007"));
        assertEquals(List.of("submission servers of b.test (SRV records, RFC 6186 and RFC 8314):",
                "  _submissions._tcp.b.test SRV 0 1 465 smtp.b.test (smtps)",
                "  _submission._tcp.b.test SRV 0 0 0 . (starttls): skipped, service not offered",
                "  _other._tcp.b.test: timed out "), PlanDescription.text(d));
        assertEquals("{\"domain\":\"b.test\",\"srv\":[{\"name\":\"_submissions._tcp.b.test\",\"priority\":0,"
                + "\"weight\":1,\"port\":465,\"target\":\"smtp.b.test\",\"tls\":\"smtps\",\"skipped\":null},"
                + "{\"name\":\"_submission._tcp.b.test\",\"priority\":0,\"weight\":0,\"port\":0,\"target\":\".\","
                + "\"tls\":\"starttls\",\"skipped\":\"service not offered\"}]}", PlanDescription.json(d));
    }

    @Test
    void aNoteIsAnObjectOfOneFieldNamedByItsTopic() {
        assertEquals("{\"configuration\":\"/home/u/.msmtprc \\\"x\\\"\"}",
                PlanDescription.noteJson("configuration", "/home/u/.msmtprc \"x\""));
    }
}
