package dev.sendmail.cli.command;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.spi.TranscriptListener;
import dev.sendmail.config.AccountChoice;
import dev.sendmail.config.ConfigFile;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * One run of the CLI: its settings, its environment and its three streams, plus the small printing rules
 * every command shares (notes only with --verbose, warnings even with --quiet).
 *
 * @param config the settings
 * @param env the process environment
 * @param stdin standard input
 * @param out standard output
 * @param err standard error
 * @param configFile the configuration file read (or {@link ConfigFile#NONE}), for routes rebuilt from an account
 * @param choice the account the configuration file gave this run, and why ({@link ConfigFile#choose})
 */
public record Invocation(CliConfig config, Environment env, InputStream stdin, PrintStream out, PrintStream err,
                         ConfigFile configFile, AccountChoice choice) {

    /**
     * @param other the settings
     * @return this invocation with other settings
     */
    public Invocation withConfig(CliConfig other) {
        return new Invocation(other, env, stdin, out, err, configFile, choice);
    }

    /**
     * The SMTP dialogue on stderr with {@code --trace}; with only {@code --verbose}, just connections, TLS and
     * routing notes; else none. The lines are the api's ({@link TranscriptListener#lines}: one line per event, AUTH
     * masked a second time), each after {@code send-mail: }; lines from several connections do not interleave.
     */
    public TranscriptListener trace() {
        if (!config.output().trace() && !config.output().verbose()) {
            return TranscriptListener.NONE;
        }
        return TranscriptListener.lines(line -> {
            synchronized (err) {
                err.println("send-mail: " + line);
            }
        }, config.output().trace());
    }

    /** A line shown with {@code --verbose}. */
    public void note(String text) {
        if (config.output().verbose()) {
            info(text);
        }
    }

    /** A line always shown on stderr. */
    void warn(String text) {
        err.println("send-mail: " + ControlCharacters.oneLine(text));
    }

    /** A line shown unless {@code --quiet}. */
    void info(String text) {
        if (!config.output().quiet()) {
            warn(text);
        }
    }
}
