package dev.sendmail.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.PlanDescription;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.Sender;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.ProbeResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
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

    @Test
    void aPlanIsPrintedAsItsDescription() {
        MailRoute route = new MailRoute("b.test", MailRoute.Kind.MX, List.of(MailHost.of("mx.b.test")));
        Sender.RoutePlan plan = new Sender.RoutePlan("b.test", PLAN.recipients(), Optional.of(route),
                Optional.empty());
        assertEquals(String.join("\n", PlanDescription.text(plan, false)) + "\n",
                printed(false, p -> p.plan(plan, false)));
        assertEquals(PlanDescription.json(plan) + "\n", printed(true, p -> p.plan(plan, false)));
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
        assertEquals(PlanDescription.json("b.test", h, NULL_MX) + "\n",
                printed(true, p -> p.probeFailed("b.test", h, NULL_MX)));
    }
}
