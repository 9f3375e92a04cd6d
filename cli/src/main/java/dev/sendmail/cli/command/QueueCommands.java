package dev.sendmail.cli.command;

import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Sender;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.ConfigFile;
import dev.sendmail.config.QueueRoutes;
import dev.sendmail.config.ServerSettings;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.local.LocalIdentity;
import dev.sendmail.queue.EntryReport;
import dev.sendmail.queue.MailQueue;
import dev.sendmail.queue.QueueListing;
import dev.sendmail.queue.QueueRoute;
import dev.sendmail.queue.QueueRun;
import dev.sendmail.queue.RouteSenders;
import dev.sendmail.queue.RouteUnavailableException;
import dev.sendmail.spi.ProviderLookupException;
import dev.sendmail.local.SubmissionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The queue's commands, {@link #list()} and {@link #run(boolean)}, and the configured queue they and a send with
 * {@code --queue-dir} use, opened with one clear error when it cannot be used.
 */
public final class QueueCommands {

    private QueueCommands() {
    }

    /** {@code --queue-list} / {@code -bp}: prints the queue like mailq. */
    public static Command list() {
        return inv -> {
            try {
                MailQueue queue = open(inv);
                (inv.config().output().json() ? QueueListing.json(queue) : QueueListing.text(queue))
                        .forEach(inv.out()::println);
                return ExitCodes.OK;
            } catch (IOException e) {
                throw new CliException(ExitCodes.IO_ERROR, "cannot read the queue: " + e.getMessage(), e);
            }
        };
    }

    /**
     * {@code --queue-run} / {@code -q}: delivers the queued messages that are due, each through the route it was
     * queued for (rebuilt from its entry, with the password read again from where it came from);
     * {@code --queue-flush} ({@code force}) tries every message now; {@code --queue-reroute} sends everything
     * through this command's own route instead. Prints one line per message tried and nothing when nothing was
     * due. Exits 0 when the run worked, whatever stays queued (deferral is the queue's normal business); else
     * {@link ExitCodes#forQueueRun(QueueRun)} (78, 75, 73) says who has to act.
     */
    public static Command run(boolean force) {
        return inv -> {
            MailQueue queue = open(inv);
            List<Runnable> closing = new ArrayList<>();
            try (RouteSenders routes = new RouteSenders(route -> sender(inv, route, closing),
                    inv.config().queueReroute(), "send it with this command's options with --queue-reroute")) {
                QueueRun run = force ? queue.flush(routes) : queue.run(routes);
                for (EntryReport e : run.entries()) {
                    if (e.needsAttention()) {
                        inv.warn(e.line());
                    } else {
                        inv.info(e.line());
                    }
                }
                inv.note("queue run: " + run.summary());
                return ExitCodes.forQueueRun(run);
            } catch (IOException e) {
                throw new CliException(ExitCodes.IO_ERROR, "queue " + queue.directory() + ": " + e.getMessage(), e);
            } finally {
                closing.forEach(Runnable::run);
            }
        };
    }

    /** The sender of a recorded route: this invocation's settings with the route's server settings. */
    private static Sender sender(Invocation inv, Optional<QueueRoute> route, List<Runnable> closing)
            throws RouteUnavailableException {
        Invocation routed = inv;
        if (route.isPresent()) {
            ServerSettings s = QueueRoutes.settings(route.get(), inv.config().server(), inv.configFile(),
                    inv.env().user());
            routed = inv.withConfig(inv.config().withServer(s, route.get().account()));
            inv.note("delivering through the recorded route: " + route.get().describe());
        }
        try {
            var setup = SenderSetup.builder(routed, Optional.empty()).build();
            closing.add(setup::close);
            return setup.sender();
        } catch (ConfigException | SendMailException | SubmissionException | ProviderLookupException e) {
            throw new RouteUnavailableException("cannot rebuild its route: " + e.getMessage(),
                    CliException.exitCode(e) == ExitCodes.TEMP_FAIL);
        }
    }

    /**
     * The command that retries the queue of {@code inv} now, as the user would type it: the same configuration
     * file (for a route that names an account) and the absolute queue directory.
     */
    static String retryCommand(Invocation inv) {
        StringBuilder sb = new StringBuilder("send-mail");
        if (inv.configFile() != ConfigFile.NONE) {
            sb.append(" -C ").append(shellWord(Path.of(inv.configFile().source()).toAbsolutePath().toString()));
        }
        inv.config().message().queueDir().ifPresent(d -> sb.append(" --queue-dir ").append(shellWord(d.toAbsolutePath()
                .toString())));
        return sb.append(" --queue-flush").toString();
    }

    /** A word for a POSIX shell: as is when safe, else in single quotes. */
    static String shellWord(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9@%+=:,./_-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static MailQueue open(Invocation inv) throws CliException {
        Path dir = inv.config().message().queueDir().orElseThrow(); // the mapper refuses a queue command without one
        String host = inv.config().server().routing().heloName().orElse(LocalIdentity.mailName(inv.env().user()));
        try {
            MailQueue.Builder b = MailQueue.builder(dir);
            try {
                b.reportingHost(host);
            } catch (IllegalArgumentException notAHostName) {
                b.reportingHost("localhost");
            }
            return b.clock(inv.env().clock()).bounces(inv.config().message().queueBounce()).open();
        } catch (IOException e) {
            throw new CliException(ExitCodes.CANT_CREATE, "cannot use queue directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
