package dev.sendmail.spi;

import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TransportSettings;

/**
 * Creates transports; found with {@link java.util.ServiceLoader}. Implementations have a public no-argument
 * constructor that does no I/O, and are declared in {@code module-info.java} ({@code provides}) and in
 * {@code META-INF/services/dev.sendmail.spi.TransportProvider}.
 */
public interface TransportProvider {

    /**
     * The provider's name.
     *
     * @return a stable, lower-case name such as {@code socket}; what {@code --transport NAME} selects
     */
    String name();

    /**
     * Among several providers and no explicit name, the highest priority wins.
     *
     * @return the priority; 0 by default ({@code socket} is 100)
     */
    default int priority() {
        return 0;
    }

    /**
     * One line for {@code --list-providers}.
     *
     * @return the description; the class name by default
     */
    default String description() {
        return getClass().getName();
    }

    /**
     * Whether the transport talks to the hosts of each request. False for transports that deliver locally (a
     * file, memory, a log): they ignore the host, so {@link dev.sendmail.api.Sender} and the command line need no
     * smart host and look up no MX records for them.
     *
     * @return true by default
     */
    default boolean usesNetwork() {
        return true;
    }

    /**
     * Creates a transport; it may open connections lazily. The caller owns it and closes it (see
     * {@link Transport}).
     *
     * @param settings TLS, credentials, timeouts, listener and properties
     * @return a new transport
     * @throws SendMailException when the settings cannot be used
     */
    Transport create(TransportSettings settings) throws SendMailException;
}
