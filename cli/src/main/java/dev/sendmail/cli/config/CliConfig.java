package dev.sendmail.cli.config;

import dev.sendmail.api.AddressList;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Message;
import dev.sendmail.config.DkimSettings;
import dev.sendmail.config.MessageSettings;
import dev.sendmail.config.ServerSettings;
import dev.sendmail.local.EnvelopeSender;
import java.util.List;
import java.util.Optional;

/**
 * Everything the command line and the configuration file decided, typed and checked. Built by
 * {@link CliConfigMapper}; nothing here is a raw string that still needs parsing.
 *
 * @param server routing, TLS and authentication: the configuration file's with the command line's over them
 * @param envelope sender, recipients, DSN, sendmail input handling
 * @param compose compose mode's message; empty in sendmail mode
 * @param output what is printed
 * @param message the account's message settings: its sender, full name ({@code -F} over it), header policy, DSN,
 *        aliases, queue directory and bounces, log (the envelope's sender and DSN are {@code envelope}'s, the
 *        command line's over these)
 * @param queueReroute a queue run sends every entry through this invocation's route instead of the recorded one
 * @param dkim DKIM signing keys, selectors and domain
 * @param warnings dangerous choices to warn about, each naming where it was set (silenced by --quiet)
 * @param ignoredFlags sendmail flags accepted and ignored (printed with --verbose)
 * @param account the configuration-file account the settings came from ({@code defaults} for the defaults
 *        section); empty without a configuration file
 * @param relayFromCommandLine the command line names the relay ({@code --server}, {@code --port}, msmtp's
 *        {@code --host=}/{@code --port=}): all mail goes there, other accounts' hosts are no sender routes
 */
public record CliConfig(ServerSettings server, EnvelopeSpec envelope, Optional<Compose> compose,
                        Output output, MessageSettings message, boolean queueReroute, DkimSettings dkim,
                        List<String> warnings, List<String> ignoredFlags, Optional<String> account,
                        boolean relayFromCommandLine) {

    public CliConfig {
        warnings = List.copyOf(warnings);
        ignoredFlags = List.copyOf(ignoredFlags);
    }

    /**
     * @param sender {@code -f}, {@code --read-envelope-from} and the account's {@code from} (or its lock)
     * @param readRecipients {@code -t}
     * @param ignoreDots {@code -i}
     * @param to positional and {@code --to} recipients, with the display names they were given with
     *        ({@code "Bob <bob@b.test>"}) for compose mode's To field
     * @param cc compose-mode Cc
     * @param bcc compose-mode Bcc
     * @param options DSN and TLS requirement
     */
    public record EnvelopeSpec(EnvelopeSender sender, boolean readRecipients, boolean ignoreDots, AddressList to,
                               AddressList cc, AddressList bcc, DeliveryOptions options) {
    }

    /**
     * @param message the options' part of the message, each value checked by the builder: recipients, Reply-To,
     *        subject, header fields, the body given, HTML and attachments; From, the envelope sender and a body from
     *        standard input are added when sending
     * @param textFromInput neither {@code --body} nor {@code --body-file}: standard input is the text body
     * @param html an HTML body was given (a text body that is empty is then left out)
     */
    public record Compose(Message.Builder message, boolean textFromInput, boolean html) {
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
     * @param s another route's server settings (routing, TLS and authentication), e.g. a queued message's
     * @param accountName the configuration-file account that route came from
     * @return this configuration sending through that route, without the warnings about its own server settings,
     *         which that route replaces
     */
    public CliConfig withServer(ServerSettings s, Optional<String> accountName) {
        return new CliConfig(s, envelope, compose, output, message, queueReroute, dkim, List.of(), ignoredFlags,
                accountName, relayFromCommandLine);
    }
}
