package dev.sendmail.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Plans how a batch is sent with {@code n} messages in flight: messages are grouped by destination (the smart
 * host, or the recipient domain for direct delivery), and each group is cut into lanes in proportion to its share
 * of the batch (rounded up): at least one lane, at most {@code n}. A lane is sent message after message, so it keeps one
 * pooled connection busy; {@code n} lanes run at once. A destination thus never gets more than {@code n}
 * connections, and one with a few messages does not hold a connection open that a larger one could use.
 * The lanes come out interleaved by destination, so the first {@code n} to start go to different hosts
 * when there are several. {@link #run} then sends them.
 */
public final class Lanes {

    private Lanes() {
    }

    /**
     * Cuts {@code items} into lanes.
     *
     * @param items the messages, in the order to send them within each destination
     * @param destination the destination of a message (for example its first recipient's domain)
     * @param n how many lanes run at once, at least 1
     * @param <T> what is sent
     * @return the lanes, each non-empty, interleaved by destination; every item is in exactly one lane
     */
    public static <T> List<List<T>> plan(List<T> items, Function<T, String> destination, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        Map<String, List<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(destination.apply(item), k -> new ArrayList<>()).add(item);
        }
        List<List<List<T>>> perDestination = new ArrayList<>();
        for (List<T> group : groups.values()) {
            long share = ((long) n * group.size() + items.size() - 1) / items.size();
            int lanes = (int) Math.max(1, Math.min(Math.min(n, group.size()), share));
            List<List<T>> cut = new ArrayList<>();
            for (int i = 0; i < lanes; i++) {
                cut.add(new ArrayList<>());
            }
            for (int i = 0; i < group.size(); i++) {
                cut.get(i % lanes).add(group.get(i));
            }
            perDestination.add(cut);
        }
        List<List<T>> out = new ArrayList<>();
        for (int round = 0; out.size() < countLanes(perDestination); round++) {
            for (List<List<T>> cut : perDestination) {
                if (round < cut.size()) {
                    out.add(cut.get(round));
                }
            }
        }
        return out;
    }

    /**
     * Sends planned lanes: each lane's items one after another, at most {@code concurrency} lanes at once, each on a
     * daemon thread of its own ({@code send-mail-batch}) that ends with the call. Returns when every lane is done.
     * {@code action} is called from several threads at once: whatever it shares must be thread-safe.
     *
     * @param lanes the lanes, as {@link #plan} gives them
     * @param concurrency how many lanes run at once, at least 1
     * @param action sends one item; it reports its own failures (an exception it throws is a bug: it ends the run)
     * @param <T> what is sent
     * @throws InterruptedException when interrupted while waiting; the lanes still running are then interrupted
     * @throws IllegalStateException when {@code action} threw, with what it threw as the cause (the lanes still
     *         running are interrupted)
     */
    public static <T> void run(List<List<T>> lanes, int concurrency, Consumer<T> action) throws InterruptedException {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (lanes.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, lanes.size()), r -> {
            Thread t = new Thread(r, "send-mail-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<T> lane : lanes) {
                running.add(pool.submit(() -> lane.forEach(action)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> int countLanes(List<List<List<T>>> perDestination) {
        int total = 0;
        for (List<List<T>> cut : perDestination) {
            total += cut.size();
        }
        return total;
    }
}
