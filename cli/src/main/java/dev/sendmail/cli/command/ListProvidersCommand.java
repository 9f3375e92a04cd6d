package dev.sendmail.cli.command;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.cli.output.Json;
import dev.sendmail.spi.Providers;
import java.util.List;

/**
 * {@code --list-providers}: every transport and resolver found, highest priority first, with its priority and
 * description, marking the default choice, then every provider that failed to load.
 */
public final class ListProvidersCommand implements Command {

    @Override
    public int run(Invocation inv) {
        ClassLoader cl = ListProvidersCommand.class.getClassLoader();
        List<Providers<?>> kinds = List.of(Providers.transports(cl), Providers.resolvers(cl));
        boolean json = inv.config().output().json();
        for (Providers<?> kind : kinds) {
            if (!json) {
                inv.out().println(kind.kind() + "s:");
            }
            for (Providers.Listed p : kind.listing()) {
                inv.out().println(json ? new Json().field("kind", kind.kind()).field("name", p.name())
                        .field("priority", p.priority()).field("default", p.isDefault())
                        .field("description", p.description()).toString()
                        : String.format("  %-10s priority %5d%s  %s", p.name(), p.priority(),
                        p.isDefault() ? " (default)" : "", ControlCharacters.oneLine(p.description())));
            }
        }
        for (Providers<?> kind : kinds) {
            for (String problem : kind.problems()) {
                inv.out().println(json ? new Json().field("kind", kind.kind()).field("problem", problem).toString()
                        : "failed to load a " + kind.kind() + " provider: " + ControlCharacters.oneLine(problem));
            }
        }
        return kinds.get(0).available().isEmpty() ? ExitCodes.CONFIG : ExitCodes.OK;
    }
}
