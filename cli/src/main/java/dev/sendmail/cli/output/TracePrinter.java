package dev.sendmail.cli.output;

import dev.sendmail.api.SmtpReply;
import dev.sendmail.spi.TranscriptListener;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * Prints the SMTP dialogue on stderr for {@code --trace}; with only {@code --verbose}, just connections, TLS and
 * routing notes. Commands arrive redacted from the transports; as a second guard, anything after the mechanism
 * of an AUTH command is masked here too.
 */
public final class TracePrinter implements TranscriptListener {

    private final PrintStream err;
    private final boolean dialogue;

    /**
     * @param err where to print
     * @param dialogue true for {@code --trace} (commands and replies), false for {@code --verbose}
     */
    public TracePrinter(PrintStream err, boolean dialogue) {
        this.err = err;
        this.dialogue = dialogue;
    }

    @Override
    public void connected(String host, InetSocketAddress address) {
        String where = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        print(host, "connected to " + where + " port " + address.getPort());
    }

    @Override
    public void tlsEstablished(String host, String protocol, String cipherSuite) {
        print(host, "TLS established: " + protocol + ", " + cipherSuite);
    }

    @Override
    public void command(String host, String line) {
        if (dialogue) {
            print(host, "-> " + redact(line));
        }
    }

    @Override
    public void reply(String host, SmtpReply reply) {
        if (!dialogue) {
            return;
        }
        List<String> lines = reply.lines();
        for (int i = 0; i < lines.size(); i++) {
            print(host, "<- " + reply.code() + (i < lines.size() - 1 ? "-" : " ") + lines.get(i));
        }
    }

    @Override
    public void note(String host, String message) {
        print(host, message);
    }

    static String redact(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("AUTH ")) {
            String[] parts = line.split(" ", 3);
            return parts.length > 2 ? parts[0] + " " + parts[1] + " ****" : line;
        }
        return line;
    }

    private void print(String host, String text) {
        String line = "send-mail: [" + (host == null ? "-" : host) + "] " + text;
        synchronized (err) {
            err.println(ReportPrinter.oneLine(line));
        }
    }
}
