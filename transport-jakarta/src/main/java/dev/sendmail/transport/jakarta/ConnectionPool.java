package dev.sendmail.transport.jakarta;

import dev.sendmail.api.MailHost;
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

/**
 * Idle connections kept per host for the next message. A connection is kept only while it is usable, younger
 * than the idle timeout, and under the per-connection message limit; at most {@code maxConnectionsPerHost} idle
 * ones per host.
 */
final class ConnectionPool {

    /** Which connections are interchangeable: same host name, port and addresses. */
    record Key(String name, int port, List<InetAddress> addresses) {
        static Key of(MailHost host, int defaultPort) {
            return new Key(host.name().toLowerCase(java.util.Locale.ROOT), host.port().orElse(defaultPort),
                    host.addresses());
        }
    }

    private final PoolSettings settings;
    private final Map<Key, Deque<SmtpConnection>> idle = new HashMap<>();
    private boolean closed;

    ConnectionPool(PoolSettings settings) {
        this.settings = settings;
    }

    /** An idle connection to reuse, or null. */
    SmtpConnection take(Key key) {
        List<SmtpConnection> stale = new ArrayList<>();
        SmtpConnection found = null;
        synchronized (this) {
            Deque<SmtpConnection> q = idle.get(key);
            while (q != null && !q.isEmpty() && found == null) {
                SmtpConnection c = q.pollFirst();
                if (fresh(c)) {
                    found = c;
                } else {
                    stale.add(c);
                }
            }
        }
        stale.forEach(SmtpConnection::close);
        return found;
    }

    /** Gives a connection back after use: kept if it can serve another message, closed otherwise. */
    void release(Key key, SmtpConnection c) {
        boolean keep;
        synchronized (this) {
            Deque<SmtpConnection> q = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
            keep = !closed && fresh(c) && q.size() < settings.maxConnectionsPerHost()
                    && (settings.maxMessagesPerConnection() == 0 || c.messages() < settings.maxMessagesPerConnection())
                    && !settings.idleTimeout().isZero();
            if (keep) {
                q.addFirst(c);
            }
        }
        if (!keep) {
            c.close();
        }
    }

    /** Closes (QUIT) the idle connections that are too old to reuse; the transport runs this periodically. */
    void sweep() {
        List<SmtpConnection> stale = new ArrayList<>();
        synchronized (this) {
            for (Deque<SmtpConnection> q : idle.values()) {
                q.removeIf(c -> {
                    boolean old = !fresh(c);
                    if (old) {
                        stale.add(c);
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
        }
        all.forEach(SmtpConnection::close);
    }

    private boolean fresh(SmtpConnection c) {
        return c.usable() && Duration.between(c.lastUsed(), Instant.now()).compareTo(settings.idleTimeout()) < 0;
    }
}
