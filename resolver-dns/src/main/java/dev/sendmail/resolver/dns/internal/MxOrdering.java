package dev.sendmail.resolver.dns.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The order in which to try a domain's MX hosts (RFC 5321 section 5.1): ascending preference, hosts of
 * equal preference in random order. A host listed twice keeps only its most preferred entry. Pure; the
 * randomness is injected so tests can seed it.
 */
public final class MxOrdering {

    private MxOrdering() {
    }

    /**
     * Sorts and shuffles.
     *
     * @param records the MX records as received (root exchanges are kept; the caller decides about them)
     * @param random used only to order ties; callers sharing it across threads must synchronise
     * @return a new list in the order to try
     */
    public static List<MxRecord> order(List<MxRecord> records, RandomGenerator random) {
        List<MxRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(MxRecord::preference));
        List<MxRecord> unique = new ArrayList<>(sorted.size());
        Set<String> seen = new HashSet<>();
        for (MxRecord r : sorted) {
            if (seen.add(r.host())) {
                unique.add(r);
            }
        }
        int start = 0;
        while (start < unique.size()) {
            int end = start + 1;
            while (end < unique.size() && unique.get(end).preference() == unique.get(start).preference()) {
                end++;
            }
            shuffle(unique, start, end, random);
            start = end;
        }
        return unique;
    }

    /** Fisher-Yates over {@code [from, to)}. */
    private static void shuffle(List<MxRecord> list, int from, int to, RandomGenerator random) {
        for (int i = to - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            MxRecord tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
