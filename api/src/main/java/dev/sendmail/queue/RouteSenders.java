package dev.sendmail.queue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Sender;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link QueueDelivery} that sends each queued message through a {@link Sender} for the route its entry
 * recorded: the sender is built by a {@link Factory} when a run first meets the route, and kept for the
 * following entries of that route, so they share its pooled connections. An entry that recorded no route (queued
 * by an older send-mail) is left queued as {@link RouteUnavailableException unavailable}, unless every entry is
 * rerouted: then all of them go through the one sender the factory builds for no route.
 *
 * <p>Not thread-safe: meant for the runs of one thread ({@link MailQueue#run} and {@link MailQueue#flush}
 * deliver one entry after another). Owns the senders it builds: {@link #close()} closes them.
 */
public final class RouteSenders implements QueueDelivery, AutoCloseable {

    /** Builds the sender for a route. */
    @FunctionalInterface
    public interface Factory {

        /**
         * Builds a sender; called once per route in the life of a {@link RouteSenders}.
         *
         * @param route the recorded route to rebuild (with its password read again from where it came from),
         *        or empty for the application's own route when every entry is rerouted
         * @return a sender for that route, which {@link RouteSenders#close()} closes
         * @throws RouteUnavailableException when the route cannot be rebuilt, saying whether it may work later
         */
        Sender open(Optional<QueueRoute> route) throws RouteUnavailableException;
    }

    private final Factory factory;
    private final boolean reroute;
    private final String rerouteHint;
    private final Map<Optional<QueueRoute>, Sender> senders = new LinkedHashMap<>();

    /**
     * A delivery that builds its senders with {@code factory}.
     *
     * @param factory builds the sender of each route
     * @param reroute whether every entry goes through the sender for no route, whatever route it recorded
     * @param rerouteHint how a person reroutes, ending the reason an entry without a route stays queued (for a
     *        command-line tool, the option that does it)
     */
    public RouteSenders(Factory factory, boolean reroute, String rerouteHint) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.reroute = reroute;
        this.rerouteHint = Objects.requireNonNull(rerouteHint, "rerouteHint");
    }

    @Override
    public DeliveryReport deliver(Optional<QueueRoute> route, Envelope envelope, MessageContent content,
                                  DeliveryOptions options) throws RouteUnavailableException {
        Optional<QueueRoute> key = reroute ? Optional.empty() : route;
        if (key.isEmpty() && !reroute) {
            throw new RouteUnavailableException("queued without a recorded route (by an older send-mail); "
                    + rerouteHint, false);
        }
        Sender sender = senders.get(key);
        if (sender == null) {
            sender = factory.open(key);
            senders.put(key, sender);
        }
        return sender.send(envelope, content, options);
    }

    /** Closes every sender built so far. */
    @Override
    public void close() {
        senders.values().forEach(Sender::close);
        senders.clear();
    }
}
