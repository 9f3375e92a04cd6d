package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.TransportSettings.PoolSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * Idle connections kept for reuse, per host key. A connection is handed to one caller at a time; it comes
 * back after a transaction that left it in step with the server. Connections idle longer than the idle
 * timeout, ones that received unsolicited input (a 421 before closing), and ones that carried the maximum
 * number of messages are closed instead of reused. A background sweep closes expired idle connections.
 */
final class ConnectionPool implements AutoCloseable {

    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(2);

    private final PoolSettings settings;
    private final Map<String, Deque<SmtpConnection>> idle = new HashMap<>();
    private final ScheduledFuture<?> sweeper;
    private boolean closed;

    ConnectionPool(PoolSettings settings) {
        this.settings = settings;
        long every = Math.max(1000, settings.idleTimeout().toMillis() / 2);
        this.sweeper = settings.idleTimeout().isZero() ? null : Watchdog.every(every, this::sweep);
    }

    /** A reusable idle connection for {@code key}, or null. */
    SmtpConnection take(String key) {
        List<SmtpConnection> stale = new ArrayList<>();
        SmtpConnection found = null;
        synchronized (this) {
            Deque<SmtpConnection> q = idle.get(key);
            while (q != null && !q.isEmpty()) {
                SmtpConnection c = q.pollFirst();
                if (expired(c) || c.isBroken() || c.hasUnsolicitedInput()) {
                    stale.add(c);
                } else {
                    found = c;
                    break;
                }
            }
        }
        stale.forEach(c -> c.quit(QUIT_TIMEOUT));
        return found;
    }

    /** Gives a connection back after use; closes it when it may not be reused. */
    void release(String key, SmtpConnection c) {
        c.touch();
        boolean keep = !c.isBroken() && !settings.idleTimeout().isZero()
                && (settings.maxMessagesPerConnection() == 0 || c.messages() < settings.maxMessagesPerConnection());
        if (keep) {
            synchronized (this) {
                Deque<SmtpConnection> q = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
                if (!closed && q.size() < settings.maxConnectionsPerHost()) {
                    q.addFirst(c);
                    return;
                }
            }
        }
        if (c.isBroken()) {
            c.close();
        } else {
            c.quit(QUIT_TIMEOUT);
        }
    }

    private boolean expired(SmtpConnection c) {
        return System.nanoTime() - c.lastUsed() > settings.idleTimeout().toNanos();
    }

    private void sweep() {
        List<SmtpConnection> stale = new ArrayList<>();
        synchronized (this) {
            for (Deque<SmtpConnection> q : idle.values()) {
                q.removeIf(c -> {
                    boolean drop = expired(c) || c.isBroken();
                    if (drop) {
                        stale.add(c);
                    }
                    return drop;
                });
            }
        }
        stale.forEach(c -> c.quit(QUIT_TIMEOUT));
    }

    /** The number of idle connections, for tests. */
    synchronized int idleCount() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    @Override
    public void close() {
        List<SmtpConnection> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        all.forEach(c -> c.quit(QUIT_TIMEOUT));
    }
}
