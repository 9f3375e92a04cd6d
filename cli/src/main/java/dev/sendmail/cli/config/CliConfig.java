package dev.sendmail.cli.config;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.config.Aliases;
import dev.sendmail.config.LogSettings;
import dev.sendmail.config.MessagePolicy;
import dev.sendmail.config.PasswordSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the command line and the configuration file decided, typed and checked. Built by
 * {@link CliConfigMapper}; nothing here is a raw string that still needs parsing.
 *
 * @param routing where mail goes
 * @param security TLS
 * @param auth credentials
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
 */
public record CliConfig(Routing routing, Security security, Auth auth, EnvelopeSpec envelope, Compose compose,
                        Output output, Queue queue, DkimOptions dkim, List<String> warnings,
                        List<String> ignoredFlags, Optional<String> account, MessagePolicy headers,
                        LogSettings log) {

    public CliConfig {
        warnings = List.copyOf(warnings);
        ignoredFlags = List.copyOf(ignoredFlags);
    }

    /**
     * @param smartHost relay everything through this host; empty for direct MX delivery
     * @param transport explicit transport provider name
     * @param resolver explicit resolver provider name
     * @param dnsServers DNS servers
     * @param mxPort port for every MX host
     * @param routes per-domain routes
     * @param heloName EHLO name
     * @param properties provider properties
     * @param timeout per-operation timeout
     * @param deadline total time
     * @param discoverSubmission {@code --server auto}: the smart hosts come from the sender domain's SRV records
     * @param fallbackHosts smart hosts tried in order after {@code smartHost} (a repeated {@code --server},
     *        {@code fallback_host})
     * @param rateLimit {@code --rate} or {@code rate_limit}: messages per destination host
     * @param connection {@code protocol}, {@code proxy_host}/{@code proxy_port} and {@code source_ip}
     * @param relayFromCommandLine the command line names the relay ({@code --server}, {@code --port}, msmtp's
     *        {@code --host=}/{@code --port=}): all mail goes there, other accounts' hosts are no sender routes
     */
    public record Routing(Optional<MailHost> smartHost, Optional<String> transport, Optional<String> resolver,
                          List<String> dnsServers, OptionalInt mxPort, Map<String, MailHost> routes,
                          Optional<String> heloName, Map<String, String> properties, Optional<Duration> timeout,
                          Duration deadline, boolean discoverSubmission, List<MailHost> fallbackHosts,
                          Optional<dev.sendmail.api.RateLimit> rateLimit,
                          dev.sendmail.config.NetworkKeys.Connection connection, boolean relayFromCommandLine) {
        public Routing {
            dnsServers = List.copyOf(dnsServers);
            fallbackHosts = List.copyOf(fallbackHosts);
            if (smartHost.isEmpty() && !fallbackHosts.isEmpty()) {
                throw new IllegalArgumentException("fallback hosts need a smart host");
            }
            routes = Map.copyOf(routes);
            properties = Map.copyOf(properties);
            if (discoverSubmission && smartHost.isPresent()) {
                throw new IllegalArgumentException("a smart host and SRV discovery exclude each other");
            }
        }

        public Routing(Optional<MailHost> smartHost, Optional<String> transport, Optional<String> resolver,
                       List<String> dnsServers, OptionalInt mxPort, Map<String, MailHost> routes,
                       Optional<String> heloName, Map<String, String> properties, Optional<Duration> timeout,
                       Duration deadline, boolean discoverSubmission, List<MailHost> fallbackHosts,
                       Optional<dev.sendmail.api.RateLimit> rateLimit,
                       dev.sendmail.config.NetworkKeys.Connection connection) {
            this(smartHost, transport, resolver, dnsServers, mxPort, routes, heloName, properties, timeout, deadline,
                    discoverSubmission, fallbackHosts, rateLimit, connection, false);
        }

        public Routing(Optional<MailHost> smartHost, Optional<String> transport, Optional<String> resolver,
                       List<String> dnsServers, OptionalInt mxPort, Map<String, MailHost> routes,
                       Optional<String> heloName, Map<String, String> properties, Optional<Duration> timeout,
                       Duration deadline, boolean discoverSubmission, List<MailHost> fallbackHosts) {
            this(smartHost, transport, resolver, dnsServers, mxPort, routes, heloName, properties, timeout, deadline,
                    discoverSubmission, fallbackHosts, Optional.empty(),
                    dev.sendmail.config.NetworkKeys.Connection.DEFAULT);
        }

        public Routing(Optional<MailHost> smartHost, Optional<String> transport, Optional<String> resolver,
                       List<String> dnsServers, OptionalInt mxPort, Map<String, MailHost> routes,
                       Optional<String> heloName, Map<String, String> properties, Optional<Duration> timeout,
                       Duration deadline, boolean discoverSubmission) {
            this(smartHost, transport, resolver, dnsServers, mxPort, routes, heloName, properties, timeout, deadline,
                    discoverSubmission, List.of());
        }

        public Routing(Optional<MailHost> smartHost, Optional<String> transport, Optional<String> resolver,
                       List<String> dnsServers, OptionalInt mxPort, Map<String, MailHost> routes,
                       Optional<String> heloName, Map<String, String> properties, Optional<Duration> timeout,
                       Duration deadline) {
            this(smartHost, transport, resolver, dnsServers, mxPort, routes, heloName, properties, timeout, deadline,
                    false);
        }

        /** The named smart hosts in the order they are tried: the first, then the fallbacks; empty for MX delivery. */
        public List<MailHost> smartHosts() {
            List<MailHost> all = new java.util.ArrayList<>();
            smartHost.ifPresent(all::add);
            all.addAll(fallbackHosts);
            return all;
        }

        /** True when mail goes through a smart host, named or found through SRV. */
        public boolean relays() {
            return smartHost.isPresent() || discoverSubmission;
        }
    }

    /**
     * @param tlsMode the mode, defaults applied
     * @param trust certificate checks
     * @param tlsModeChosen true when {@code --tls} or the configuration file named the mode (it then overrides
     *        the mode an SRV record implies)
     */
    public record Security(TlsMode tlsMode, TrustSettings trust, boolean tlsModeChosen) {

        public Security(TlsMode tlsMode, TrustSettings trust) {
            this(tlsMode, trust, true);
        }
    }

    /**
     * @param user the user name, when authenticating
     * @param password where the password comes from
     * @param mechanisms allowed SASL mechanisms, empty for any
     * @param oauth2 the account's OAuth 2 settings, when XOAUTH2 or OAUTHBEARER gets its token from them
     * @param userSetting where the user name was set, for warnings: {@code --user} or {@code user NAME in FILE line N}
     */
    public record Auth(Optional<String> user, Optional<PasswordSource> password, List<String> mechanisms,
                       Optional<dev.sendmail.oauth2.OAuth2Config> oauth2, String userSetting) {
        public Auth {
            mechanisms = List.copyOf(mechanisms);
        }

        public Auth(Optional<String> user, Optional<PasswordSource> password, List<String> mechanisms,
                    Optional<dev.sendmail.oauth2.OAuth2Config> oauth2) {
            this(user, password, mechanisms, oauth2, "--user");
        }

        public Auth(Optional<String> user, Optional<PasswordSource> password, List<String> mechanisms) {
            this(user, password, mechanisms, Optional.empty());
        }
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
     */
    public record Compose(Optional<String> subject, Optional<String> body, Optional<Path> bodyFile, Optional<Path> html,
                          List<Path> attachments, List<Map.Entry<String, String>> headers, List<String> replyTo,
                          Optional<java.net.URI> unsubscribe, Optional<java.net.URI> unsubscribeMailto) {
        public Compose {
            attachments = List.copyOf(attachments);
            headers = List.copyOf(headers);
            replyTo = List.copyOf(replyTo);
            if (unsubscribe.isEmpty() && unsubscribeMailto.isPresent()) {
                throw new IllegalArgumentException("a mailto unsubscribe URL needs the https one");
            }
        }

        public Compose(Optional<String> subject, Optional<String> body, Optional<Path> bodyFile, Optional<Path> html,
                       List<Path> attachments, List<Map.Entry<String, String>> headers, List<String> replyTo) {
            this(subject, body, bodyFile, html, attachments, headers, replyTo, Optional.empty(), Optional.empty());
        }

        static final Compose NONE = new Compose(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of(), List.of());

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
     * @return this configuration with another route (routing, TLS and authentication)
     */
    public CliConfig withRoute(Routing r, Security s, Auth a, Optional<String> accountName) {
        return new CliConfig(r, s, a, envelope, compose, output, queue, dkim, warnings, ignoredFlags, accountName,
                headers, log);
    }
}
