package dev.sendmail.spi;

import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TransportSettings;

/**
 * Creates transports; found with {@link java.util.ServiceLoader}. Implementations have a public no-argument
 * constructor that does no I/O, and are declared in {@code module-info.java} ({@code provides}) and in
 * {@code META-INF/services/dev.sendmail.spi.TransportProvider}.
 */
public interface TransportProvider {

    /** A stable, lower-case name such as {@code socket}; what {@code --transport NAME} selects. */
    String name();

    /** Among several providers and no explicit name, the highest priority wins. */
    default int priority() {
        return 0;
    }

    /** One line for {@code --list-providers}. */
    default String description() {
        return getClass().getName();
    }

    /**
     * False for transports that deliver locally (a file, memory, a log): they ignore the host of each request,
     * so the command line routes everything to one placeholder host instead of looking up MX records.
     */
    default boolean usesNetwork() {
        return true;
    }

    /** Creates a transport; it may open connections lazily. */
    Transport create(TransportSettings settings) throws SendMailException;
}
