package dev.sendmail.cli.options;

import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.ConfigKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.Options;

/**
 * msmtp's command line (send-mail run through a link named {@code msmtp}, or with {@code --msmtp} first),
 * rewritten into send-mail's. The options that select a mode map onto send-mail's options ({@code -S} is
 * {@code --probe}, {@code --rmqs} is {@code --etrn}, {@code -P} is {@code --plan}, {@code -d}/{@code -v} are
 * {@code --verbose --trace}); the options that set what a configuration file sets ({@code --host=},
 * {@code --tls=}, {@code --auth=}, {@code --logfile=}, ...: {@link ConfigKey#ofMsmtpOption}) become
 * {@link #keys() configuration keys} that override the selected account, as msmtp's options override its file; an
 * option alone means what its key alone on a line means ({@link ConfigKey#valueWhenLeftOut}: {@code --tls} on). Everything else (sendmail's flags, send-mail's
 * own options, recipients) passes through unchanged.
 *
 * @param args the arguments for {@link SendmailFlags}
 * @param keys configuration keys set on the command line, in order, with their values
 *     ({@link dev.sendmail.config.ConfigFile#choose(Optional, Optional, List)}); an empty value unsets the key
 */
public record MsmtpFlags(List<String> args, List<Map.Entry<ConfigKey, String>> keys) {

    /** The option that asks for msmtp's command line when the program is not called msmtp. */
    public static final String OPTION = "--msmtp";

    public MsmtpFlags {
        args = List.copyOf(args);
        keys = List.copyOf(keys);
    }

    /** Options that take a value given as the next argument (or, for long options, after '='). */
    private static final Map<String, String> MODE_WITH_VALUE = Map.of("file", "--config", "account", "--account",
            "from", "-f", "rmqs", "--etrn");

    private static final Map<String, List<String>> MODE_SWITCH = Map.of("serverinfo", List.of("--probe"),
            "pretend", List.of("--plan"), "debug", List.of("--verbose", "--trace"),
            "read-recipients", List.of("-t"), "read-envelope-from", List.of("--read-envelope-from"),
            "version", List.of("--version"), "help", List.of("--help"));

    /** msmtp's short options that stand for its long ones: {@code -X FILE} is {@code --logfile FILE}. */
    private static final Map<Character, String> SHORT = Map.of('X', "logfile", 'N', "dsn-notify", 'R', "dsn-return",
            'P', "pretend", 'S', "serverinfo", 'd', "debug", 'v', "debug");

    /** True when {@code args} asks for msmtp's command line ({@value #OPTION} first). */
    public static boolean requested(String[] args) {
        return args.length > 0 && args[0].equals(OPTION);
    }

    /**
     * Rewrites msmtp's command line ({@code input} without {@value #OPTION}).
     *
     * @throws CliException (64) for an msmtp option without its value or one that send-mail cannot honour
     */
    public static MsmtpFlags translate(List<String> input, Options options) throws CliException {
        List<String> out = new ArrayList<>();
        List<Map.Entry<ConfigKey, String>> keys = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            String given = input.get(i);
            String a = longForm(given);
            if (a.equals("--")) {
                out.addAll(input.subList(i, input.size()));
                break;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                String value = eq < 0 ? null : a.substring(eq + 1);
                if (name.equals("configure")) {
                    throw CliException.usage("msmtp's --configure is not supported; send-mail --server auto finds the "
                            + "submission server in DNS");
                }
                String mode = MODE_WITH_VALUE.get(name);
                Optional<ConfigKey> key = mode != null ? Optional.empty() : ConfigKey.ofMsmtpOption(name);
                if (mode != null || key.isPresent()) {
                    Optional<String> leftOut = key.flatMap(ConfigKey::valueWhenLeftOut);
                    if (value == null && leftOut.isPresent()) {
                        value = leftOut.get();
                    } else if (value == null) {
                        if (i + 1 >= input.size()) {
                            throw CliException.usage(given + " needs a value" + (given.startsWith("--")
                                    ? " (" + given + "=VALUE)" : ""));
                        }
                        value = input.get(++i);
                    }
                    if (mode != null) {
                        out.add(mode);
                        out.add(value);
                    } else {
                        keys.add(Map.entry(key.get(), value));
                    }
                    continue;
                }
                if (MODE_SWITCH.containsKey(name)) {
                    if (value != null) {
                        throw CliException.usage("--" + name + " takes no value");
                    }
                    out.addAll(MODE_SWITCH.get(name));
                    continue;
                }
            }
            out.add(a); // sendmail's flags (-t, -oi, -f, -C ...), send-mail's own options and recipients
            if ((SendmailFlags.valueFollows(a, options) || a.equals("-r")) && i + 1 < input.size()) {
                out.add(input.get(++i)); // the option's value, never rewritten
            }
        }
        return new MsmtpFlags(out, keys);
    }

    /** {@code a} with an msmtp short option in its long form ({@code -Xfile} is {@code --logfile=file}). */
    private static String longForm(String a) {
        String name = a.length() < 2 || a.charAt(0) != '-' ? null : SHORT.get(a.charAt(1));
        if (name == null || (a.length() > 2 && "XNR".indexOf(a.charAt(1)) < 0)) {
            return a;
        }
        return "--" + name + (a.length() > 2 ? "=" + a.substring(2) : "");
    }
}
