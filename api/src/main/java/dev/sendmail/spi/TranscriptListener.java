package dev.sendmail.spi;

import dev.sendmail.api.SmtpReply;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * Receives the SMTP dialogue of a transport as it happens: the basis of {@code --trace} and of test
 * assertions. Transports call it from the thread doing the I/O; implementations must be thread-safe when
 * several connections run at once. Command lines are passed already redacted: AUTH payloads and anything
 * derived from a secret never reach a listener.
 */
public interface TranscriptListener {

    /**
     * A listener that ignores everything.
     */
    TranscriptListener NONE = new TranscriptListener() { };

    /**
     * One listener that passes every event to each of {@code listeners}, in order (a trace printer and a recorder,
     * for example). {@link #NONE} entries are dropped; thread-safe when each listener is.
     *
     * @param listeners the listeners
     * @return {@link #NONE} for none, the listener itself for one, else a listener calling each in turn
     */
    static TranscriptListener all(List<TranscriptListener> listeners) {
        List<TranscriptListener> real = listeners.stream().filter(l -> l != NONE).toList();
        return real.isEmpty() ? NONE : real.size() == 1 ? real.get(0) : new TeeListener(real);
    }

    /**
     * A listener that writes the dialogue as lines of text for people, each {@code [host] text}: connections
     * ({@code connected to 192.0.2.1 port 25}), TLS ({@code TLS established: TLSv1.3, ...}) and notes always; with
     * {@code dialogue} also every command ({@code -> MAIL FROM:<a@a.test>}) and every reply line
     * ({@code <- 250-PIPELINING}). Anything after the mechanism of an AUTH command is masked ({@code ****}) as a
     * second guard behind the transports' redaction, and control characters become spaces, so each event stays
     * one line. Thread-safe when {@code sink} is: it is called from the transports' threads.
     *
     * @param sink receives each line, without a line end
     * @param dialogue true for commands and replies too (a trace), false for connections, TLS and notes only
     * @return the listener
     */
    static TranscriptListener lines(Consumer<String> sink, boolean dialogue) {
        return new TranscriptLines(sink, dialogue);
    }

    /**
     * A TCP connection to {@code host} at {@code address} was opened.
     *
     * @param host the host name the transport is talking to
     * @param address the address connected to
     */
    default void connected(String host, InetSocketAddress address) {
    }

    /**
     * TLS was established.
     *
     * @param host the host name the transport is talking to
     * @param protocol such as {@code TLSv1.3}
     * @param cipherSuite the negotiated cipher suite
     */
    default void tlsEstablished(String host, String protocol, String cipherSuite) {
    }

    /**
     * A command line was sent (without CRLF, redacted).
     *
     * @param host the host name the transport is talking to
     * @param line the command
     */
    default void command(String host, String line) {
    }

    /**
     * A reply was read.
     *
     * @param host the host name the transport is talking to
     * @param reply the reply
     */
    default void reply(String host, SmtpReply reply) {
    }

    /**
     * Something worth telling that is neither a command nor a reply (a retry, a warning, a closed connection).
     *
     * @param host the host name the transport is talking to
     * @param message one line
     */
    default void note(String host, String message) {
    }
}
