package dev.sendmail.cli.command;

import dev.sendmail.local.ExitCodes;
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
            (json ? kind.listingJson() : kind.listingText()).forEach(inv.out()::println);
        }
        for (Providers<?> kind : kinds) {
            (json ? kind.problemsJson() : kind.problemsText()).forEach(inv.out()::println);
        }
        return kinds.get(0).available().isEmpty() ? ExitCodes.CONFIG : ExitCodes.OK;
    }
}
