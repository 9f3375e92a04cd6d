package dev.sendmail.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Sender;
import dev.sendmail.testing.MemoryTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A queue run rebuilds one sender per recorded route, and never sends an entry without a route another way. */
class RouteSendersTest {

    private static final QueueRoute WORK = QueueRoute.builder().smartHost(MailHost.of("work.test", 587))
            .account("work").build();
    private static final QueueRoute HOME = QueueRoute.builder().smartHost(MailHost.of("home.test", 587))
            .account("home").build();
    private static final Envelope ENVELOPE = Envelope.of("a@a.test", "b@b.test");
    private static final MessageContent CONTENT = MessageContent.of("Subject: x\r\n\r\nbody\r\n"
            .getBytes(StandardCharsets.US_ASCII));

    private final MemoryTransport memory = new MemoryTransport();
    private final List<Optional<QueueRoute>> built = new ArrayList<>();

    private Sender open(Optional<QueueRoute> route) {
        built.add(route);
        MailHost host = route.map(r -> r.smartHost().orElseThrow()).orElse(MailHost.of("own.test", 25));
        return Sender.builder().transport(memory).smartHost(host).build();
    }

    @Test
    void eachRecordedRouteGetsOneSenderThatItsEntriesShare() throws Exception {
        try (RouteSenders routes = new RouteSenders(this::open, false, "reroute it")) {
            for (QueueRoute r : List.of(WORK, HOME, WORK, WORK)) {
                assertTrue(routes.deliver(Optional.of(r), ENVELOPE, CONTENT, DeliveryOptions.DEFAULT).allDelivered());
            }
        }
        assertEquals(List.of(Optional.of(WORK), Optional.of(HOME)), built);
        assertEquals(List.of("work.test", "home.test", "work.test", "work.test"),
                memory.sent().stream().map(MemoryTransport.Sent::host).toList());
    }

    @Test
    void anEntryWithoutARouteIsNotSentUnlessRerouted() throws Exception {
        try (RouteSenders routes = new RouteSenders(this::open, false, "reroute it")) {
            RouteUnavailableException e = assertThrows(RouteUnavailableException.class,
                    () -> routes.deliver(Optional.empty(), ENVELOPE, CONTENT, DeliveryOptions.DEFAULT));
            assertFalse(e.isTransient(), "nothing changes by waiting");
            assertTrue(e.getMessage().endsWith("; reroute it"), e.getMessage());
        }
        assertTrue(built.isEmpty() && memory.sent().isEmpty());
        try (RouteSenders routes = new RouteSenders(this::open, true, "reroute it")) {
            routes.deliver(Optional.empty(), ENVELOPE, CONTENT, DeliveryOptions.DEFAULT);
            routes.deliver(Optional.of(WORK), ENVELOPE, CONTENT, DeliveryOptions.DEFAULT);
        }
        assertEquals(List.of(Optional.empty()), built, "rerouted: one sender of the application's own");
        assertEquals(List.of("own.test", "own.test"), memory.sent().stream().map(MemoryTransport.Sent::host).toList());
    }

    @Test
    void aRouteThatCannotBeRebuiltIsTriedAgainForTheNextEntry() throws Exception {
        List<Optional<QueueRoute>> tried = new ArrayList<>();
        try (RouteSenders routes = new RouteSenders(r -> {
            tried.add(r);
            throw new RouteUnavailableException("password file unreadable", true);
        }, false, "reroute it")) {
            for (int i = 0; i < 2; i++) {
                RouteUnavailableException e = assertThrows(RouteUnavailableException.class,
                        () -> routes.deliver(Optional.of(WORK), ENVELOPE, CONTENT, DeliveryOptions.DEFAULT));
                assertTrue(e.isTransient());
            }
        }
        assertEquals(2, tried.size(), "a failure is not kept as if it were a sender");
    }

    @Test
    void linesForAPerson() {
        assertEquals("1a2b: still queued: b@b.test: deferred; tried 2 times",
                new EntryReport("1a2b", EntryReport.Result.QUEUED, List.of("b@b.test: deferred", "tried 2 times"))
                        .line());
        assertEquals("1a2b: not sent", new EntryReport("1a2b", EntryReport.Result.ROUTE_UNAVAILABLE_TEMPORARILY,
                List.of()).line());
        assertEquals(List.of("delivered", "failed", "still queued", "not sent", "not sent", "corrupt", "not recorded",
                "failed, kept queued"),
                java.util.Arrays.stream(EntryReport.Result.values()).map(r -> new EntryReport("x", r, List.of())
                        .line().substring("x: ".length())).toList(), "the word of each result, in declaration order");
        assertEquals("2 tried, 1 done, 1 still queued, 3 not due or busy", new QueueRun(List.of(
                new EntryReport("a", EntryReport.Result.DELIVERED, List.of()),
                new EntryReport("b", EntryReport.Result.ROUTE_UNAVAILABLE, List.of()),
                new EntryReport("c", EntryReport.Result.CORRUPT, List.of())), 3).summary());
    }

    @Test
    void onlyAnUnrebuiltRouteACorruptEntryOrAnUnrecordedOutcomeNeedsAttention() {
        for (EntryReport.Result r : EntryReport.Result.values()) {
            boolean expected = r == EntryReport.Result.ROUTE_UNAVAILABLE
                    || r == EntryReport.Result.ROUTE_UNAVAILABLE_TEMPORARILY || r == EntryReport.Result.CORRUPT
                    || r == EntryReport.Result.UNRECORDED || r == EntryReport.Result.NOT_KEPT;
            assertEquals(expected, new EntryReport("a", r, List.of()).needsAttention(), r.name());
        }
    }
}
