package dev.sendmail.cli.output;

import dev.sendmail.api.SmtpReply;
import dev.sendmail.spi.TranscriptListener;
import java.net.InetSocketAddress;
import java.util.List;

/** Passes every transcript event to several listeners, in order. */
public final class TeeListener implements TranscriptListener {

    private final List<TranscriptListener> listeners;

    private TeeListener(List<TranscriptListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public static TranscriptListener of(List<TranscriptListener> listeners) {
        List<TranscriptListener> real = listeners.stream().filter(l -> l != TranscriptListener.NONE).toList();
        return real.isEmpty() ? TranscriptListener.NONE : real.size() == 1 ? real.get(0) : new TeeListener(real);
    }

    @Override
    public void connected(String host, InetSocketAddress address) {
        listeners.forEach(l -> l.connected(host, address));
    }

    @Override
    public void tlsEstablished(String host, String protocol, String cipherSuite) {
        listeners.forEach(l -> l.tlsEstablished(host, protocol, cipherSuite));
    }

    @Override
    public void command(String host, String line) {
        listeners.forEach(l -> l.command(host, line));
    }

    @Override
    public void reply(String host, SmtpReply reply) {
        listeners.forEach(l -> l.reply(host, reply));
    }

    @Override
    public void note(String host, String message) {
        listeners.forEach(l -> l.note(host, message));
    }
}
