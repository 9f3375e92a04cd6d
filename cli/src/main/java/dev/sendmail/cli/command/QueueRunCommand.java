package dev.sendmail.cli.command;

import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.config.QueueRoutes;
import dev.sendmail.config.ServerSettings;
import dev.sendmail.api.Sender;
import dev.sendmail.queue.EntryReport;
import dev.sendmail.queue.MailQueue;
import dev.sendmail.queue.QueueRoute;
import dev.sendmail.queue.QueueRun;
import dev.sendmail.queue.RouteSenders;
import dev.sendmail.queue.RouteUnavailableException;
import dev.sendmail.spi.ProviderLookupException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
        List<SenderSetup> setups = new ArrayList<>();
        try (RouteSenders routes = new RouteSenders(route -> open(inv, route, setups), inv.config().queue().reroute(),
                "send it with this command's options with --queue-reroute")) {
            QueueRun run = force ? queue.flush(routes) : queue.run(routes);
            int code = ExitCodes.OK;
            for (EntryReport e : run.entries()) {
                switch (e.result()) {
                    case CORRUPT -> inv.warn(e.line());
                    case ROUTE_UNAVAILABLE -> {
                        inv.warn(e.line());
                        code = ExitCodes.CONFIG;
                    }
                    case ROUTE_UNAVAILABLE_TEMPORARILY -> {
                        inv.warn(e.line());
                        code = code == ExitCodes.CONFIG ? code : ExitCodes.TEMP_FAIL;
                    }
                    default -> inv.info(e.line());
                }
            }
            inv.note("queue run: " + run.summary());
            return code;
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO_ERROR, "queue " + queue.directory() + ": " + e.getMessage(), e);
        } finally {
            setups.forEach(SenderSetup::close);
        }
    }

    /** The sender of a recorded route: this invocation's settings with the route's server settings. */
    private static Sender open(Invocation inv, Optional<QueueRoute> route, List<SenderSetup> setups)
            throws RouteUnavailableException {
        Invocation routed = inv;
        if (route.isPresent()) {
            ServerSettings s = QueueRoutes.settings(route.get(), inv.config().server(), inv.configFile(),
                    inv.env().user());
            routed = inv.withConfig(inv.config().withRoute(s.routing(), s.security(), s.auth(), route.get().account()));
            inv.note("delivering through the recorded route: " + route.get().describe());
        }
        try {
            SenderSetup setup = SenderSetup.create(routed, inv.trace());
            setups.add(setup);
            return setup.sender();
        } catch (CliException e) {
            throw new RouteUnavailableException("cannot rebuild its route: " + e.getMessage(),
                    e.exitCode() == ExitCodes.TEMP_FAIL);
        } catch (ProviderLookupException e) {
            throw new RouteUnavailableException("cannot rebuild its route: " + e.getMessage(), false);
        }
    }
}
