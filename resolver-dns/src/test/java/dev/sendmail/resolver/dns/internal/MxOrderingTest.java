package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MxOrderingTest {

    private static MxRecord mx(int pref, String host) {
        return new MxRecord(pref, host);
    }

    @Test
    void sortsByPreference() {
        List<MxRecord> in = List.of(mx(30, "c"), mx(10, "a"), mx(20, "b"), mx(0, "z"));
        assertEquals(List.of(mx(0, "z"), mx(10, "a"), mx(20, "b"), mx(30, "c")), MxOrdering.order(in, new SplittableRandom(7)));
    }

    @Test
    void sameSeedSameOrderDifferentSeedsDiffer() {
        List<MxRecord> in = List.of(mx(10, "a"), mx(10, "b"), mx(10, "c"), mx(10, "d"), mx(20, "e"));
        assertEquals(MxOrdering.order(in, new SplittableRandom(42)), MxOrdering.order(in, new SplittableRandom(42)));
        Set<List<MxRecord>> seen = new HashSet<>();
        for (int seed = 0; seed < 200; seed++) {
            List<MxRecord> out = MxOrdering.order(in, new SplittableRandom(seed));
            assertEquals(mx(20, "e"), out.get(4));
            seen.add(out);
        }
        assertEquals(24, seen.size(), "all 4! orders of the tied hosts occur");
    }

    @Test
    void tiesAreShuffledUniformly() {
        List<MxRecord> in = List.of(mx(10, "a"), mx(10, "b"), mx(10, "c"));
        Map<String, Integer> firsts = new HashMap<>();
        SplittableRandom random = new SplittableRandom(1234);
        int runs = 30_000;
        for (int i = 0; i < runs; i++) {
            firsts.merge(MxOrdering.order(in, random).get(0).host(), 1, Integer::sum);
        }
        for (String h : List.of("a", "b", "c")) {
            int n = firsts.getOrDefault(h, 0);
            assertTrue(Math.abs(n - runs / 3) < runs / 30, h + " first " + n + " of " + runs);
        }
    }

    @Test
    void duplicateHostKeepsItsBestPreference() {
        List<MxRecord> in = List.of(mx(20, "MX.example.org."), mx(10, "mx.example.org"), mx(15, "other"));
        assertEquals(List.of(mx(10, "mx.example.org"), mx(15, "other")), MxOrdering.order(in, new SplittableRandom(1)));
    }

    @Test
    void recordNormalisesAndBounds() {
        assertEquals("mx.example.org", mx(1, "MX.Example.ORG.").host());
        assertTrue(mx(0, ".").isRoot());
        assertTrue(mx(0, "").isRoot());
        assertEquals("0 .", mx(0, ".").toString());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> mx(65536, "a"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> mx(-1, "a"));
    }

    @Test
    void randomInputsComeOutSortedWithEveryHost() {
        SplittableRandom gen = new SplittableRandom(20261128);
        for (int run = 0; run < 2000; run++) {
            List<MxRecord> in = new ArrayList<>();
            int n = gen.nextInt(41);
            for (int i = 0; i < n; i++) {
                in.add(mx(gen.nextInt(6), "h" + i));
            }
            List<MxRecord> out = MxOrdering.order(in, new SplittableRandom(gen.nextLong()));
            assertEquals(new HashSet<>(in), new HashSet<>(out));
            assertEquals(in.size(), out.size());
            for (int i = 1; i < out.size(); i++) {
                assertTrue(out.get(i - 1).preference() <= out.get(i).preference(), out.toString());
            }
        }
    }
}
