package dev.sendmail.cli.input;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Message;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.MessageSpool;
import dev.sendmail.local.PreparedMessage;
import java.io.IOException;
import dev.sendmail.local.SpooledMessage;
import dev.sendmail.local.SubmissionException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Compose mode's last step: the message the options describe ({@link CliConfig.Compose}) gets its author
 * ({@code -F} and {@code -f}, else the local user), its envelope sender and, when no body was given, standard input
 * as its text.
 */
public final class Composer {

    private Composer() {
    }

    /**
     * @param c the settings, in compose mode
     * @param stdin the text body when neither {@code --body} nor {@code --body-file} gave one
     * @param env the local user
     * @param spool where standard input is spooled, once the author is known to be valid
     * @throws CliException 65 for a standard input that is not UTF-8
     * @throws SubmissionException without a valid author
     * @throws IOException when standard input cannot be read or spooled
     */
    public static PreparedMessage compose(CliConfig c, InputStream stdin, Environment env, MessageSpool spool)
            throws CliException, SubmissionException, IOException {
        CliConfig.Compose k = c.compose().orElseThrow();
        Mailbox author = c.envelope().sender().author(env.user());
        Message.Builder b = k.message();
        String what = "-F";
        try {
            b.from(author, c.message().fullName().orElse(null));
            if (c.envelope().sender().isNull()) {
                b.envelopeSender("<>");
            }
            if (k.textFromInput()) {
                SpooledMessage text = spool.text(stdin);
                what = "standard input";
                if (!k.html() || text.bodyOctets() > 0) {
                    b.text(text.bodyFile()); // checked to be UTF-8 here
                }
            }
            Message m = b.build();
            return new PreparedMessage(m.envelope(), m.content(), Optional.of(author), false, Optional.empty());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw CliException.data(what + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
