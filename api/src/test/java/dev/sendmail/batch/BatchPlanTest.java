package dev.sendmail.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Message;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.Sender;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.dkim.DkimException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.testing.MemoryTransport;
import dev.sendmail.testing.MemoryTransportProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BatchPlanTest {

    private static BatchMessage message(String name, String recipient) {
        return new BatchMessage(name, Message.of(Envelope.of("a@a.test", recipient),
                MessageContent.of(("Subject: " + name + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII))));
    }

    /** Five messages to a.test, one to b.test. */
    private static List<BatchMessage> messages() {
        List<BatchMessage> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(message("m" + i, "r" + i + "@a.test"));
        }
        out.add(message("m5", "r5@b.test"));
        return out;
    }

    private static Map<String, BatchResult> sendAll(BatchPlan plan, BatchPlan.Attempt attempt) throws Exception {
        Map<String, BatchResult> results = Collections.synchronizedMap(new TreeMap<>());
        plan.send(attempt, r -> results.put(r.name(), r));
        return results;
    }

    @Test
    void directDeliveryPlansLanesPerRecipientDomainAndARelayOneDestination() {
        assertEquals(3, BatchPlan.of(messages(), false, 2).lanes(), "a.test two lanes, b.test one");
        assertEquals(2, BatchPlan.of(messages(), true, 2).lanes(), "one destination: two lanes");
        assertEquals("6 message(s) in 3 lane(s), 2 at once", BatchPlan.of(messages(), false, 2).toString());
    }

    @Test
    void everyMessageGetsOneResultAndAFailureToReadOrSignFailsOnlyThatMessage() throws Exception {
        Function<BatchMessage, DeliveryReport> delivered = m -> new DeliveryReport(List.of(RecipientOutcome
                .delivered(m.message().envelope().recipients().get(0), SmtpReply.of(250, "ok"), "mx.a.test")));
        Map<String, BatchResult> results = sendAll(BatchPlan.of(messages(), false, 3), m -> switch (m.name()) {
            case "m1" -> throw new IOException("gone");
            case "m2" -> throw new DkimException("DKIM: no single From field");
            case "m3" -> BatchResult.failed(m, "queue refused", ExitCodes.CANT_CREATE);
            default -> BatchResult.sent(m, delivered.apply(m), Optional.empty());
        });
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5"), List.copyOf(results.keySet()));
        assertEquals(BatchResult.Outcome.DELIVERED, results.get("m0").outcome());
        assertEquals(BatchResult.Outcome.DELIVERED, results.get("m5").outcome());
        assertEquals(ExitCodes.IO_ERROR, results.get("m1").exitCode());
        assertEquals(Optional.of("cannot read: gone"), results.get("m1").detail());
        assertEquals(ExitCodes.DATA_ERROR, results.get("m2").exitCode());
        assertEquals(Optional.of("DKIM: no single From field"), results.get("m2").detail());
        assertEquals(ExitCodes.CANT_CREATE, results.get("m3").exitCode());
    }

    @Test
    void aSenderDeliversEveryMessageOnce() throws Exception {
        String name = "batch-plan-" + System.nanoTime();
        List<BatchResult> results = Collections.synchronizedList(new ArrayList<>());
        try (Sender sender = Sender.builder().transport(new MemoryTransportProvider(),
                TransportSettings.builder().property("name", name).build()).build()) {
            BatchPlan.of(messages(), false, 4).send(sender, DeliveryOptions.DEFAULT, results::add);
        }
        assertEquals(6, results.size());
        assertTrue(results.stream().allMatch(r -> r.outcome() == BatchResult.Outcome.DELIVERED), results::toString);
        assertEquals(6, MemoryTransport.named(name).sent().size());
    }
}
