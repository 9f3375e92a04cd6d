package dev.sendmail.cli.output;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.spi.TranscriptListener;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-line progress display on stderr, shown only when stderr is a terminal and the work is long (many
 * recipients or domains, a large message). The line is rewritten in place with a carriage return and cleared
 * at the end, so nothing of it remains in the scroll-back.
 */
public final class Progress implements TranscriptListener {

    private final PrintStream err;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean shown;

    private Progress(PrintStream err) {
        this.err = err;
    }

    /** A progress display when it makes sense, else {@link TranscriptListener#NONE}. */
    public static TranscriptListener create(PrintStream err, boolean terminal, boolean quiet, int recipients,
                                     long octets) {
        boolean longWork = recipients >= 10 || octets >= 5L * 1024 * 1024;
        return terminal && !quiet && longWork ? new Progress(err) : TranscriptListener.NONE;
    }

    /** Shows a status text in place. */
    void status(String text) {
        synchronized (err) {
            String t = text.length() > 70 ? text.substring(0, 70) : text;
            err.print("\r\033[K" + ControlCharacters.oneLine(t));
            err.flush();
            shown = true;
        }
    }

    @Override
    public void connected(String host, InetSocketAddress address) {
        status("send-mail: sending via " + host + " (connection " + connections.incrementAndGet() + ")");
    }

    @Override
    public void tlsEstablished(String host, String protocol, String cipherSuite) {
        status("send-mail: " + host + ": " + protocol);
    }

    /** Clears the line. */
    public static void clear(TranscriptListener l) {
        if (l instanceof Progress p && p.shown) {
            synchronized (p.err) {
                p.err.print("\r\033[K");
                p.err.flush();
            }
        }
    }
}
