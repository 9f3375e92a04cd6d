package dev.sendmail.bench;

import dev.sendmail.api.SmtpReply;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The public half of reply parsing: {@link SmtpReply#of} splits off and checks the enhanced status code of a
 * reply's lines. Reading the lines off the wire (the transport's reply reader, with its bounds) is not public
 * and is measured only end to end, by the 10-recipient load case.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class ReplyBenchmark {

    private final List<String> queued = List.of("2.0.0 Ok: queued as 4Zk1Qm0Xw2z3y");
    private final List<String> ehlo = List.of("mx.example.org", "PIPELINING", "SIZE 10240000", "VRFY", "ETRN",
            "STARTTLS", "AUTH PLAIN LOGIN CRAM-MD5", "ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8",
            "CHUNKING");

    @Benchmark
    public SmtpReply singleLine() {
        return SmtpReply.of(250, queued);
    }

    @Benchmark
    public SmtpReply ehlo() {
        return SmtpReply.of(250, ehlo);
    }
}
