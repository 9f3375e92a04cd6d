/**
 * The transport contract on Jakarta Mail (Eclipse Angus): transport {@code jakarta}. Only the provider is
 * exported; everything else is an adapter around Angus's {@code SMTPTransport}.
 */
module dev.sendmail.transport.jakarta {
    requires dev.sendmail.api;
    requires jakarta.mail;
    requires org.eclipse.angus.mail;

    exports dev.sendmail.transport.jakarta;

    provides dev.sendmail.spi.TransportProvider with dev.sendmail.transport.jakarta.JakartaTransportProvider;
}
