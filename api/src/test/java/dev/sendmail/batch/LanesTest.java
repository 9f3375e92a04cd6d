package dev.sendmail.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LanesTest {

    private static final Function<String, String> DOMAIN = s -> s.substring(s.indexOf('@') + 1);

    private static List<String> messages(int domains, int each) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            for (int d = 0; d < domains; d++) {
                out.add("m" + i + "@d" + d + ".test");
            }
        }
        return out;
    }

    private static void assertEveryItemOnce(List<String> items, List<List<String>> lanes) {
        List<String> all = new ArrayList<>();
        lanes.forEach(all::addAll);
        assertEquals(items.size(), all.size());
        assertEquals(new HashSet<>(items), new HashSet<>(all));
        assertTrue(lanes.stream().noneMatch(List::isEmpty));
    }

    @Test
    void oneDestinationGetsExactlyNLanes() {
        List<String> items = messages(1, 100);
        List<List<String>> lanes = Lanes.plan(items, DOMAIN, 8);
        assertEquals(8, lanes.size());
        assertEveryItemOnce(items, lanes);
        assertTrue(lanes.stream().allMatch(l -> l.size() == 12 || l.size() == 13));
    }

    @Test
    void manyEqualDestinationsShareTheConcurrencyAndNeverExceedNConnectionsEach() {
        List<String> items = messages(100, 200);
        for (int n : new int[] {1, 8, 32, 128}) {
            List<List<String>> lanes = Lanes.plan(items, DOMAIN, n);
            assertEveryItemOnce(items, lanes);
            Map<String, Integer> perDomain = new TreeMap<>();
            for (List<String> lane : lanes) {
                Set<String> domains = new HashSet<>();
                lane.forEach(m -> domains.add(DOMAIN.apply(m)));
                assertEquals(1, domains.size(), "a lane holds one destination");
                perDomain.merge(domains.iterator().next(), 1, Integer::sum);
            }
            assertEquals(100, perDomain.size());
            int expected = (n * 200 + items.size() - 1) / items.size();
            assertTrue(perDomain.values().stream().allMatch(v -> v == expected), n + ": " + perDomain);
            // interleaved: the first lanes go to different destinations
            assertEquals(Math.min(100, lanes.size()), new HashSet<>(lanes.subList(0, Math.min(100, lanes.size()))
                    .stream().map(l -> DOMAIN.apply(l.get(0))).toList()).size());
        }
    }

    @Test
    void aSmallDestinationBesideALargeOneGetsOneLane() {
        List<String> items = new ArrayList<>(messages(1, 990));
        for (int i = 0; i < 10; i++) {
            items.add("x" + i + "@small.test");
        }
        List<List<String>> lanes = Lanes.plan(items, DOMAIN, 8);
        assertEveryItemOnce(items, lanes);
        assertEquals(1, lanes.stream().filter(l -> l.get(0).endsWith("@small.test")).count());
        assertEquals(8, lanes.stream().filter(l -> l.get(0).endsWith("@d0.test")).count());
    }

    @Test
    void concurrencyBelowOneIsRefusedAndNothingGivesNoLanes() {
        assertThrows(IllegalArgumentException.class, () -> Lanes.plan(List.of("a@b"), DOMAIN, 0));
        assertEquals(List.of(), Lanes.plan(List.<String>of(), DOMAIN, 8));
    }

    @Test
    void runSendsEveryItemOnceInLaneOrderWithTheLanesAtTheSameTime() throws Exception {
        List<List<String>> lanes = List.of(List.of("a1", "a2", "a3"), List.of("b1", "b2"));
        java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
        Map<String, List<String>> seen = new java.util.concurrent.ConcurrentHashMap<>();
        List<Boolean> met = java.util.Collections.synchronizedList(new ArrayList<>());
        Lanes.run(lanes, 2, item -> {
            if (item.endsWith("1")) {
                both.countDown();
                try {
                    // both lanes' first items are in flight together, or this waits in vain
                    met.add(both.await(60, java.util.concurrent.TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            seen.computeIfAbsent(item.substring(0, 1), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(item);
        });
        assertEquals(Map.of("a", List.of("a1", "a2", "a3"), "b", List.of("b1", "b2")), seen);
        assertEquals(List.of(true, true), met);
    }

    @Test
    void anExceptionFromTheActionEndsTheRunWithItAsCause() {
        IllegalArgumentException bug = new IllegalArgumentException("bug");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Lanes.run(
                List.of(List.of("x")), 4, item -> {
                    throw bug;
                }));
        assertEquals(bug, e.getCause());
        assertThrows(IllegalArgumentException.class, () -> Lanes.run(List.of(List.of("x")), 0, item -> { }));
    }
}
