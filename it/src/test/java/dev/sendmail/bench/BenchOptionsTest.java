package dev.sendmail.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void sizesInPowersOf1024() {
        assertEquals(1024, BenchOptions.parseSize("1k"));
        assertEquals(100 * 1024, BenchOptions.parseSize("100K"));
        assertEquals(10L * 1024 * 1024, BenchOptions.parseSize("10m"));
        assertEquals(777, BenchOptions.parseSize(" 777 "));
        assertEquals(0, BenchOptions.parseSize("0"));
    }

    @Test
    void badSizesAreRefused() {
        for (String bad : new String[] {"", "k", "-1", "1g", "1.5k", "99999999999999m"}) {
            assertThrows(IllegalArgumentException.class, () -> BenchOptions.parseSize(bad), bad);
        }
    }

    @Test
    void peerCommandIsEverythingAfterTheDoubleDash() {
        BenchOptions o = BenchOptions.parse(new String[] {"--client", "socket", "--port", "2525", "--size", "100k",
            "--connections", "8", "--heap", "--", "smtp-source", "-d", "--port", "x"});
        assertEquals("socket", o.client());
        assertEquals(2525, o.port());
        assertEquals(102400, o.size());
        assertEquals(8, o.connections());
        assertEquals(true, o.reportHeap());
        assertEquals(List.of("smtp-source", "-d", "--port", "x"), o.peer());
    }

    @Test
    void missingOrOutOfRangeOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--port", "25"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--client", "socket"}));
        assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--client", "socket", "--port", "70000"}));
        assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--client", "socket", "--port", "25", "--rounds", "0"}));
        assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--client", "socket", "--port", "25", "--bogus", "1"}));
        assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--client", "socket", "--port"}));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, LoadDriver.median(new double[] {3, 1, 2}));
        assertEquals(2.5, LoadDriver.median(new double[] {4, 1, 3, 2}));
    }
}
