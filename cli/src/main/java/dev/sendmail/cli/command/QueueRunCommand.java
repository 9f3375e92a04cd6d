package dev.sendmail.cli.command;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MessageContent;
import dev.sendmail.queue.EntryReport;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.queue.MailQueue;
import dev.sendmail.queue.QueueDelivery;
import dev.sendmail.config.QueueRoutes;
import dev.sendmail.config.ServerSettings;
import dev.sendmail.queue.QueueRoute;
import dev.sendmail.queue.QueueRun;
import dev.sendmail.queue.RouteUnavailableException;
import dev.sendmail.spi.ProviderLookupException;
import dev.sendmail.spi.TranscriptListener;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --queue-run} / {@code -q}: delivers the queued messages that are due, each through the route it was
 * queued for (rebuilt from its entry, with the password read again from where it came from);
 * {@code --queue-flush} tries every message now; {@code --queue-reroute} sends everything through this
 * command's own route instead. Prints one line per message tried and nothing when nothing was due. Exits 0
 * when the run worked, whatever stays queued (deferral is the queue's normal business); 78 when an entry's
 * route cannot be rebuilt until the configuration is fixed, 75 when it may work later.
 */
public final class QueueRunCommand implements Command {

    private final boolean force;

    public QueueRunCommand(boolean force) {
        this.force = force;
    }

    @Override
    public int run(Invocation inv) throws CliException {
        MailQueue queue = QueueCommands.open(inv);
        try (Routes routes = new Routes(inv, inv.trace())) {
            QueueRun run = force ? queue.flush(routes) : queue.run(routes);
            int code = ExitCodes.OK;
            for (EntryReport e : run.entries()) {
                String line = e.id() + ": " + describe(e.result()) + (e.lines().isEmpty() ? ""
                        : ": " + String.join("; ", e.lines()));
                switch (e.result()) {
                    case CORRUPT -> inv.warn(line);
                    case ROUTE_UNAVAILABLE -> {
                        inv.warn(line);
                        code = ExitCodes.CONFIG;
                    }
                    case ROUTE_UNAVAILABLE_TEMPORARILY -> {
                        inv.warn(line);
                        code = code == ExitCodes.CONFIG ? code : ExitCodes.TEMP_FAIL;
                    }
                    default -> inv.info(line);
                }
            }
            inv.note("queue run: " + run.tried() + " tried, " + run.finished() + " done, " + run.stillQueued()
                    + " still queued, " + run.skipped() + " not due or busy");
            return code;
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO_ERROR, "queue " + queue.directory() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(EntryReport.Result r) {
        return switch (r) {
            case DELIVERED -> "delivered";
            case FAILED -> "failed";
            case QUEUED -> "still queued";
            case ROUTE_UNAVAILABLE, ROUTE_UNAVAILABLE_TEMPORARILY -> "not sent";
            case CORRUPT -> "corrupt";
        };
    }

    /**
     * Senders by route, built once per run and closed at its end. With {@code --queue-reroute}, or for an entry
     * that recorded no route, this invocation's own settings.
     */
    private static final class Routes implements QueueDelivery, AutoCloseable {
        private final Invocation inv;
        private final TranscriptListener listener;
        private final Map<Optional<QueueRoute>, SenderSetup> setups = new HashMap<>();

        Routes(Invocation inv, TranscriptListener listener) {
            this.inv = inv;
            this.listener = listener;
        }

        @Override
        public DeliveryReport deliver(Optional<QueueRoute> route, Envelope envelope, MessageContent content,
                                      DeliveryOptions options) throws RouteUnavailableException {
            Optional<QueueRoute> key = inv.config().queue().reroute() ? Optional.empty() : route;
            if (key.isEmpty() && !inv.config().queue().reroute()) {
                throw new RouteUnavailableException("queued without a recorded route (by an older send-mail); "
                        + "send it with this command's options with --queue-reroute", false);
            }
            SenderSetup setup = setups.get(key);
            if (setup == null) {
                Invocation routed = inv;
                if (key.isPresent()) {
                    ServerSettings s = QueueRoutes.settings(key.get(), inv.config().server(), inv.configFile(),
                            inv.env().user());
                    routed = inv.withConfig(inv.config().withRoute(s.routing(), s.security(), s.auth(),
                            key.get().account()));
                    inv.note("delivering through the recorded route: " + key.get().describe());
                }
                try {
                    setup = SenderSetup.create(routed, listener);
                } catch (CliException e) {
                    throw new RouteUnavailableException("cannot rebuild its route: " + e.getMessage(),
                            e.exitCode() == ExitCodes.TEMP_FAIL);
                } catch (ProviderLookupException e) {
                    throw new RouteUnavailableException("cannot rebuild its route: " + e.getMessage(), false);
                }
                setups.put(key, setup);
            }
            return setup.sender().send(envelope, content, options);
        }

        @Override
        public void close() {
            setups.values().forEach(SenderSetup::close);
        }
    }
}
