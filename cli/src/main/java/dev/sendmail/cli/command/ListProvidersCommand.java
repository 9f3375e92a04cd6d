package dev.sendmail.cli.command;

import dev.sendmail.local.ExitCodes;
import dev.sendmail.cli.output.Json;
import dev.sendmail.cli.output.ReportPrinter;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.ResolverProvider;
import dev.sendmail.spi.TransportProvider;

/**
 * {@code --list-providers}: every transport and resolver found, highest priority first, with its priority and
 * description, marking the default choice, then every provider that failed to load.
 */
public final class ListProvidersCommand implements Command {

    @Override
    public int run(Invocation inv) {
        ClassLoader cl = ListProvidersCommand.class.getClassLoader();
        Providers<TransportProvider> transports = Providers.transports(cl);
        Providers<ResolverProvider> resolvers = Providers.resolvers(cl);
        boolean json = inv.config().output().json();
        boolean first = true;
        if (!json) {
            inv.out().println("transports:");
        }
        for (TransportProvider p : transports.available()) {
            print(inv, json, "transport", p.name(), p.priority(), p.description(), first);
            first = false;
        }
        first = true;
        if (!json) {
            inv.out().println("resolvers:");
        }
        for (ResolverProvider p : resolvers.available()) {
            print(inv, json, "resolver", p.name(), p.priority(), p.description(), first);
            first = false;
        }
        for (String problem : transports.problems()) {
            problem(inv, json, "transport", problem);
        }
        for (String problem : resolvers.problems()) {
            problem(inv, json, "resolver", problem);
        }
        return transports.available().isEmpty() ? ExitCodes.CONFIG : ExitCodes.OK;
    }

    private static void print(Invocation inv, boolean json, String kind, String name, int priority,
                              String description, boolean isDefault) {
        if (json) {
            inv.out().println(new Json().field("kind", kind).field("name", name).field("priority", priority)
                    .field("default", isDefault).field("description", description));
        } else {
            inv.out().printf("  %-10s priority %5d%s  %s%n", name, priority, isDefault ? " (default)" : "",
                    ReportPrinter.oneLine(description));
        }
    }

    private static void problem(Invocation inv, boolean json, String kind, String problem) {
        if (json) {
            inv.out().println(new Json().field("kind", kind).field("problem", problem));
        } else {
            inv.out().println("failed to load a " + kind + " provider: " + ReportPrinter.oneLine(problem));
        }
    }
}
