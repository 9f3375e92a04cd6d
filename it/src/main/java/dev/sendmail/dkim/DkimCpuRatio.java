package dev.sendmail.dkim;

import dev.sendmail.api.MessageContent;
import dev.sendmail.bench.BenchMessage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The DKIM speed ratios of issue 18 by thread CPU time instead of wall time, for a machine too loaded for JMH's
 * wall-clock figures to mean much: the same 10 MB message as {@code DkimSignBenchmark}, and in each round three
 * runs of the measured operation, then three runs of the JDK's SHA-256 alone over the same octets read the same
 * way, each timed with {@link ThreadMXBean#getCurrentThreadCpuTime}; the first 10 of 60 rounds warm up, the median
 * of the other 50 per-round ratios (SHA-256 time / operation time, so 0.80 means 80% of SHA-256's speed) is
 * printed with the quartiles. Operations: the body hash alone (relaxed and simple) and the whole signature (RSA
 * 2048 and Ed25519, relaxed/relaxed). Run: {@code java -cp it/target/classes:$(cat it/target/bench.classpath)
 * dev.sendmail.dkim.DkimCpuRatio}.
 */
public final class DkimCpuRatio {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int SIZE = 10 * 1024 * 1024;
    private static final int ROUNDS = 60;
    private static final int WARM_UP = 10;

    private interface Operation {
        void run() throws Exception;
    }

    private DkimCpuRatio() {
    }

    public static void main(String[] args) throws Exception {
        byte[] message = BenchMessage.bytes(SIZE, "bench@example.test", "r0@example.test", BenchMessage.Body.CRLF);
        MessageContent content = MessageContent.of(message);
        int bodyStart = indexOfBody(message);
        Operation sha = () -> {
            MessageDigest d = DkimSigner.sha256();
            read(content, bodyStart, d::update);
            d.digest();
        };
        Operation shaWhole = () -> {
            MessageDigest d = DkimSigner.sha256();
            read(content, 0, d::update);
            d.digest();
        };
        for (Canonicalization c : Canonicalization.values()) {
            report("body hash alone, " + c.tag(), () -> {
                BodyCanonicalizer b = new BodyCanonicalizer(c, DkimSigner.sha256());
                read(content, bodyStart, b::update);
                b.finish();
            }, sha);
        }
        for (String algorithm : List.of("RSA", "Ed25519")) {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("RSA")) {
                g.initialize(2048);
            }
            DkimSigner signer = DkimSigner.builder(DkimKey.of(g.generateKeyPair().getPrivate()), "bench",
                    "example.test").build();
            report("whole signature, " + algorithm, () -> signer.sign(content), shaWhole);
        }
    }

    private interface Sink {
        void update(byte[] b, int off, int len);
    }

    private static void read(MessageContent content, int skip, Sink sink) throws IOException {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = content.open()) {
            in.skipNBytes(skip);
            int n;
            while ((n = in.read(buf)) > 0) {
                sink.update(buf, 0, n);
            }
        }
    }

    private static int indexOfBody(byte[] m) {
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
                return i + 4;
            }
        }
        throw new IllegalStateException("no body");
    }

    private static void report(String what, Operation op, Operation sha) throws Exception {
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            for (int k = 0; k < 3; k++) {
                op.run();
            }
            long t1 = THREADS.getCurrentThreadCpuTime();
            for (int k = 0; k < 3; k++) {
                sha.run();
            }
            long t2 = THREADS.getCurrentThreadCpuTime();
            if (round >= WARM_UP) {
                ratios.add((double) (t2 - t1) / (t1 - t0));
            }
        }
        Collections.sort(ratios);
        int n = ratios.size();
        System.out.printf("%s: %.2fx SHA-256 alone (quartiles %.2f-%.2f, %d rounds)%n", what, ratios.get(n / 2),
                ratios.get(n / 4), ratios.get(3 * n / 4), n);
    }
}
