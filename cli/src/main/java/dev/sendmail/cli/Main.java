package dev.sendmail.cli;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.SendMailException;
import dev.sendmail.cli.command.BatchCommand;
import dev.sendmail.cli.command.Command;
import dev.sendmail.cli.command.DkimRecordCommand;
import dev.sendmail.cli.command.CheckSenderCommand;
import dev.sendmail.cli.command.EtrnCommand;
import dev.sendmail.cli.command.Invocation;
import dev.sendmail.cli.command.ListProvidersCommand;
import dev.sendmail.cli.command.OAuth2LoginCommand;
import dev.sendmail.cli.command.PlanCommand;
import dev.sendmail.cli.command.QueueCommands;
import dev.sendmail.cli.command.SendCommand;
import dev.sendmail.cli.command.TlsReportCommand;
import dev.sendmail.cli.command.VerifyCommand;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.config.CliConfigMapper;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.cli.options.CliOptions;
import dev.sendmail.cli.options.MsmtpFlags;
import dev.sendmail.cli.options.SendmailFlags;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.config.AccountChoice;
import dev.sendmail.config.AccountChoice.Reason;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.ConfigFile;
import dev.sendmail.config.ConfigFileLoader;
import dev.sendmail.config.ConfigKey;
import dev.sendmail.local.DeadLetter;
import dev.sendmail.local.SubmissionException;
import dev.sendmail.spi.ProviderLookupException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TextHelpAppendable;

