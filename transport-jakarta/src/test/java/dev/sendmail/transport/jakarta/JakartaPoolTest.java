package dev.sendmail.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.api.TransportSettings.PoolSettings;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.ScriptAction;
import dev.sendmail.testkit.SmtpScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code maxConnectionsPerHost} limits the connections open to one host, not only the idle ones. */
class JakartaPoolTest {

    private static final String SIMPLE = "From: a@example.org\r\nSubject: hi\r\n\r\nHello\r\n";

    private static JakartaTransport transport(PoolSettings pool) throws SendMailException {
        return (JakartaTransport) new JakartaTransportProvider().create(TransportSettings.builder()
                .tlsMode(TlsMode.OFF).heloName("client.test").timeouts(Timeouts.all(Duration.ofSeconds(60)))
                .pool(pool).build());
    }

    private static SendRequest simple(FakeSmtpServer server, Instant deadline) {
        return new SendRequest(server.host(), Envelope.of("a@example.org", "b@example.net"),
                MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT, deadline);
    }

    @Test
    void theHostLimitCapsOpenConnectionsAndCallersWaitForOne() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting()
                .greeting(ScriptAction.await(gate, ScriptAction.reply("220 fake.test ESMTP ready"))));
             JakartaTransport t = transport(new PoolSettings(1, 0, Duration.ofSeconds(30)))) {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> t.send(simple(server, Instant.now().plusSeconds(60))).allDelivered()));
            }
            // one sender holds the only connection (its greeting is held back); the others must be waiting
            boolean othersWait = t.pool().awaitWaiting(threads - 1, Duration.ofSeconds(30));
            gate.countDown();
            for (Future<Boolean> f : done) {
                assertTrue(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, server.mostConcurrentSessions(), "never more than one connection open at once");
            assertTrue(othersWait, "the other senders waited for the connection");
            assertEquals(threads, server.messages().size());
            assertEquals(1, server.connections());
        } finally {
            gate.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void waitingForAConnectionEndsAtTheDeadlineAsATransientFailure() throws Exception {
        ConnectionPool pool = new ConnectionPool(new PoolSettings(1, 0, Duration.ofSeconds(30)));
        ConnectionPool.Key key = ConnectionPool.Key.of(new MailHost("mx.test", java.util.OptionalInt.of(25),
                List.of(java.net.InetAddress.getLoopbackAddress()), -1), 25);
        assertNull(pool.acquire(key, Instant.now().plusSeconds(30)), "the first caller may open a connection");
        ConnectionFailedException e = assertThrows(ConnectionFailedException.class,
                () -> pool.acquire(key, Instant.now()));
        assertTrue(e.isTransient());
        assertEquals(Phase.CONNECT, e.phase().orElseThrow());
        assertTrue(e.getMessage().contains("waiting"), e.getMessage());
        pool.abandon(key);
        assertNull(pool.acquire(key, Instant.now()), "a place given back can be taken at once");
        pool.closeAll();
    }

    @Test
    void aConnectionThatCouldNotBeOpenedGivesItsPlaceBack() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().greeting("554 5.3.2 Not now"),
                SmtpScript.accepting());
             JakartaTransport t = transport(new PoolSettings(1, 0, Duration.ofSeconds(30)))) {
            assertThrows(SendMailException.class, () -> t.send(simple(server, Instant.now().plusSeconds(60))));
            assertTrue(t.send(simple(server, Instant.now().plusSeconds(5))).allDelivered());
            assertEquals(2, server.connections());
        }
    }
}
