package dev.sendmail.cli.options;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.cli.output.CliException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * Rewrites sendmail's historical flags before Commons CLI sees them: {@code -oi} becomes {@code -i},
 * {@code -r ADDR} becomes {@code -f ADDR}, and the flags sendmail accepts that mean nothing here
 * ({@code -oXXX}, {@code -BXXX}, {@code -bm}, {@code -U}, {@code -G}, {@code -n}, {@code -m}, {@code -LTAG},
 * {@code -XFILE}) are dropped with a note for {@code --verbose}. Values of options are never rewritten: the
 * token after an option that takes a value is passed through as is. A password on the command line is refused.
 *
 * @param args the arguments for Commons CLI
 * @param ignored one note per flag dropped
 */
public record SendmailFlags(List<String> args, List<String> ignored) {

    /** sendmail's flags that are send-mail options by another name. */
    private static final Map<String, String> RENAMED = Map.of("-oi", "-i", "-q", "--queue-run", "-bp", "--queue-list",
            "-bv", "--verify");

    /** sendmail's flags that mean nothing here, dropped with a note (as are -oXXX, and -B, -L, -X and their value). */
    private static final Set<String> IGNORED = Set.of("-bm", "-U", "-G", "-n", "-m");

    public SendmailFlags {
        args = List.copyOf(args);
        ignored = List.copyOf(ignored);
    }

    public static SendmailFlags normalize(String[] input, Options options) throws CliException {
        List<String> out = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < input.length; i++) {
            String a = input[i];
            if (a.equals("--")) {
                out.addAll(Arrays.asList(input).subList(i, input.length));
                break;
            }
            if (a.equals("--password") || a.startsWith("--password=") || a.equals("--pass") || a.equals("-p")) {
                throw CliException.usage("passwords are not accepted as arguments (they would show in ps and "
                        + "shell history); use --password-file, --password-env or --password-cmd");
            }
            String rest = a.length() < 2 ? "" : a.substring(2);
            if (RENAMED.containsKey(a)) {
                out.add(RENAMED.get(a));
            } else if (IGNORED.contains(a) || a.startsWith("-o") && !rest.isEmpty()) {
                ignored.add(a);
            } else if (a.startsWith("-") && a.length() > 1 && "BLX".indexOf(a.charAt(1)) >= 0) {
                ignored.add(rest.isEmpty() && i + 1 < input.length ? a + " " + input[++i] : a);
            } else if (a.startsWith("-q")) {
                out.add("--queue-run");
                ignored.add(a + " (the interval; run send-mail -q from cron instead)");
            } else if (a.equals("-o")) {
                throw CliException.usage("-o needs an option letter, e.g. -oi");
            } else if (a.equals("-b")) {
                throw CliException.usage("-b needs a mode letter, e.g. -bm");
            } else if (a.startsWith("-b")) {
                throw CliException.usage("sendmail mode -b" + ControlCharacters.escape(rest) + " is not supported "
                        + "(only -bm, delivering a message, -bp, listing the queue, and -bv, verifying recipients)");
            } else if (a.startsWith("-r")) {
                out.add("-f" + rest);
                if (rest.isEmpty() && i + 1 < input.length) {
                    out.add(input[++i]);
                }
            } else {
                out.add(a); // send-mail's own options, sendmail's that are the same here, recipients
                if (valueFollows(a, options) && i + 1 < input.length) {
                    out.add(input[++i]); // the option's value, never rewritten
                }
            }
        }
        return new SendmailFlags(out, ignored);
    }

    /**
     * True when {@code token} is one of send-mail's options that takes a value and is given without it
     * ({@code --subject}, {@code -s}; not {@code --subject=x} nor {@code -sx}): the next argument is then its value.
     */
    static boolean valueFollows(String token, Options options) {
        String name = token.startsWith("--") ? token.substring(2) : token.startsWith("-") && token.length() == 2
                ? token.substring(1) : "";
        Option o = name.isEmpty() || name.contains("=") ? null : options.getOption(name);
        return o != null && o.hasArg();
    }
}
