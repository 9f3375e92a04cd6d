package dev.sendmail.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Settings for a resolver.
 *
 * @param servers DNS servers as {@code host[:port]} or {@code [v6]:port}; empty means the system's
 * @param timeout per query
 * @param random orders MX hosts of equal preference; inject a seeded one in tests
 * @param properties free-form provider properties ({@code --set KEY=VALUE}), e.g. the static resolver's routes
 */
public record ResolverSettings(List<String> servers, Duration timeout, RandomGenerator random,
                               Map<String, String> properties) {

    /**
     * Checks the components; lists and maps are copied.
     *
     * @param servers DNS servers as {@code host[:port]} or {@code [v6]:port}; empty means the system's
     * @param timeout per query
     * @param random orders MX hosts of equal preference; inject a seeded one in tests
     * @param properties free-form provider properties ({@code --set KEY=VALUE}), e.g. the static resolver's routes
     */
    public ResolverSettings {
        servers = List.copyOf(servers);
        properties = Map.copyOf(properties);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout must be positive");
        }
    }

    /**
     * The system's DNS servers, 5 s per query, a secure random source, no properties.
     *
     * @return the defaults
     */
    public static ResolverSettings defaults() {
        return new ResolverSettings(List.of(), Duration.ofSeconds(5), new java.security.SecureRandom(), Map.of());
    }

    /**
     * One provider property.
     *
     * @param key the property name
     * @return its value, if set
     */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /**
     * The same settings with other servers.
     *
     * @param value the servers; empty for the system's
     * @return new settings
     */
    public ResolverSettings withServers(List<String> value) {
        return new ResolverSettings(value, timeout, random, properties);
    }

    /**
     * The same settings with another timeout.
     *
     * @param value the time per query, positive
     * @return new settings
     */
    public ResolverSettings withTimeout(Duration value) {
        return new ResolverSettings(servers, value, random, properties);
    }

    /**
     * The same settings with another random source.
     *
     * @param value the source
     * @return new settings
     */
    public ResolverSettings withRandom(RandomGenerator value) {
        return new ResolverSettings(servers, timeout, value, properties);
    }

    /**
     * The same settings with other properties.
     *
     * @param value the properties
     * @return new settings
     */
    public ResolverSettings withProperties(Map<String, String> value) {
        return new ResolverSettings(servers, timeout, random, value);
    }
}
