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

    public ResolverSettings {
        servers = List.copyOf(servers);
        properties = Map.copyOf(properties);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout must be positive");
        }
    }

    public static ResolverSettings defaults() {
        return new ResolverSettings(List.of(), Duration.ofSeconds(5), new java.security.SecureRandom(), Map.of());
    }

    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    public ResolverSettings withServers(List<String> value) {
        return new ResolverSettings(value, timeout, random, properties);
    }

    public ResolverSettings withTimeout(Duration value) {
        return new ResolverSettings(servers, value, random, properties);
    }

    public ResolverSettings withRandom(RandomGenerator value) {
        return new ResolverSettings(servers, timeout, value, properties);
    }

    public ResolverSettings withProperties(Map<String, String> value) {
        return new ResolverSettings(servers, timeout, random, value);
    }
}
