package dev.sendmail.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Plans how a batch is sent with {@code n} messages in flight: messages are grouped by destination (the smart
 * host, or the recipient domain for direct delivery), and each group is cut into lanes in proportion to its share
 * of the batch (rounded up): at least one lane, at most {@code n}. A lane is sent message after message, so it keeps one
 * pooled connection busy; {@code n} lanes run at once. A destination thus never gets more than {@code n}
 * connections, and one with a few messages does not hold a connection open that a larger one could use.
 * The lanes come out interleaved by destination, so the first {@code n} to start go to different hosts
 * when there are several.
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

    private static <T> int countLanes(List<List<List<T>>> perDestination) {
        int total = 0;
        for (List<List<T>> cut : perDestination) {
            total += cut.size();
        }
        return total;
    }
}
