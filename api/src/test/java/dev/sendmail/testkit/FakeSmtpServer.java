package dev.sendmail.testkit;

import dev.sendmail.api.MailHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable in-process SMTP server on {@code 127.0.0.1} and an ephemeral port, for protocol edge cases and
 * faults real servers will not produce. Connection {@code i} follows script {@code i} (the last script is used
 * for every later connection). Everything the client sends is recorded per connection, before the server
 * answers, so a test that got a reply can assert on what preceded it without waiting.
 *
 * <pre>{@code
 * try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting().on("RCPT TO:<bad@", "550 5.1.1 No"))) {
 *     ... send to server.host() ...
 *     assertEquals(1, server.session(0).messages().size());
 * }
 * }</pre>
 */
public final class FakeSmtpServer implements AutoCloseable {

    private final LoopbackListener listener;
    private final List<SmtpScript> scripts;
    private final List<ReceivedSession> sessions = new ArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    private int mostActive;
    private final Object lock = new Object();
    private final java.util.concurrent.CountDownLatch closedLatch = new java.util.concurrent.CountDownLatch(1);

    private FakeSmtpServer(List<SmtpScript> scripts) throws IOException {
        if (scripts.isEmpty()) {
            throw new IllegalArgumentException("at least one script");
        }
        this.scripts = List.copyOf(scripts);
        this.listener = new LoopbackListener("fake-smtp", this::accepted);
    }

    /** Starts a server; connection i follows {@code scripts[min(i, n-1)]}. */
    public static FakeSmtpServer start(SmtpScript... scripts) {
        try {
            return new FakeSmtpServer(List.of(scripts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.port();
    }

    public InetAddress address() {
        return listener.address();
    }

    /** {@code localhost} at this server's port with the loopback address, so no DNS is used. */
    public MailHost host() {
        return host("localhost");
    }

    /** A host of the given name (for TLS host-name checks) at this server's address and port. */
    public MailHost host(String name) {
        return new MailHost(name, OptionalInt.of(port()), List.of(address()), -1);
    }

    /** The number of connections accepted so far. */
    public int connections() {
        synchronized (lock) {
            return sessions.size();
        }
    }

    /**
     * The most connections that were open at once so far. A connection counts from its acceptance until the
     * server has seen it end, so a client that closes one and opens the next at once may briefly count two.
     */
    public int mostConcurrentSessions() {
        synchronized (lock) {
            return mostActive;
        }
    }

    /** Connection {@code i}'s record. */
    public ReceivedSession session(int i) {
        synchronized (lock) {
            return sessions.get(i);
        }
    }

    public List<ReceivedSession> sessions() {
        synchronized (lock) {
            return List.copyOf(sessions);
        }
    }

    /** Every message received on any connection, in the order the connections were accepted. */
    public List<ReceivedMessage> messages() {
        List<ReceivedMessage> all = new ArrayList<>();
        for (ReceivedSession s : sessions()) {
            all.addAll(s.messages());
        }
        return all;
    }

    /** True when any connection sent a command starting with {@code prefix}. */
    public boolean received(String prefix) {
        return sessions().stream().anyMatch(s -> s.sent(prefix));
    }

    /**
     * Waits until every connection accepted so far has ended (the client closed it or the script did).
     *
     * @return false on timeout
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (active.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
        return true;
    }

    /** Records a new connection and picks its script, in order of arrival; returns what serves it. */
    private Runnable accepted(Socket s) {
        ReceivedSession record = new ReceivedSession();
        record.client((InetSocketAddress) s.getRemoteSocketAddress());
        SmtpScript script;
        synchronized (lock) {
            script = scripts.get(Math.min(sessions.size(), scripts.size() - 1));
            sessions.add(record);
            mostActive = Math.max(mostActive, active.incrementAndGet());
        }
        return () -> {
            try {
                new FakeSmtpSession(s, script, record, closedLatch).run();
            } finally {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                synchronized (lock) {
                    active.decrementAndGet();
                    lock.notifyAll();
                }
            }
        };
    }

    @Override
    public void close() {
        closedLatch.countDown();
        listener.close();
    }
}
