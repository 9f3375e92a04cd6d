package dev.sendmail.cli.command;

import dev.sendmail.cli.output.CliException;

/**
 * One thing the CLI can do (send a message, print a plan, list providers). {@link dev.sendmail.cli.Main} picks one
 * from the options; new modes (a queue run, a queue listing) are new implementations, not branches inside another.
 */
public interface Command {

    /** @return the exit code */
    int run(Invocation inv) throws CliException;
}
