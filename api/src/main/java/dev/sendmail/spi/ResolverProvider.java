package dev.sendmail.spi;

/**
 * Creates resolvers; found with {@link java.util.ServiceLoader} under the same rules as
 * {@link TransportProvider}.
 */
public interface ResolverProvider {

    /** A stable, lower-case name such as {@code dns}; what {@code --resolver NAME} selects. */
    String name();

    default int priority() {
        return 0;
    }

    default String description() {
        return getClass().getName();
    }

    Resolver create(ResolverSettings settings) throws dev.sendmail.api.SendMailException;
}
