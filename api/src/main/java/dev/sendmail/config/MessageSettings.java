package dev.sendmail.config;

import dev.sendmail.api.Dsn;
import dev.sendmail.api.Mailbox;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What an account says about the messages it sends: the envelope sender, the header fields sendmail mode adds or
 * removes, delivery status notifications, local names of recipients, the queue and the log; the half of an
 * account's settings besides {@link ServerSettings}. Immutable.
 *
 * @param from the envelope sender: {@code from} with msmtp's substitutions made, or with {@code auto_from on}
 *        the user name at {@code maildomain}; empty when the account names none (a {@code from} pattern names none)
 * @param fromLocked {@code allow_from_override off} with a sender: it is used whatever else names one
 * @param fullName {@code from_full_name}, the display name of a From field send-mail writes
 * @param dsn the delivery status notifications asked for ({@code dsn_notify}, {@code dsn_return})
 * @param aliases local names (recipients without a domain) mapped to addresses ({@code aliases})
 * @param headers what sendmail mode does to the header section ({@code set_*_header} and the like)
 * @param log msmtp's log file and syslog
 * @param queueDir the queue directory ({@code queue_dir}); empty: no queue
 * @param queueBounce a queue run tells the sender about a recipient that failed for good ({@code queue_bounce})
 */
public record MessageSettings(Optional<Mailbox> from, boolean fromLocked, Optional<String> fullName, Dsn dsn,
                              Aliases aliases, MessagePolicy headers, LogSettings log, Optional<Path> queueDir,
                              boolean queueBounce) {

    /**
     * Reads {@code account}'s message keys; the aliases file it names is read here.
     *
     * @param account the account
     * @param env for msmtp's substitutions in {@code from} ({@code %U}, {@code %H}, ...) and {@code ~} in paths
     * @return the settings
     * @throws ConfigException naming the key and where it was set: a {@code from} that is no address after the
     *         substitutions, an aliases file that cannot be read or parsed
     */
    public static MessageSettings of(Account account, UserEnvironment env) throws ConfigException {
        return AccountReader.message(account, env);
    }
}
