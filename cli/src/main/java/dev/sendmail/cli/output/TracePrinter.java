package dev.sendmail.cli.output;

import dev.sendmail.spi.TranscriptListener;
import java.io.PrintStream;

/**
 * Prints the SMTP dialogue on stderr for {@code --trace}; with only {@code --verbose}, just connections, TLS and
 * routing notes. The lines are the api's ({@link TranscriptListener#lines}: one line per event, AUTH masked a
 * second time), each after {@code send-mail: }.
 */
public final class TracePrinter {

    private TracePrinter() {
    }

    /**
     * @param err where to print; lines from several connections do not interleave
     * @param dialogue true for {@code --trace} (commands and replies), false for {@code --verbose}
     */
    public static TranscriptListener create(PrintStream err, boolean dialogue) {
        return TranscriptListener.lines(line -> {
            synchronized (err) {
                err.println("send-mail: " + line);
            }
        }, dialogue);
    }
}
