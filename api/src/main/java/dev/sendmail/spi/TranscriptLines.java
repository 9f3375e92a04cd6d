package dev.sendmail.spi;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.SmtpReply;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** {@link TranscriptListener#lines}: the dialogue as lines of text, {@code [host] text}. */
final class TranscriptLines implements TranscriptListener {

    private final Consumer<String> sink;
    private final boolean dialogue;

    TranscriptLines(Consumer<String> sink, boolean dialogue) {
        this.sink = sink;
        this.dialogue = dialogue;
    }

    @Override
    public void connected(String host, InetSocketAddress address) {
        String where = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        line(host, "connected to " + where + " port " + address.getPort());
    }

    @Override
    public void tlsEstablished(String host, String protocol, String cipherSuite) {
        line(host, "TLS established: " + protocol + ", " + cipherSuite);
    }

    @Override
    public void command(String host, String line) {
        if (dialogue) {
            line(host, "-> " + redact(line));
        }
    }

    @Override
    public void reply(String host, SmtpReply reply) {
        if (!dialogue) {
            return;
        }
        List<String> lines = reply.lines();
        for (int i = 0; i < lines.size(); i++) {
            line(host, "<- " + reply.code() + (i < lines.size() - 1 ? "-" : " ") + lines.get(i));
        }
    }

    @Override
    public void note(String host, String message) {
        line(host, message);
    }

    /** Masks anything after the mechanism of an AUTH command: a second guard behind the transports' redaction. */
    static String redact(String line) {
        if (line.toUpperCase(Locale.ROOT).startsWith("AUTH ")) {
            String[] parts = line.split(" ", 3);
            return parts.length > 2 ? parts[0] + " " + parts[1] + " ****" : line;
        }
        return line;
    }

    private void line(String host, String text) {
        sink.accept(ControlCharacters.oneLine("[" + (host == null ? "-" : host) + "] " + text));
    }
}
