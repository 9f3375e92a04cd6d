package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.SmtpReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The socket transport's bounded reply reader on wire octets: a 12-line EHLO reply and a one-line 250, in
 * replies per second. Same package as the reader (not exported), run from the class path.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class ReplyReaderBenchmark {

    private static final byte[] EHLO = ("250-mx.example.test Hello client.example.test [192.0.2.1]\r\n"
            + "250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n250-STARTTLS\r\n"
            + "250-AUTH PLAIN LOGIN CRAM-MD5\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n"
            + "250-SMTPUTF8\r\n250 CHUNKING\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "250 2.0.0 Ok: queued as 4Fb3Xk0cZ9z1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final ReplyReader.Budget BUDGET = () -> 1000;

    @Benchmark
    public SmtpReply ehlo() throws IOException {
        return read(EHLO);
    }

    @Benchmark
    public SmtpReply ok() throws IOException {
        return read(OK);
    }

    private static SmtpReply read(byte[] wire) throws IOException {
        int[] pos = {0};
        ReplyReader reader = new ReplyReader((b, off, len, timeout) -> {
            if (pos[0] >= wire.length) {
                return -1;
            }
            int n = Math.min(len, wire.length - pos[0]);
            System.arraycopy(wire, pos[0], b, off, n);
            pos[0] += n;
            return n;
        });
        return reader.read(BUDGET);
    }
}
