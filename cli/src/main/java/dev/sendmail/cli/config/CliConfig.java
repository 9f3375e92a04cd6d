package dev.sendmail.cli.config;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Mailbox;
import dev.sendmail.config.Aliases;
import dev.sendmail.config.DkimSettings;
import dev.sendmail.config.LogSettings;
import dev.sendmail.config.MessagePolicy;
import dev.sendmail.config.ServerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the command line and the configuration file decided, typed and checked. Built by
 * {@link CliConfigMapper}; nothing here is a raw string that still needs parsing.
 *
 * @param server routing, TLS and authentication: the configuration file's with the command line's over them
 * @param envelope sender, recipients, DSN, sendmail input handling
 * @param compose compose-mode parts (empty when in sendmail mode)
 * @param output what is printed
 * @param queue the queue directory and bounces
 * @param dkim DKIM signing keys, selectors and domain
 * @param warnings dangerous choices to warn about, each naming where it was set (silenced by --quiet)
 * @param ignoredFlags sendmail flags accepted and ignored (printed with --verbose)
 * @param account the configuration-file account the settings came from ({@code defaults} for the defaults
 *        section); empty without a configuration file
 * @param headers what sendmail mode does to the message's header (msmtp's {@code set_from_header} and the like)
 * @param log msmtp's log file and syslog
 * @param relayFromCommandLine the command line names the relay ({@code --server}, {@code --port}, msmtp's
 *        {@code --host=}/{@code --port=}): all mail goes there, other accounts' hosts are no sender routes
 */
public record CliConfig(ServerSettings server, EnvelopeSpec envelope, Compose compose,
                        Output output, Queue queue, DkimSettings dkim, List<String> warnings,
                        List<String> ignoredFlags, Optional<String> account, MessagePolicy headers,
                        LogSettings log, boolean relayFromCommandLine) {

    public CliConfig {
        warnings = List.copyOf(warnings);
        ignoredFlags = List.copyOf(ignoredFlags);
    }

    /**
     * @param from the envelope sender; empty when not given (then taken from the message or the local user)
     * @param nullSender {@code -f <>}
     * @param fullName {@code -F}
     * @param readRecipients {@code -t}
     * @param ignoreDots {@code -i}
     * @param recipients positional and {@code --to} recipients
     * @param cc compose-mode Cc
     * @param bcc compose-mode Bcc
     * @param options DSN and TLS requirement
     * @param aliases local names (recipients without a domain) mapped to addresses
     * @param displayNames the display names recipients were given with ({@code "Bob <bob@b.test>"}), for the
     *        To and Cc fields of compose mode
     */
    public record EnvelopeSpec(Optional<Mailbox> from, boolean nullSender, Optional<String> fullName,
                               boolean readRecipients, boolean ignoreDots, List<Mailbox> recipients,
                               List<Mailbox> cc, List<Mailbox> bcc, DeliveryOptions options, Aliases aliases,
                               Map<Mailbox, String> displayNames) {
        public EnvelopeSpec {
            displayNames = Map.copyOf(displayNames);
            recipients = List.copyOf(recipients);
            cc = List.copyOf(cc);
            bcc = List.copyOf(bcc);
        }
    }

    /**
     * @param subject the subject
     * @param body the text body given inline
     * @param bodyFile the text body's file
     * @param html the HTML alternative's file
     * @param attachments files to attach
     * @param headers extra header fields, name and value
     * @param replyTo the Reply-To addresses (RFC 5322 syntax, display names allowed), one entry per option
     * @param unsubscribe the one-click unsubscribe URLs (RFC 8058): one https, at most one mailto:
     */
    public record Compose(Optional<String> subject, Optional<String> body, Optional<Path> bodyFile, Optional<Path> html,
                          List<Path> attachments, List<Map.Entry<String, String>> headers, List<String> replyTo,
                          List<String> unsubscribe) {
        public Compose {
            attachments = List.copyOf(attachments);
            headers = List.copyOf(headers);
            replyTo = List.copyOf(replyTo);
            unsubscribe = List.copyOf(unsubscribe);
        }

        public boolean isRequested() {
            return subject.isPresent() || body.isPresent() || bodyFile.isPresent() || html.isPresent()
                    || !attachments.isEmpty();
        }
    }

    /**
     * @param verbose {@code -v}
     * @param trace {@code --trace}
     * @param json {@code --json}
     * @param quiet {@code --quiet}
     * @param debug {@code --debug}
     */
    public record Output(boolean verbose, boolean trace, boolean json, boolean quiet, boolean debug) {
    }

    /**
     * @param dir the queue directory; empty means no queue (undelivered mail goes to ~/dead.letter)
     * @param bounce send a delivery status notification to the sender when a queue run fails a recipient for good
     * @param reroute a queue run sends every entry through this invocation's route instead of the recorded one
     */
    public record Queue(Optional<java.nio.file.Path> dir, boolean bounce, boolean reroute) {
    }

    /**
     * @param s another route's server settings (routing, TLS and authentication), e.g. a queued message's
     * @param accountName the configuration-file account that route came from
     * @return this configuration sending through that route
     */
    public CliConfig withServer(ServerSettings s, Optional<String> accountName) {
        return new CliConfig(s, envelope, compose, output, queue, dkim, warnings, ignoredFlags, accountName, headers,
                log, relayFromCommandLine);
    }
}
