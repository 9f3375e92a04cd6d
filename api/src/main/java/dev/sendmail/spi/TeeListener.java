package dev.sendmail.spi;

import dev.sendmail.api.SmtpReply;
import java.net.InetSocketAddress;
import java.util.List;

/** {@link TranscriptListener#all}: every event to each listener, in order. */
final class TeeListener implements TranscriptListener {

    private final List<TranscriptListener> listeners;

    TeeListener(List<TranscriptListener> listeners) {
        this.listeners = List.copyOf(listeners);
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
