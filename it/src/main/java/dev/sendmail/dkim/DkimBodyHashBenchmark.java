package dev.sendmail.dkim;

import dev.sendmail.api.MessageContent;
import dev.sendmail.bench.BenchMessage;
import dev.sendmail.bench.OctetCounter;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
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
 * The streamed DKIM body hash alone (issue 18's target: at least 80% of the speed of the JDK's SHA-256 alone on the
 * same octets), beside that SHA-256 in the same run: the body of the 10 MB message of
 * {@code dev.sendmail.bench.DkimSignBenchmark}, read from its {@link MessageContent} in 64 KiB reads and either
 * canonicalized and hashed by the signer's {@link BodyCanonicalizer} ({@code hash}) or put through
 * {@link MessageDigest} as it is ({@code sha256}). {@code DkimSignBenchmark} measures the whole signature (header
 * hash and the RSA or Ed25519 operation too).
 *
 * <p>The canonicalizer is package-private, so this benchmark lives in its package in this module and runs from
 * the class path (as {@code DataEncoderBenchmark} does for the socket transport).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class DkimBodyHashBenchmark {

    private static final int SIZE = 10 * 1024 * 1024;

    @Param({"relaxed", "simple"})
    public String canonicalization;

    private MessageContent content;
    private int bodyStart;
    private Canonicalization canon;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] message = BenchMessage.bytes(SIZE, "bench@example.test", "r0@example.test", BenchMessage.Body.CRLF);
        content = MessageContent.of(message);
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                bodyStart = i + 4;
                break;
            }
        }
        canon = Canonicalization.parse(canonicalization);
    }

    @Benchmark
    public byte[] hash(OctetCounter counter) throws IOException {
        BodyCanonicalizer body = new BodyCanonicalizer(canon, DkimSigner.sha256());
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = content.open()) {
            in.skipNBytes(bodyStart);
            int n;
            while ((n = in.read(buf)) > 0) {
                body.update(buf, 0, n);
                total += n;
            }
        }
        counter.bytes += total;
        return body.finish();
    }

    @Benchmark
    public byte[] sha256(OctetCounter counter) throws IOException {
        MessageDigest d = DkimSigner.sha256();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = content.open()) {
            in.skipNBytes(bodyStart);
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
                total += n;
            }
        }
        counter.bytes += total;
        return d.digest();
    }
}
