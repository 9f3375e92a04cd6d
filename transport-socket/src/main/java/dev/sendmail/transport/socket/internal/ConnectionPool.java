package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.Phase;
import dev.sendmail.api.TransportSettings.PoolSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Connections per host key: at most {@code maxConnectionsPerHost} open at once (idle or in use), further callers
 * wait for one. Idle connections are kept for reuse. A connection is handed to one caller at a time; it comes
 * back after a transaction that left it in step with the server. Connections idle longer than the idle
 * timeout, ones that received unsolicited input (a 421 before closing), and ones that carried the maximum
 * number of messages are closed instead of reused. A background sweep closes expired idle connections.
 */
final class ConnectionPool implements AutoCloseable {

    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(2);

    private final PoolSettings settings;
    private final Map<String, Deque<SmtpConnection>> idle = new HashMap<>();
    private final Map<String, Integer> open = new HashMap<>();
    private int waiting;
    private final ScheduledFuture<?> sweeper;
    private boolean closed;

    ConnectionPool(PoolSettings settings) {
        this.settings = settings;
        long every = Math.max(1000, settings.idleTimeout().toMillis() / 2);
        this.sweeper = settings.idleTimeout().isZero() ? null : Watchdog.every(every, this::sweep);
    }

    /**
     * An idle connection for {@code key}, or null when the caller is to open one: then a place among the
     * {@code maxConnectionsPerHost} open connections is held for it, and the caller must give it back with
     * {@link #release} (the new connection) or {@link #abandon} (when opening failed). While that many are open
     * and none is idle, waits for one until {@code deadline}.
     *
     * @throws ConnectionFailedException (transient) when the deadline passes while waiting
     */
    SmtpConnection acquire(String key, Deadline deadline, String host) throws ConnectionFailedException {
        List<SmtpConnection> stale = new ArrayList<>();
        boolean counted = false;
        try {
            synchronized (this) {
                try {
                    while (true) {
                        Deque<SmtpConnection> q = idle.get(key);
                        while (q != null && !q.isEmpty()) {
                            SmtpConnection c = q.pollFirst();
                            if (expired(c) || c.isBroken() || c.hasUnsolicitedInput()) {
                                stale.add(c);
                                opened(key, -1);
                            } else {
                                return c;
                            }
                        }
                        if (closed || open.getOrDefault(key, 0) < settings.maxConnectionsPerHost()) {
                            opened(key, 1);
                            return null;
                        }
                        long left = deadline.endNanos() - System.nanoTime();
                        if (left <= 0) {
                            throw new ConnectionFailedException("the deadline passed while waiting for one of the "
                                    + settings.maxConnectionsPerHost() + " connections allowed to this host",
                                    Phase.CONNECT, host, null);
                        }
                        if (!counted) {
                            counted = true;
                            waiting++;
                            notifyAll();
                        }
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectionFailedException("interrupted while waiting for a connection", Phase.CONNECT,
                            host, e);
                } finally {
                    if (counted) {
                        waiting--;
                    }
                }
            }
        } finally {
            stale.forEach(c -> c.quit(QUIT_TIMEOUT));
        }
    }

    /** Gives back the place held by {@link #acquire} when no connection could be opened. */
    synchronized void abandon(String key) {
        opened(key, -1);
    }

    /** Gives a connection back after use; closes it when it may not be reused. */
    void release(String key, SmtpConnection c) {
        c.touch();
        boolean keep = !c.isBroken() && !settings.idleTimeout().isZero()
                && (settings.maxMessagesPerConnection() == 0 || c.messages() < settings.maxMessagesPerConnection());
        synchronized (this) {
            if (keep && !closed) {
                idle.computeIfAbsent(key, k -> new ArrayDeque<>()).addFirst(c);
                notifyAll();
                return;
            }
            opened(key, -1);
        }
        if (c.isBroken()) {
            c.close();
        } else {
            c.quit(QUIT_TIMEOUT);
        }
    }

    /** Counts connections open to {@code key} (idle or in use); a change wakes waiting callers. */
    private void opened(String key, int delta) {
        int n = open.getOrDefault(key, 0) + delta;
        if (n <= 0) {
            open.remove(key);
        } else {
            open.put(key, n);
        }
        if (delta < 0) {
            notifyAll();
        }
    }

    private boolean expired(SmtpConnection c) {
        return System.nanoTime() - c.lastUsed() > settings.idleTimeout().toNanos();
    }

    private void sweep() {
        List<SmtpConnection> stale = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, Deque<SmtpConnection>> e : idle.entrySet()) {
                e.getValue().removeIf(c -> {
                    boolean drop = expired(c) || c.isBroken();
                    if (drop) {
                        stale.add(c);
                        opened(e.getKey(), -1);
                    }
                    return drop;
                });
            }
        }
        stale.forEach(c -> c.quit(QUIT_TIMEOUT));
    }

    /**
     * Waits until {@code n} callers wait in {@link #acquire}, for tests.
     *
     * @return false when that did not happen within {@code timeout}
     */
    synchronized boolean awaitWaiting(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (waiting < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
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
            open.clear();
            notifyAll();
        }
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        all.forEach(c -> c.quit(QUIT_TIMEOUT));
    }
}
