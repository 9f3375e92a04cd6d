package dev.sendmail.transport.socket.internal;

import dev.sendmail.bench.BenchMessage;
import dev.sendmail.bench.OctetCounter;
import java.io.IOException;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The socket transport's DATA encoder alone (CRLF normalization and dot-stuffing) into a sink that only counts,
 * in MB/s of message octets. The class lives in the encoder's package, which is not exported: the benchmark runs
 * on the class path, where package-private access works within one class loader.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class DataEncoderBenchmark {

    /** crlf: every line ends in CRLF; lf: bare LF endings, each rewritten; dots: every line starts with a dot. */
    @Param({"crlf", "lf", "dots"})
    public String body;

    private byte[] message;

    @Setup(Level.Trial)
    public void setUp() {
        message = BenchMessage.bytes(8L * 1024 * 1024, "bench@example.test", "r0@example.test",
                BenchMessage.Body.valueOf(body.toUpperCase(Locale.ROOT)));
    }

    @Benchmark
    public long encode(OctetCounter counter, Blackhole hole) throws IOException {
        CountingSink sink = new CountingSink(hole);
        DataEncoder encoder = new DataEncoder(sink, true, 998);
        for (int off = 0; off < message.length; off += 64 * 1024) {
            encoder.write(message, off, Math.min(64 * 1024, message.length - off));
        }
        encoder.finish();
        counter.bytes += message.length;
        return sink.count;
    }

    /** Counts what it is given and lets JMH consume the arrays, so nothing is optimized away. */
    private static final class CountingSink implements DataEncoder.Sink {
        private final Blackhole hole;
        private long count;

        CountingSink(Blackhole hole) {
            this.hole = hole;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
            hole.consume(b);
        }

        @Override
        public void write(int b) {
            count++;
        }
    }
}
