package dev.sendmail.cli.output;

import dev.sendmail.internal.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.Sender;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TlsRequirement;
import dev.sendmail.api.TlsaRecord;
import dev.sendmail.spi.DnssecStatus;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.ProbeResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PlanPrinterTest {

    private static final Sender.RoutePlan PLAN = new Sender.RoutePlan("b.test",
            List.of(Mailbox.parse("bob@b.test"), Mailbox.parse("dave@b.test")), Optional.empty(),
            Optional.empty());
    private static final ResolutionFailedException NULL_MX = new ResolutionFailedException("b.test",
            ResolutionFailedException.Reason.NULL_MX, "null MX", null);
    private static final ProbeResult PROBE = new ProbeResult("mx.b.test", "192.0.2.1",
            SmtpReply.of(220, "mx.b.test ESMTP"), List.of("PIPELINING", "SIZE 100"), Optional.of("TLSv1.3"),
            Optional.of("TLS_AES_128_GCM_SHA256"), Optional.empty(), Optional.of("self-signed \"x\""));

    private static String printed(boolean json, Consumer<PlanPrinter> action) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        action.accept(new PlanPrinter(new PrintStream(out, true, StandardCharsets.UTF_8), json));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static MailRoute mx() throws Exception {
        return new MailRoute("b.test", MailRoute.Kind.MX, List.of(
                new MailHost("mx1.b.test", OptionalInt.empty(), List.of(InetAddress.getByName("192.0.2.1"),
                        InetAddress.getByName("2001:db8::1")), 10),
                new MailHost("mx2.b.test", OptionalInt.of(2525), List.of(), 20)));
    }

    @Test
    void routeAsText() throws Exception {
        MailRoute route = mx();
        assertEquals("b.test: MX records, by preference (equal preferences in random order)\n"
                + "  1. mx1.b.test (preference 10): 192.0.2.1, 2001:db8:0:0:0:0:0:1\n"
                + "  2. mx2.b.test port 2525 (preference 20): (addresses looked up when connecting)\n",
                printed(false, p -> p.route(PLAN, route, false)));
    }

    private static MailRoute dane() throws Exception {
        String ee = "3 1 1 " + "ab".repeat(32);
        return new MailRoute("b.test", MailRoute.Kind.MX, List.of(
                new MailHost("mx1.b.test", OptionalInt.empty(), List.of(InetAddress.getByName("192.0.2.1")), 10)
                        .withTlsRequirement(new TlsRequirement.Dane("mx1.b.test", List.of(TlsaRecord.parse(ee))))),
                DnssecStatus.SECURE);
    }

    @Test
    void aSecureRouteShowsItsDnssecStatusAndEachDaneHostsTlsaRecords() throws Exception {
        MailRoute route = dane();
        String text = printed(false, p -> p.route(PLAN, route, false));
        assertTrue(text.contains("\n       TLSA 3 1 1 " + "ab".repeat(32) + "\n"), text);
        assertTrue(text.contains("  DNSSEC: secure"), text);
        String json = printed(true, p -> p.route(PLAN, route, false));
        assertTrue(json.startsWith("{\"domain\":\"b.test\",\"dnssec\":\"secure\","), json);
        assertTrue(json.contains("\"tlsa\":[\"3 1 1 " + "ab".repeat(32) + "\"]"), json);
    }

    @Test
    void routeAsJson() throws Exception {
        MailRoute route = mx();
        assertEquals("{\"domain\":\"b.test\",\"recipients\":[\"bob@b.test\",\"dave@b.test\"],\"route\":\"mx\","
                + "\"hosts\":[{\"host\":\"mx1.b.test\",\"port\":null,\"preference\":10,"
                + "\"addresses\":[\"192.0.2.1\",\"2001:db8:0:0:0:0:0:1\"]},"
                + "{\"host\":\"mx2.b.test\",\"port\":2525,\"preference\":20,\"addresses\":[]}]}\n",
                printed(true, p -> p.route(PLAN, route, false)));
    }

    @Test
    void aStaticRouteIsASmartHostWhenOneIsSet() {
        MailRoute route = new MailRoute("*", MailRoute.Kind.STATIC, List.of(MailHost.of("smtp.a.test", 587)));
        Sender.RoutePlan all = new Sender.RoutePlan("*", PLAN.recipients(), Optional.of(route), Optional.empty());
        assertEquals("all recipients: smart host\n  1. smtp.a.test port 587: (addresses looked up when connecting)\n",
                printed(false, p -> p.route(all, route, true)));
        assertEquals("all recipients: configured route\n", printed(false, p -> p.route(all, route, false))
                .lines().findFirst().orElseThrow() + "\n");
    }

    @Test
    void srvRouteIsExplained() {
        MailRoute route = new MailRoute("b.test", MailRoute.Kind.SRV, List.of(MailHost.of("submit.b.test", 587)));
        assertEquals("b.test: submission servers from SRV records (RFC 6186), by priority, weighted (RFC 2782)\n",
                printed(false, p -> p.route(PLAN, route, false)).lines().findFirst().orElseThrow() + "\n");
    }

    @Test
    void failureAsTextAndJson() {
        assertEquals("b.test: null MX: the domain accepts no mail (RFC 7505)\n  " + NULL_MX.getMessage() + "\n",
                printed(false, p -> p.failure(PLAN, NULL_MX)));
        assertEquals("{\"domain\":\"b.test\",\"recipients\":[\"bob@b.test\",\"dave@b.test\"],\"route\":null,"
                + "\"reason\":\"null_mx\",\"detail\":" + Json.quote(NULL_MX.getMessage()) + "}\n",
                printed(true, p -> p.failure(PLAN, NULL_MX)));
    }

    @Test
    void probeAsTextAndJson() {
        assertEquals("     probe mx.b.test [192.0.2.1]: 220 mx.b.test ESMTP\n       PIPELINING\n       SIZE 100\n"
                + "       TLS TLSv1.3 TLS_AES_128_GCM_SHA256\n       certificate problem: self-signed \"x\"\n",
                printed(false, p -> p.probe("b.test", PROBE)));
        assertEquals("{\"probe\":\"mx.b.test\",\"domain\":\"b.test\",\"address\":\"192.0.2.1\","
                + "\"greeting\":\"220 mx.b.test ESMTP\",\"capabilities\":[\"PIPELINING\",\"SIZE 100\"],"
                + "\"tls_protocol\":\"TLSv1.3\",\"tls_cipher\":\"TLS_AES_128_GCM_SHA256\",\"certificate\":null,"
                + "\"certificate_problem\":\"self-signed \\\"x\\\"\"}\n",
                printed(true, p -> p.probe("b.test", PROBE)));
    }

    @Test
    void probeFailureAsTextAndJson() {
        MailHost h = MailHost.of("mx.b.test");
        assertEquals("     probe mx.b.test: " + NULL_MX.getMessage() + "\n",
                printed(false, p -> p.probeFailed("b.test", h, NULL_MX)));
        assertEquals("{\"probe\":\"mx.b.test\",\"domain\":\"b.test\",\"error\":" + Json.quote(NULL_MX.getMessage())
                + "}\n", printed(true, p -> p.probeFailed("b.test", h, NULL_MX)));
    }
}
