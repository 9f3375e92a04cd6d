package dev.sendmail.spi;

/**
 * Creates resolvers; found with {@link java.util.ServiceLoader} under the same rules as
 * {@link TransportProvider}.
 */
public interface ResolverProvider {

    /**
     * The provider's name.
     *
     * @return a stable, lower-case name such as {@code dns}; what {@code --resolver NAME} selects
     */
    String name();

    /**
     * Among several providers and no explicit name, the highest priority wins.
     *
     * @return the priority; 0 by default ({@code dns} is 100)
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
     * Creates a resolver; the caller owns it and closes it.
     *
     * @param settings servers, timeout, randomness and properties
     * @return a new resolver
     * @throws dev.sendmail.api.SendMailException when the settings cannot be used (a bad property, an unknown
     *         server name)
     */
    Resolver create(ResolverSettings settings) throws dev.sendmail.api.SendMailException;
}
