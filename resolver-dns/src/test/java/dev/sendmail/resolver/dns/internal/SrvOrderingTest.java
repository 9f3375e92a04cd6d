package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.spi.SrvRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SrvOrderingTest {

    private static SrvRecord srv(int priority, int weight, String target) {
        return new SrvRecord(priority, weight, 587, target, List.of());
    }

    private static List<String> targets(List<SrvRecord> list) {
        return list.stream().map(SrvRecord::target).toList();
    }

    /** A generator whose nextLong(bound) answers from a script, so one weighted choice can be followed exactly. */
    private static RandomGenerator scripted(long... picks) {
        return new RandomGenerator() {
            int i;

            @Override
            public long nextLong() {
                throw new AssertionError("only bounded picks are expected");
            }

            @Override
            public long nextLong(long bound) {
                long v = picks[i++];
                assertTrue(v < bound, "pick " + v + " within bound " + bound);
                return v;
            }
        };
    }

    @Test
    void ascendingPriorityFirst() {
        List<SrvRecord> out = SrvOrdering.order(List.of(srv(20, 1, "c"), srv(0, 1, "a"), srv(10, 1, "b")),
                new SplittableRandom(1));
        assertEquals(List.of("a", "b", "c"), targets(out));
    }

    @Test
    void theRunningSumDecidesAndZeroWeightsComeFirstInTheList() {
        // weights: z=0, x=10, y=30; list order z, x, y; running sums 0, 10, 40
        List<SrvRecord> in = List.of(srv(5, 10, "x"), srv(5, 30, "y"), srv(5, 0, "z"));
        // pick 11 -> y (running 40 >= 11); then z=0, x=10 left: pick 0 -> z; then x
        assertEquals(List.of("y", "z", "x"), targets(SrvOrdering.order(in, scripted(11, 0, 0))));
        // pick 0 -> z first; then x, y: pick 10 -> x (running 10 >= 10); then y
        assertEquals(List.of("z", "x", "y"), targets(SrvOrdering.order(in, scripted(0, 10, 0))));
    }

    @Test
    void heavierRecordsComeFirstMoreOftenInProportion() {
        SplittableRandom random = new SplittableRandom(42);
        Map<String, Integer> first = new HashMap<>();
        List<SrvRecord> in = List.of(srv(0, 1, "light"), srv(0, 3, "heavy"));
        for (int i = 0; i < 4000; i++) {
            first.merge(SrvOrdering.order(in, random).get(0).target(), 1, Integer::sum);
        }
        // running sums light 1, heavy 4; picks 0..4: light for 0 and 1, heavy for 2..4, so 2400 of 4000 expected
        int heavy = first.getOrDefault("heavy", 0);
        assertTrue(heavy > 2100 && heavy < 2700, "heavy first " + heavy + " of 4000");
    }

    @Test
    void allZeroWeightsKeepEveryRecord() {
        List<SrvRecord> out = SrvOrdering.order(List.of(srv(0, 0, "a"), srv(0, 0, "b"), srv(1, 0, "c")),
                new SplittableRandom(3));
        assertEquals(3, out.size());
        assertEquals("c", out.get(2).target());
    }
}
