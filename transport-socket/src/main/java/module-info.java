/** send-mail's own ESMTP client, registered as the transport {@code socket}. */
module dev.sendmail.transport.socket {
    requires transitive dev.sendmail.api;

    exports dev.sendmail.transport.socket;

    provides dev.sendmail.spi.TransportProvider with dev.sendmail.transport.socket.SocketTransportProvider;
}
