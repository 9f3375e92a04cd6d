package dev.sendmail.transport.jakarta;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Phase;
import dev.sendmail.api.TransportSettings.PoolSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Connections per host: at most {@code maxConnectionsPerHost} open at once (idle or in use), further callers wait
 * for one. Idle connections are kept for the next message while they are usable, younger than the idle timeout,
 * and under the per-connection message limit.
 */
final class ConnectionPool {

    /**
     * Which connections are interchangeable: same host name, port and addresses, and the same answer to whether
     * the host may be offered the credentials.
     */
    record Key(String name, int port, List<InetAddress> addresses, boolean offerCredentials,
               java.util.Optional<dev.sendmail.api.TlsMode> tlsMode, dev.sendmail.api.TlsRequirement requirement) {
        static Key of(MailHost host, int defaultPort) {
            return of(host, defaultPort, true);
        }

        static Key of(MailHost host, int defaultPort, boolean offerCredentials) {
            return new Key(host.name().toLowerCase(java.util.Locale.ROOT), host.port().orElse(defaultPort),
                    host.addresses(), offerCredentials, host.tlsMode(), host.tlsRequirement());
        }
    }

    private final PoolSettings settings;
    private final Map<Key, Deque<SmtpConnection>> idle = new HashMap<>();
    private final Map<Key, Integer> open = new HashMap<>();
    private int waiting;
    private boolean closed;

    ConnectionPool(PoolSettings settings) {
        this.settings = settings;
    }

    /**
     * An idle connection to reuse, or null when the caller is to open one: then a place among the
     * {@code maxConnectionsPerHost} open connections is held for it, to be given back with {@link #release} (the
     * new connection) or {@link #abandon} (opening failed). While that many are open and none is idle, waits for
     * one until {@code deadline}.
     *
     * @throws ConnectionFailedException (transient) when the deadline passes while waiting
     */
    SmtpConnection acquire(Key key, Instant deadline) throws ConnectionFailedException {
        List<SmtpConnection> stale = new ArrayList<>();
        boolean counted = false;
        try {
            synchronized (this) {
                try {
                    while (true) {
                        Deque<SmtpConnection> q = idle.get(key);
                        while (q != null && !q.isEmpty()) {
                            SmtpConnection c = q.pollFirst();
                            if (fresh(c)) {
                                return c;
                            }
                            stale.add(c);
                            opened(key, -1);
                        }
                        if (closed || open.getOrDefault(key, 0) < settings.maxConnectionsPerHost()) {
                            opened(key, 1);
                            return null;
                        }
                        long left = Duration.between(Instant.now(), deadline).toNanos();
                        if (left <= 0) {
                            throw new ConnectionFailedException("the deadline passed while waiting for one of the "
                                    + settings.maxConnectionsPerHost() + " connections allowed to this host",
                                    Phase.CONNECT, key.name(), null);
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
                            key.name(), e);
                } finally {
                    if (counted) {
                        waiting--;
                    }
                }
            }
        } finally {
            stale.forEach(SmtpConnection::close);
        }
    }

    /** Gives back the place held by {@link #acquire} when no connection could be opened. */
    synchronized void abandon(Key key) {
        opened(key, -1);
    }

    /** Gives a connection back after use: kept if it can serve another message, closed otherwise. */
    void release(Key key, SmtpConnection c) {
        boolean keep;
        synchronized (this) {
            keep = !closed && fresh(c)
                    && (settings.maxMessagesPerConnection() == 0 || c.messages() < settings.maxMessagesPerConnection())
                    && !settings.idleTimeout().isZero();
            if (keep) {
                idle.computeIfAbsent(key, k -> new ArrayDeque<>()).addFirst(c);
                notifyAll();
            } else {
                opened(key, -1);
            }
        }
        if (!keep) {
            c.close();
        }
    }

    /** Counts connections open to {@code key} (idle or in use); a change wakes waiting callers. */
    private void opened(Key key, int delta) {
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

    /** Closes (QUIT) the idle connections that are too old to reuse; the transport runs this periodically. */
    void sweep() {
        List<SmtpConnection> stale = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<Key, Deque<SmtpConnection>> e : idle.entrySet()) {
                e.getValue().removeIf(c -> {
                    boolean old = !fresh(c);
                    if (old) {
                        stale.add(c);
                        opened(e.getKey(), -1);
                    }
                    return old;
                });
            }
        }
        stale.forEach(SmtpConnection::close);
    }

    /** How many idle connections are kept (for tests). */
    synchronized int idleCount() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    void closeAll() {
        List<SmtpConnection> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
            open.clear();
            notifyAll();
        }
        all.forEach(SmtpConnection::close);
    }

    private boolean fresh(SmtpConnection c) {
        return c.usable() && Duration.between(c.lastUsed(), Instant.now()).compareTo(settings.idleTimeout()) < 0;
    }
}
