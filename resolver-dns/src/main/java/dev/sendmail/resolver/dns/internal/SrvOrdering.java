package dev.sendmail.resolver.dns.internal;

import dev.sendmail.spi.SrvRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The order in which to try SRV targets (RFC 2782, "Usage rules"): ascending priority; within one priority, a
 * weighted random choice, repeated until every record is placed. Records of weight 0 go first in the list the
 * choice is made from, so they are chosen only rarely when others have weight. Pure; the randomness is injected.
 */
public final class SrvOrdering {

    private SrvOrdering() {
    }

    /**
     * @param records as received
     * @param random callers sharing it across threads must synchronise
     * @return a new list in the order to try
     */
    public static List<SrvRecord> order(List<SrvRecord> records, RandomGenerator random) {
        List<SrvRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(SrvRecord::priority));
        List<SrvRecord> out = new ArrayList<>(sorted.size());
        int start = 0;
        while (start < sorted.size()) {
            int end = start + 1;
            while (end < sorted.size() && sorted.get(end).priority() == sorted.get(start).priority()) {
                end++;
            }
            out.addAll(weighted(sorted.subList(start, end), random));
            start = end;
        }
        return out;
    }

    /** One priority group: zero weights first, then repeatedly the record where a random running sum lands. */
    private static List<SrvRecord> weighted(List<SrvRecord> group, RandomGenerator random) {
        List<SrvRecord> left = new ArrayList<>(group.size());
        for (SrvRecord r : group) {
            if (r.weight() == 0) {
                left.add(r);
            }
        }
        for (SrvRecord r : group) {
            if (r.weight() != 0) {
                left.add(r);
            }
        }
        List<SrvRecord> out = new ArrayList<>(group.size());
        while (!left.isEmpty()) {
            long total = 0;
            for (SrvRecord r : left) {
                total += r.weight();
            }
            long pick = total == 0 ? 0 : random.nextLong(total + 1);
            long running = 0;
            int chosen = left.size() - 1;
            for (int i = 0; i < left.size(); i++) {
                running += left.get(i).weight();
                if (running >= pick) {
                    chosen = i;
                    break;
                }
            }
            out.add(left.remove(chosen));
        }
        return out;
    }
}
