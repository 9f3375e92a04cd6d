package dev.sendmail.spi;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.internal.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The providers of one kind found with {@link ServiceLoader}, and the rules for choosing one:
 * an explicit name wins; an unknown name is an error listing the names found; otherwise the highest
 * priority wins (ties broken by name, so the choice is stable); none found is an error naming the artifact to
 * add. A provider that fails to load is recorded in {@link #problems()} and does not hide the healthy ones.
 *
 * @param <P> {@link TransportProvider} or {@link ResolverProvider}
 */
public final class Providers<P> {

    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            "socket", "dev.sendmail:send-mail-transport-socket",
            "jakarta", "dev.sendmail:send-mail-transport-jakarta",
            "dns", "dev.sendmail:send-mail-resolver-dns");

    private final String kind;
    private final Function<P, String> nameOf;
    private final ToIntFunction<P> priorityOf;
    private final Function<P, String> descriptionOf;
    private final List<P> available;
    private final List<String> problems;

    private Providers(String kind, Function<P, String> nameOf, ToIntFunction<P> priorityOf,
                      Function<P, String> descriptionOf, Iterator<P> loader) {
        this.kind = kind;
        this.nameOf = nameOf;
        this.priorityOf = priorityOf;
        this.descriptionOf = descriptionOf;
        List<P> found = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        while (true) {
            try {
                if (!loader.hasNext()) {
                    break;
                }
                P p = loader.next();
                String name = nameOf.apply(p);
                if (name == null || name.isBlank()) {
                    broken.add(p.getClass().getName() + ": provider has no name");
                    continue;
                }
                found.add(p);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                broken.add(oneLine(e));
            }
        }
        // highest priority first, then by name; a class rather than Comparator.comparingInt(...).thenComparing(...),
        // whose lambdas inside java.base are spun at run time even with send-mail's class archive
        found.sort(new Comparator<P>() {
            @Override
            public int compare(P a, P b) {
                int c = Integer.compare(priorityOf.applyAsInt(b), priorityOf.applyAsInt(a));
                return c != 0 ? c : nameOf.apply(a).compareTo(nameOf.apply(b));
            }
        });
        this.available = List.copyOf(found);
        this.problems = List.copyOf(broken);
    }

    /**
     * Transport providers visible to {@code loader}.
     *
     * @param loader the class loader to search
     * @return the providers found
     */
    public static Providers<TransportProvider> transports(ClassLoader loader) {
        return new Providers<>("transport", TransportProvider::name, TransportProvider::priority,
                TransportProvider::description, ServiceLoader.load(TransportProvider.class, loader).iterator());
    }

    /**
     * Transport providers visible to this module or the context class loader.
     *
     * @return the providers found
     */
    public static Providers<TransportProvider> transports() {
        return transports(contextLoader());
    }

    /**
     * Resolver providers visible to {@code loader}.
     *
     * @param loader the class loader to search
     * @return the providers found
     */
    public static Providers<ResolverProvider> resolvers(ClassLoader loader) {
        return new Providers<>("resolver", ResolverProvider::name, ResolverProvider::priority,
                ResolverProvider::description, ServiceLoader.load(ResolverProvider.class, loader).iterator());
    }

    /**
     * Resolver providers visible to this module or the context class loader.
     *
     * @return the providers found
     */
    public static Providers<ResolverProvider> resolvers() {
        return resolvers(contextLoader());
    }

    /**
     * The providers that loaded, highest priority first.
     *
     * @return the providers
     */
    public List<P> available() {
        return available;
    }

    /**
     * One line for each provider that failed to load.
     *
     * @return the problems; empty when every provider loaded
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * What the providers are for.
     *
     * @return {@code transport} or {@code resolver}
     */
    public String kind() {
        return kind;
    }

    /**
     * The available providers as a person would see them listed (such as {@code send-mail --list-providers}),
     * highest priority first.
     *
     * @return one entry per available provider; the first is the default choice
     */
    public List<Listed> listing() {
        List<Listed> out = new ArrayList<>();
        for (P p : available) {
            out.add(new Listed(nameOf.apply(p), priorityOf.applyAsInt(p), descriptionOf.apply(p), out.isEmpty()));
        }
        return out;
    }

    /**
     * One available provider in a {@link #listing()}.
     *
     * @param name its name
     * @param priority its priority
     * @param description its description
     * @param isDefault whether it is chosen when no name is given (the highest priority)
     */
    public record Listed(String name, int priority, String description, boolean isDefault) {
    }

    /**
     * The {@link #listing()} for people, as {@code send-mail --list-providers} prints it: a heading naming the kind
     * ({@code transports:} or {@code resolvers:}), then one line per available provider with its name, its
     * priority, {@code (default)} on the first, and its description (control characters as spaces).
     *
     * @return the lines, without line ends
     */
    public List<String> listingText() {
        List<String> lines = new ArrayList<>();
        lines.add(kind + "s:");
        for (Listed p : listing()) {
            lines.add(String.format("  %-10s priority %5d%s  %s", p.name(), p.priority(),
                    p.isDefault() ? " (default)" : "", ControlCharacters.oneLine(p.description())));
        }
        return lines;
    }

    /**
     * The {@link #listing()} for programs: one JSON object (RFC 8259, without line breaks) per available provider,
     * with the fields {@code kind} ({@link #kind()}), {@code name}, {@code priority}, {@code default} (true for
     * the first only) and {@code description}.
     *
     * @return the objects, highest priority first
     */
    public List<String> listingJson() {
        return listing().stream().map(p -> new Json().field("kind", kind).field("name", p.name())
                .field("priority", p.priority()).field("default", p.isDefault())
                .field("description", p.description()).toString()).toList();
    }

    /**
     * The {@link #problems()} for people: {@code failed to load a transport provider: WHAT} (control characters
     * as spaces).
     *
     * @return one line per provider that failed to load
     */
    public List<String> problemsText() {
        return problems.stream().map(p -> "failed to load a " + kind + " provider: " + ControlCharacters.oneLine(p))
                .toList();
    }

    /**
     * The {@link #problems()} for programs: one JSON object (RFC 8259, without line breaks) each, with the fields
     * {@code kind} and {@code problem}.
     *
     * @return one object per provider that failed to load
     */
    public List<String> problemsJson() {
        return problems.stream().map(p -> new Json().field("kind", kind).field("problem", p).toString()).toList();
    }

    /**
     * The names of the available providers, in priority order.
     *
     * @return the names
     */
    public List<String> names() {
        return available.stream().map(nameOf).toList();
    }

    /**
     * Says which provider {@link #select} chose and why, for a verbose log, for example
     * {@code transport 'socket' (highest priority of: socket, jakarta, file)}.
     *
     * @param chosen the provider {@link #select} returned
     * @param name the name {@link #select} was given
     * @return one line
     */
    public String describe(P chosen, Optional<String> name) {
        return kind + " '" + nameOf.apply(chosen) + "' (" + (name.isPresent() ? "chosen by name" : "highest priority")
                + " of: " + String.join(", ", names()) + ")";
    }

    /**
     * Chooses a provider.
     *
     * @param name an explicit name, or empty to take the highest priority
     * @throws ProviderLookupException when none is found or the name is unknown
     * @return the provider
     */
    public P select(Optional<String> name) {
        if (name.isPresent()) {
            String wanted = name.get().strip().toLowerCase(Locale.ROOT);
            for (P p : available) {
                if (nameOf.apply(p).equalsIgnoreCase(wanted)) {
                    return p;
                }
            }
            StringBuilder msg = new StringBuilder("unknown " + kind + " '" + name.get() + "'");
            msg.append(available.isEmpty() ? "; no " + kind + "s are installed" : "; available: "
                    + String.join(", ", names()));
            String artifact = KNOWN_ARTIFACTS.get(wanted);
            if (artifact != null) {
                msg.append(" (add ").append(artifact).append(" to the class path)");
            }
            appendProblems(msg);
            throw new ProviderLookupException(msg.toString());
        }
        if (available.isEmpty()) {
            StringBuilder msg = new StringBuilder("no " + kind + " provider found on the class path; add "
                    + (kind.equals("transport") ? KNOWN_ARTIFACTS.get("socket") : KNOWN_ARTIFACTS.get("dns")));
            appendProblems(msg);
            throw new ProviderLookupException(msg.toString());
        }
        return available.get(0);
    }

    private void appendProblems(StringBuilder msg) {
        if (!problems.isEmpty()) {
            msg.append("; failed to load: ").append(String.join("; ", problems));
        }
    }

    private static ClassLoader contextLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : Providers.class.getClassLoader();
    }

    private static String oneLine(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        while (t != null) {
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(t.getMessage() != null ? t.getMessage() : t.getClass().getName());
            t = t.getCause() == t ? null : t.getCause();
        }
        return ControlCharacters.oneLine(sb.toString());
    }
}
