package dev.sendmail.testkit;

import dev.sendmail.api.SmtpReply;
import dev.sendmail.spi.TranscriptListener;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A transcript listener that keeps every event as one line: {@code C: MAIL FROM:<a@b>}, {@code S: 250 ...}. */
public final class RecordingListener implements TranscriptListener {

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void connected(String host, InetSocketAddress address) {
        lines.add("connected " + host + " " + address);
    }

    @Override
    public synchronized void tlsEstablished(String host, String protocol, String cipherSuite) {
        lines.add("tls " + protocol + " " + cipherSuite);
    }

    @Override
    public synchronized void command(String host, String line) {
        lines.add("C: " + line);
    }

    @Override
    public synchronized void reply(String host, SmtpReply reply) {
        lines.add("S: " + reply);
    }

    @Override
    public synchronized void note(String host, String message) {
        lines.add("note: " + message);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Everything as one text, one event per line. */
    public synchronized String text() {
        return String.join("\n", lines);
    }

    public synchronized void clear() {
        lines.clear();
    }
}
