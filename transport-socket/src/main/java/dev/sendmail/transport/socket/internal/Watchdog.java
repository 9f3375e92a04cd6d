package dev.sendmail.transport.socket.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Java sockets have no write timeout: a server that stops reading would block a write forever. The watchdog
 * runs a task after the timeout (closing the socket) unless the write finished first. One daemon thread serves
 * every connection; the pool's idle sweep runs on it too.
 */
final class Watchdog {

    private static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private Watchdog() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sendmail-socket-watchdog");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    static ScheduledFuture<?> after(long millis, Runnable task) {
        return EXECUTOR.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    static ScheduledFuture<?> every(long millis, Runnable task) {
        return EXECUTOR.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }
}