/**
 * The {@code send-mail} command: a sendmail-compatible front end to {@link dev.sendmail.api.Sender}. Parses the
 * options, reads the configuration file, picks a {@link Command} and maps every failure to one line on stderr
 * and a sysexits code. {@link #main} is the only place that calls {@link System#exit}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.err.flush();
        if (code == ExitCodes.OK && (infoOnly(args) || onlyDaemonThreadsLeft())) {
            // ending main ends the JVM with status 0; Runtime.exit would first look up a logger (JDK 21+), which
            // loads about 26 classes and scans every jar for a LoggerFinder
            return;
        }
        System.exit(code);
    }

    /** True when no thread but this one would keep the JVM alive after main returns. */
    private static boolean onlyDaemonThreadsLeft() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != Thread.currentThread() && t.isAlive() && !t.isDaemon()) {
                return false;
            }
        }
        return true;
    }

    /** {@code --version} or {@code --help} alone: answered without the environment, and without threads. */
    private static boolean infoOnly(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("--help") || args[0].equals("-h"));
    }

    /**
     * Runs the command line.
     *
     * @return the exit code (sysexits.h)
     */
    public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        // the fast path for --version and --help: reads neither the environment, the clock's time zone nor a
        // configuration file
        return infoOnly(args) ? info(!args[0].equals("--version"), stdout)
                : run(args, stdin, stdout, stderr, Environment.current());
    }

    static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr, Environment env) {
        Options options = CliOptions.build();
        List<String> given = List.of(args);
        boolean debug = given.subList(0, given.contains("--") ? given.indexOf("--") : args.length).contains("--debug");
        try {
            List<Map.Entry<ConfigKey, String>> msmtpKeys = List.of();
            if (MsmtpFlags.requested(args)) {
                MsmtpFlags msmtp = MsmtpFlags.translate(given.subList(1, args.length), options);
                args = msmtp.args().toArray(String[]::new);
                msmtpKeys = msmtp.keys();
            }
            SendmailFlags flags = SendmailFlags.normalize(args, options);
            CommandLine cl = DefaultParser.builder().setAllowPartialMatching(false)
                    .setStripLeadingAndTrailingQuotes(false).get()
                    .parse(options, flags.args().toArray(String[]::new));
            if (cl.hasOption("help") || cl.hasOption("version")) {
                return info(cl.hasOption("help"), stdout);
            }
            Optional<String> account = Optional.ofNullable(cl.getOptionValue("account"));
            Optional<String> loginAccount = Optional.ofNullable(cl.getOptionValue("oauth2-login"));
            if (loginAccount.isPresent() && account.isPresent() && !loginAccount.equals(account)) {
                throw CliException.usage("--oauth2-login " + loginAccount.get() + " and --account " + account.get()
                        + " name different accounts");
            }
            account = account.or(() -> loginAccount);
            ConfigFile file;
            AccountChoice choice;
            CliConfig config;
            try {
                try {
                    file = cl.hasOption("list-providers") ? ConfigFile.NONE
                            : ConfigFileLoader.load(Optional.ofNullable(cl.getOptionValue("config")), env.user(),
                                    cl.hasOption("quiet") ? w -> { } : w -> stderr.println("send-mail: warning: " + w));
                    Optional<String> sender = Optional.ofNullable(cl.getOptionValue("from"));
                    if (cl.hasOption("read-envelope-from") && readsMessage(cl, stdin)) {
                        // as msmtp: the From field's address picks the account as -f would (from patterns)
                        BufferedInputStream message = new BufferedInputStream(stdin, 64 * 1024);
                        stdin = message;
                        choice = file.choose(account, sender, msmtpKeys, message);
                    } else {
                        choice = file.choose(account, sender, msmtpKeys);
                    }
                } catch (IllegalArgumentException e) {
                    // msmtp's --host with --account, or a value an msmtp option's key refuses
                    throw CliException.usage(e.getMessage());
                }
                config = CliConfigMapper.map(cl, flags.ignored(), choice.account(), env);
            } catch (CliException | ConfigException e) {
                if (!readsMessage(cl, stdin)) {
                    throw e;
                }
                // the message on standard input is not lost because the settings are wrong: one line says both
                stderr.println("send-mail: " + ControlCharacters.oneLine(e.getMessage()) + keepUnsent(cl, stdin, env,
                        e.getMessage()));
                return CliException.exitCode(e);
            }
            Invocation inv = new Invocation(config, env, stdin, stdout, stderr, file, choice);
            if (file != ConfigFile.NONE) {
                String senderOrigin = cl.hasOption("from") ? "-f" : "the From field";
                inv.note("configuration " + file.source() + choice.explanation(senderOrigin)
                        .map(why -> (choice.reason() == Reason.NAMED ? ", " : "; ") + why).orElse(""));
                choice.account().ignoredSettings().forEach(w -> inv.note("warning: " + w));
            } else if (cl.hasOption("list-providers")) {
                inv.note("configuration " + ConfigFileLoader.locate(Optional.ofNullable(cl.getOptionValue("config")),
                        env.user()).map(Path::toString).orElse("none") + " (not read by --list-providers)");
            }
            return command(cl).run(inv);
        } catch (ParseException e) {
            stderr.println("send-mail: " + ControlCharacters.oneLine(String.valueOf(e.getMessage())) + " (see --help)");
            return ExitCodes.USAGE;
        } catch (CliException | ConfigException | SendMailException | SubmissionException | ProviderLookupException e) {
            // every failure classified here, once; a CliException's own trace would only show where it was made
            stderr.println("send-mail: " + ControlCharacters.oneLine(e.getMessage()));
            Throwable detail = e instanceof CliException ? e.getCause() : e;
            if (debug && detail != null) {
                detail.printStackTrace(stderr);
            }
            return CliException.exitCode(e);
        } catch (RuntimeException | Error e) {
            stderr.println("send-mail: internal error: " + ControlCharacters.oneLine(String.valueOf(e))
                    + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                e.printStackTrace(stderr);
            }
            return ExitCodes.SOFTWARE;
        }
    }

    /**
     * True when this command would send a message read from standard input (sendmail mode), which must be kept
     * in dead.letter when the command fails before it is sent: no option of {@link CliOptions#MODES} picks another
     * command, and no compose option builds the message. Not when standard input is a terminal: nobody piped a
     * message in.
     */
    private static boolean readsMessage(CommandLine cl, InputStream stdin) {
        if (CliOptions.MODES.stream().anyMatch(cl::hasOption) || CliOptions.COMPOSE.stream().anyMatch(cl::hasOption)) {
            return false;
        }
        return !(stdin == System.in && System.console() != null);
    }

    /** Keeps standard input in dead.letter; returns what to add to the error line ("" for empty input). */
    private static String keepUnsent(CommandLine cl, InputStream stdin, Environment env, String reason) {
        List<String> recipients = new ArrayList<>(cl.getArgList());
        if (cl.hasOption("to")) {
            recipients.addAll(List.of(cl.getOptionValues("to")));
        }
        try {
            return new DeadLetter(env.user().home().resolve("dead.letter"), env.clock())
                    .keepUnsentInput(stdin, recipients, reason).map(kept -> "; " + kept).orElse("");
        } catch (IOException | RuntimeException e) {
            return "; could not keep the message: " + ControlCharacters.oneLine(String.valueOf(e.getMessage()));
        }
    }

    /** Picks what to do. */
    private static Command command(CommandLine cl) throws CliException {
        String mode = CliOptions.MODES.stream().filter(cl::hasOption).findFirst().orElse("send");
        return switch (mode) {
            case "list-providers" -> new ListProvidersCommand();
            case "queue-list" -> QueueCommands.list();
            case "queue-run", "queue-flush" -> QueueCommands.run(cl.hasOption("queue-flush"));
            case "oauth2-login" -> new OAuth2LoginCommand(cl.hasOption("open-browser"));
            case "dkim-record" -> new DkimRecordCommand(cl.getOptionValue(mode));
            case "check-sender" -> new CheckSenderCommand(cl.getOptionValue(mode));
            case "tls-report" -> new TlsReportCommand(cl.getOptionValue(mode), cl.hasOption("tls-report-send"));
            case "etrn" -> new EtrnCommand(List.of(cl.getOptionValues(mode)));
            case "verify" -> new VerifyCommand(cl.hasOption("vrfy"));
            case "plan", "probe" -> new PlanCommand(cl.hasOption("probe"));
            case "batch" -> new BatchCommand(Path.of(cl.getOptionValue(mode)), concurrency(cl));
            default -> inv -> new SendCommand(new DeadLetter(inv.env().user().home().resolve("dead.letter"),
                    inv.env().clock())).run(inv);
        };
    }

    /** {@code --concurrency N}: 1 to 1000, default 8. */
    private static int concurrency(CommandLine cl) throws CliException {
        String v = cl.getOptionValue("concurrency", "8");
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw CliException.usage("--concurrency must be a number from 1 to 1000, not "
                + ControlCharacters.escape(v));
    }

    /** {@code --help} (which wins when both are given) or {@code --version}. */
    private static int info(boolean help, PrintStream out) {
        if (help) {
            printHelp(out);
        } else {
            // from the jar manifest; "development" when run from classes
            String version = Main.class.getPackage().getImplementationVersion();
            out.println("send-mail " + (version != null ? version : "development"));
        }
        return ExitCodes.OK;
    }

    private static void printHelp(PrintStream out) {
        HelpFormatter f = HelpFormatter.builder().setHelpAppendable(new TextHelpAppendable(out)).setShowSince(false)
                .get();
        try {
            f.printHelp("send-mail [options] [--] recipient...",
                    "Send a message read from standard input (sendmail mode), or one built from --subject, --body, "
                            + "--html and --attach (compose mode). Without --server, mail goes straight to each "
                            + "recipient domain's MX hosts.",
                    CliOptions.build(),
                    "Exit codes follow sysexits.h: 0 sent (or queued), 64 usage, 65 bad data, 66 input file "
                            + "missing, 67 unknown user, 68 unknown domain, 69 refused or the server lacks what is "
                            + "needed, 73 the queue cannot be written, 74 input or output error, 75 try later, "
                            + "76 protocol error, 77 authentication, 78 configuration. See send-mail(1).",
                    false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.flush();
    }
}
