package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MessageContent;
import dev.sendmail.spi.SendRequest;
import java.time.Instant;
import dev.sendmail.api.Phase;
import dev.sendmail.api.TransportSettings.PoolSettings;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.ScriptAction;
import dev.sendmail.testkit.SmtpScript;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several messages on one connection, limits, eviction, and the one retry on a dead pooled connection. */
class PoolTest extends ServerTestSupport {

    @Test
    void messagesShareOneConnectionWithRsetPipelinedBetween() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        SocketTransport t = transport();
        for (int i = 0; i < 3; i++) {
            assertTrue(t.send(simple(server)).allDelivered());
        }
        assertEquals(1, server.connections());
        assertEquals(3, server.session(0).messages().size());
        List<String> lines = server.session(0).lines();
        assertEquals(2, lines.stream().filter("RSET"::equals).count(), lines.toString());
        int rset = lines.indexOf("RSET");
        assertTrue(server.session(0).commands().get(rset).pipelined(), "RSET went with MAIL");
        t.close();
        assertTrue(server.awaitIdle(Duration.ofSeconds(5)));
        assertTrue(server.session(0).lines().contains("QUIT"));
    }

    @Test
    void concurrentSendersEachGetTheirOwnConnection() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        SocketTransport t = transport(settings().pool(new PoolSettings(8, 0, Duration.ofSeconds(30))).build());
        int threads = 8;
        int each = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    int ok = 0;
                    for (int j = 0; j < each; j++) {
                        ok += t.send(simple(server)).allDelivered() ? 1 : 0;
                    }
                    return ok;
                }));
            }
            int delivered = 0;
            for (var f : done) {
                delivered += f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertEquals(threads * each, delivered);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * each, server.messages().size());
        assertTrue(server.connections() <= threads, "at most one connection per concurrent sender: "
                + server.connections());
        for (var s : server.sessions()) {
            long mails = s.lines().stream().filter(l -> l.startsWith("MAIL")).count();
            assertEquals(s.messages().size(), mails, "every transaction on a connection completed: " + s);
        }
    }

    @Test
    void theHostLimitCapsOpenConnectionsAndCallersWaitForOne() throws Exception {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        FakeSmtpServer server = server(SmtpScript.accepting()
                .greeting(ScriptAction.await(gate, ScriptAction.reply("220 fake.test ESMTP ready"))));
        SocketTransport t = transport(settings().pool(new PoolSettings(1, 0, Duration.ofSeconds(30)))
                .timeouts(dev.sendmail.api.Timeouts.all(Duration.ofSeconds(60))).build());
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Boolean>> done = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> t.send(simple(server)).allDelivered()));
            }
            // one sender holds the only connection (its greeting is held back); the others must be waiting
            boolean othersWait = t.pool().awaitWaiting(threads - 1, Duration.ofSeconds(30));
            gate.countDown();
            for (var f : done) {
                assertTrue(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(1, server.mostConcurrentSessions(), "never more than one connection open at once");
            assertTrue(othersWait, "the other senders waited for the connection");
        } finally {
            gate.countDown();
            pool.shutdownNow();
        }
        assertEquals(threads, server.messages().size());
        assertEquals(1, server.connections());
    }

    @Test
    void waitingForAConnectionEndsAtTheDeadlineAsATransientFailure() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(new PoolSettings(1, 0, Duration.ofSeconds(30)))) {
            assertEquals(null, pool.acquire("k", Deadline.after(Duration.ofSeconds(30)), "mx.test"),
                    "the first caller may open a connection");
            ConnectionFailedException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ConnectionFailedException.class, () -> pool.acquire("k", Deadline.after(Duration.ZERO), "mx.test"));
            assertTrue(e.isTransient());
            assertEquals(Phase.CONNECT, e.phase().orElseThrow());
            assertTrue(e.getMessage().contains("waiting"), e.getMessage());
            pool.abandon("k");
            assertEquals(null, pool.acquire("k", Deadline.after(Duration.ZERO), "mx.test"),
                    "a place given back can be taken at once");
        }
    }

    @Test
    void aConnectionThatCouldNotBeOpenedGivesItsPlaceBack() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().greeting("554 5.3.2 Not now"), SmtpScript.accepting());
        SocketTransport t = transport(settings().pool(new PoolSettings(1, 0, Duration.ofSeconds(30))).build());
        expect(dev.sendmail.api.SmtpRejectedException.class, t, simple(server));
        SendRequest second = new SendRequest(server.host(), Envelope.of("a@example.org", "b@example.net"),
                MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT, Instant.now().plusSeconds(5));
        assertTrue(t.send(second).allDelivered());
        assertEquals(2, server.connections());
    }

    @Test
    void theMessageLimitOpensANewConnection() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        SocketTransport t = transport(settings().pool(new PoolSettings(4, 2, Duration.ofSeconds(30))).build());
        for (int i = 0; i < 5; i++) {
            assertTrue(t.send(simple(server)).allDelivered());
        }
        assertEquals(3, server.connections());
        assertEquals(2, server.session(0).messages().size());
        assertTrue(server.session(0).lines().contains("QUIT"), "QUIT is answered before the next message starts");
    }

    @Test
    void anExpiredIdleConnectionIsNotReused() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        SocketTransport t = transport(settings().pool(new PoolSettings(4, 0, Duration.ofNanos(1))).build());
        t.send(simple(server));
        t.send(simple(server));
        assertEquals(2, server.connections());
    }

    @Test
    void aDeadPooledConnectionIsReplacedAndTheMessageRetriedOnce() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("RSET", ScriptAction.close()), SmtpScript.accepting());
        SocketTransport t = transport();
        assertTrue(t.send(simple(server)).allDelivered());
        assertTrue(t.send(simple(server)).allDelivered());
        assertEquals(2, server.connections());
        assertEquals(1, server.session(0).messages().size());
        assertEquals(1, server.session(1).messages().size());
        assertTrue(transcript.text().contains("trying once more on a new connection"), transcript.text());
    }

    @Test
    void a421OnAPooledConnectionIsRetriedOnAFreshOne() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("RSET", "421 4.4.2 Idle timeout"),
                SmtpScript.accepting());
        SocketTransport t = transport();
        t.send(simple(server));
        assertTrue(t.send(simple(server)).allDelivered());
        assertEquals(2, server.connections());
    }

    @Test
    void neverRetriedAfterTheFinalDot() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting()
                .afterData(ScriptAction.reply("250 2.0.0 first"), ScriptAction.close()));
        SocketTransport t = transport();
        assertTrue(t.send(simple(server)).allDelivered());
        ConnectionFailedException e = expect(ConnectionFailedException.class, t, simple(server));
        assertEquals(Phase.DATA, e.phase().orElseThrow());
        assertEquals(1, server.connections(), "no retry: the server may have kept the message");
        assertEquals(2, server.session(0).messages().size());
    }

    @Test
    void aRetryHappensOnlyOnce() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("RSET", ScriptAction.close()),
                SmtpScript.accepting().greeting("421 4.3.2 Busy"));
        SocketTransport t = transport();
        t.send(simple(server));
        dev.sendmail.api.SmtpRejectedException e = expect(dev.sendmail.api.SmtpRejectedException.class, t,
                simple(server));
        assertEquals(Phase.GREETING, e.phase().orElseThrow());
        assertEquals(2, server.connections());
    }

    @Test
    void anIdleConnectionThatReceivedA421IsDropped() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting()
                .afterData(ScriptAction.raw("250 2.0.0 ok\r\n421 4.4.2 Timeout\r\n")), SmtpScript.accepting());
        SocketTransport t = transport();
        t.send(simple(server));
        assertTrue(t.send(simple(server)).allDelivered());
        assertEquals(2, server.connections());
        assertTrue(server.session(0).lines().stream().noneMatch("RSET"::equals), "the stale connection was not used");
    }
}
