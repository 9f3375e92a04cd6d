package dev.sendmail.bench;

import dev.sendmail.api.ContentScanner;
import dev.sendmail.api.ContentTraits;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link ContentScanner}: the pass over the whole message that every send makes before MAIL FROM (wire size,
 * 8-bit octets, longest line), in MB/s. For a file it is a second read of the message.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class ContentScanBenchmark {

    @Param({"crlf", "lf"})
    public String body;

    private byte[] message;

    @Setup(Level.Trial)
    public void setUp() {
        message = BenchMessage.bytes(8L * 1024 * 1024, "bench@example.test", "r0@example.test",
                BenchMessage.Body.valueOf(body.toUpperCase(Locale.ROOT)));
    }

    @Benchmark
    public ContentTraits scan(OctetCounter counter) {
        ContentScanner s = new ContentScanner();
        s.update(message, 0, message.length);
        counter.bytes += message.length;
        return s.finish();
    }
}
