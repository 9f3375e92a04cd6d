package dev.sendmail.transport.jakarta;

import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TransportProvider;

/**
 * Transport {@code jakarta}: the same contract as {@code socket}, spoken by Jakarta Mail's SMTP client
 * (Eclipse Angus). Lower priority than {@code socket}, so it is used only when asked for by name or when it is
 * the only transport installed.
 */
public final class JakartaTransportProvider implements TransportProvider {

    /** The name {@code --transport jakarta} selects. */
    public static final String NAME = "jakarta";

    public JakartaTransportProvider() {
        // no I/O: ServiceLoader may instantiate every provider just to list them
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public String description() {
        return "SMTP through Jakarta Mail (Eclipse Angus " + AngusVersion.get() + ")";
    }

    @Override
    public Transport create(TransportSettings settings) throws SendMailException {
        return new JakartaTransport(settings);
    }
}
