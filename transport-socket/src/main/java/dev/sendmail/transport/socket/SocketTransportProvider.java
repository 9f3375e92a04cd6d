package dev.sendmail.transport.socket;

import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TransportProvider;
import dev.sendmail.transport.socket.internal.SocketTransport;

/**
 * The {@code socket} transport, send-mail's own ESMTP client on plain and TLS sockets and the default
 * (priority 100). {@link #create(TransportSettings)} builds one from typed settings; property
 * {@code chunking=false} turns BDAT (RFC 3030) off.
 */
public final class SocketTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}: no I/O. */
    public SocketTransportProvider() {
    }

    @Override
    public String name() {
        return "socket";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public String description() {
        return "send-mail's own ESMTP client: pipelining, CHUNKING, STARTTLS/SMTPS, SASL, connection reuse";
    }

    @Override
    public Transport create(TransportSettings settings) throws SendMailException {
        return SocketTransport.create(settings);
    }
}
