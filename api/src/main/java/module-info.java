/** send-mail's public types, the Transport and Resolver SPIs, and the Sender facade. */
module dev.sendmail.api {
    // MIME for Message; the implementation (org.eclipse.angus.mail) is bound as a service provider of jakarta.mail
    requires jakarta.mail;
    // MTA-STS policies and OAuth 2 tokens are fetched over HTTPS
    requires java.net.http;

    exports dev.sendmail.api;
    exports dev.sendmail.spi;
    exports dev.sendmail.dkim;
    exports dev.sendmail.queue;
    exports dev.sendmail.config;
    exports dev.sendmail.local;
    exports dev.sendmail.testing;
    exports dev.sendmail.sts;
    exports dev.sendmail.dmarc;
    exports dev.sendmail.oauth2;
    exports dev.sendmail.tlsrpt;
    exports dev.sendmail.batch;

    uses dev.sendmail.spi.TransportProvider;
    uses dev.sendmail.spi.ResolverProvider;

    provides dev.sendmail.spi.TransportProvider with
            dev.sendmail.internal.FileTransportProvider,
            dev.sendmail.testing.MemoryTransportProvider;
}
