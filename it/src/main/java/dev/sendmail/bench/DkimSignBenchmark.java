package dev.sendmail.bench;

import dev.sendmail.api.MessageContent;
import dev.sendmail.dkim.DkimKey;
import dev.sendmail.dkim.DkimSigner;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * DKIM signing of a 1 KB and a 10 MB message with each algorithm, relaxed/relaxed, in MB/s of message; and, as the
 * yardstick, the JDK's SHA-256 alone over the same octets ({@link #sha256}). The target: the streamed body hash
 * (signing a 10 MB message, where the header signature is noise) at 80% or more of {@code sha256}'s speed.
 * Runs in the {@code jmh} step of it/bench/run.sh, which prints both figures and their ratio in one row.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class DkimSignBenchmark {

    @Param({"1024", "10485760"})
    public int size;

    @Param({"rsa", "ed25519"})
    public String algorithm;

    private byte[] message;
    private MessageContent content;
    private DkimSigner signer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        message = BenchMessage.bytes(size, "bench@example.test", "r0@example.test", BenchMessage.Body.CRLF);
        content = MessageContent.of(message);
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.equals("rsa") ? "RSA" : "Ed25519");
        if (algorithm.equals("rsa")) {
            g.initialize(2048);
        }
        DkimKey key = DkimKey.of(g.generateKeyPair().getPrivate());
        signer = DkimSigner.builder(key, "bench", "example.test").build();
    }

    @Benchmark
    public long sign(OctetCounter counter) throws IOException {
        MessageContent signed = signer.sign(content);
        counter.bytes += message.length;
        return signed.size().orElse(0);
    }

    @Benchmark
    public byte[] sha256(OctetCounter counter) throws NoSuchAlgorithmException, IOException {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = content.open()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        }
        counter.bytes += message.length;
        return d.digest();
    }
}
