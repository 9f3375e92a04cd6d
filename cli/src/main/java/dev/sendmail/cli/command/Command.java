package dev.sendmail.cli.command;

import dev.sendmail.api.SendMailException;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.ConfigException;
import dev.sendmail.local.SubmissionException;

/**
 * One thing the CLI can do (send a message, print a plan, list providers). {@link dev.sendmail.cli.Main} picks one
 * from the options; new modes (a queue run, a queue listing) are new implementations, not branches inside another.
 */
public interface Command {

    /**
     * @return the exit code
     * @throws CliException a failure of the CLI's own (a usage error, a local file)
     * @throws ConfigException the settings cannot be used (a provider refuses them, a password cannot be read)
     * @throws SendMailException a failure before anything was sent ({@code --server auto} found no server, DNS
     *         failed)
     * @throws SubmissionException a sender is needed and neither given nor the local user's a valid address; the
     *         caller classifies each of these with {@link CliException#exitCode(Exception)}
     */
    int run(Invocation inv) throws CliException, ConfigException, SendMailException, SubmissionException;
}
