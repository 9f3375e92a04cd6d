package dev.sendmail.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends up to {@code messages} messages over {@code lanes} threads, stopping early at a time limit, and returns
 * the rate. A failed send stops the run and is reported: a benchmark that loses mail measures nothing.
 */
final class LoadRun {

    /** Messages sent and the wall time they took. */
    record Result(int sent, long nanos) {
        double perSecond() {
            return nanos == 0 ? 0 : sent * 1e9 / nanos;
        }
    }

    private LoadRun() {
    }

    static Result run(MessageClient client, int messages, int lanes, Duration limit) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long stopAt = start + limit.toNanos();
        Thread[] threads = new Thread[lanes];
        for (int i = 0; i < lanes; i++) {
            int lane = i;
            threads[i] = new Thread(() -> {
                while (failure.get() == null && System.nanoTime() < stopAt && next.getAndIncrement() < messages) {
                    try {
                        client.send(lane);
                        done.incrementAndGet();
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "bench-lane-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            // the lanes stop by themselves at the limit; allow one slow message on top before giving up
            long waitMillis = Math.max(1, (stopAt - System.nanoTime()) / 1_000_000 + 120_000);
            t.join(waitMillis);
            if (t.isAlive()) {
                throw new IllegalStateException("a sending thread did not finish in time");
            }
        }
        long nanos = System.nanoTime() - start;
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Result(done.get(), nanos);
    }
}
