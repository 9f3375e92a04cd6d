package dev.sendmail.cli.config;

import dev.sendmail.api.AddressList;
import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Dsn;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Message;
import dev.sendmail.cli.options.CliOptions;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.EnvelopeSender;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.config.Account;
import dev.sendmail.config.Aliases;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.ConfigKey;
import dev.sendmail.config.DkimSettings;
import dev.sendmail.config.DomainRoutes;
import dev.sendmail.config.PasswordSource;
import dev.sendmail.config.RelayList;
import dev.sendmail.config.MessageSettings;
import dev.sendmail.config.ServerSettings;
import dev.sendmail.config.ServerSettingsBuilder;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * Maps parsed options and the selected configuration-file account to a {@link CliConfig}. Command-line options
 * override the file. Every value is checked here, once, with a one-line error.
 */
public final class CliConfigMapper {

    /** Options whose values end up in message headers or the envelope: a bad value is bad data (65). */
    private static final Set<String> DATA_OPTIONS = Set.of("from", "full-name", "to", "cc", "bcc", "subject",
            "header", "reply-to", "attach", "list-unsubscribe");

    /**
     * send-mail's options that set a configuration key under another name, in the order they are applied. Their
     * values go over the account's as msmtp's options do ({@link dev.sendmail.config.ConfigFile#choose(Optional,
     * Optional, List)}): checked as the file's (64), and named as the origin ({@code --tls=off}) in the warnings and
     * errors of the settings built from the account.
     */
    private static final List<Map.Entry<String, ConfigKey>> KEY_OPTIONS = List.of(Map.entry("port", ConfigKey.PORT),
            Map.entry("dns", ConfigKey.DNS), Map.entry("mx-port", ConfigKey.MX_PORT),
            Map.entry("helo", ConfigKey.DOMAIN), Map.entry("dnssec-anchor", ConfigKey.DNSSEC_ANCHOR),
            Map.entry("timeout", ConfigKey.TIMEOUT), Map.entry("transport", ConfigKey.TRANSPORT),
            Map.entry("resolver", ConfigKey.RESOLVER), Map.entry("rate", ConfigKey.RATE_LIMIT),
            Map.entry("tls", ConfigKey.TLS), Map.entry("cafile", ConfigKey.TLS_TRUST_FILE),
            Map.entry("tls-fingerprint", ConfigKey.TLS_FINGERPRINT), Map.entry("tls-cert", ConfigKey.TLS_CERT_FILE),
            Map.entry("tls-key", ConfigKey.TLS_KEY_FILE), Map.entry("tls-insecure", ConfigKey.TLS_CERTCHECK),
            Map.entry("queue-dir", ConfigKey.QUEUE_DIR), Map.entry("queue-bounce", ConfigKey.QUEUE_BOUNCE),
            Map.entry("queue-no-bounce", ConfigKey.QUEUE_BOUNCE), Map.entry("dkim-key", ConfigKey.DKIM_KEY),
            Map.entry("dkim-selector", ConfigKey.DKIM_SELECTOR), Map.entry("dkim-domain", ConfigKey.DKIM_DOMAIN),
            Map.entry("dkim-canon", ConfigKey.DKIM_CANON), Map.entry("full-name", ConfigKey.FROM_FULL_NAME));

    /** The options of {@link #KEY_OPTIONS} that name a file: 66 unless it can be read. */
    private static final Set<String> FILE_OPTIONS = Set.of("cafile", "tls-cert", "tls-key", "dnssec-anchor");

    /** The options of {@link #KEY_OPTIONS} that repeat (joined into the key's list); others take their first value. */
    private static final Set<String> LISTS = Set.of("dns", "dkim-key", "dkim-selector");

    /** Options that exclude each other, as the usage error names them. */
    private static final List<List<String>> EXCLUSIVE = List.of(List.of("--queue-bounce", "--queue-no-bounce"),
            List.of("--quiet", "--verbose"), List.of("-f", "--read-envelope-from"), List.of("--body", "--body-file"),
            List.of("--password-file", "--password-env", "--password-cmd"));

    /**
     * An option that refuses the command line with {@code line} (64) unless one of {@code oneOf} is given too, or an
     * option of {@link CliOptions#MODES} that wins over them: the command it is for does not run, and it is moot.
     */
    record Needs(String option, List<String> oneOf, String line) {

        boolean refuses(CommandLine cl) {
            int first = oneOf.stream().mapToInt(CliOptions.MODES::indexOf).min().orElseThrow();
            return cl.hasOption(option) && oneOf.stream().noneMatch(cl::hasOption)
                    && CliOptions.MODES.subList(0, Math.max(first, 0)).stream().noneMatch(cl::hasOption);
        }
    }

    /** The options that only work with another. */
    static final List<Needs> NEEDS = Stream.concat(Stream.of(
            new Needs("vrfy", List.of("verify"), "--vrfy needs --verify (or -bv)"),
            new Needs("tls-report-send", List.of("tls-report"), "--tls-report-send needs --tls-report DOMAIN"),
            new Needs("concurrency", List.of("batch"), "--concurrency needs --batch"),
            new Needs("open-browser", List.of("oauth2-login"), "--open-browser needs --oauth2-login"),
            new Needs("queue-reroute", List.of("queue-run", "queue-flush"),
                    "--queue-reroute is for a queue run (-q or --queue-flush)")),
            Stream.of("cc", "bcc", "header", "reply-to", "list-unsubscribe").map(o -> new Needs(o, CliOptions.COMPOSE,
                    "--" + o + " is for compose mode (with --subject, --body, --body-file, --html or --attach)")))
            .toList();

    /** The switches of {@link #KEY_OPTIONS}, with the value each sets. */
    private static final Map<String, String> SWITCHES = Map.of("tls-insecure", "off", "queue-bounce", "on",
            "queue-no-bounce", "off");

    private CliConfigMapper() {
    }

    public static CliConfig map(CommandLine cl, List<String> ignoredFlags, Account account, Environment env)
            throws CliException {
        checkValues(cl);
        for (List<String> options : EXCLUSIVE) {
            if (options.stream().filter(o -> cl.hasOption(o.replaceFirst("^--?", ""))).count() > 1) {
                int last = options.size() - 1;
                throw CliException.usage(last == 1 ? "give " + options.get(0) + " or " + options.get(1) + ", not both"
                        : "give only one of " + String.join(", ", options.subList(0, last)) + " and "
                        + options.get(last));
            }
        }
        for (Needs n : NEEDS) {
            if (n.refuses(cl)) {
                throw CliException.usage(n.line());
            }
        }
        Account settings = overrides(cl, account, env);
        List<String> warnings = new ArrayList<>();
        ServerSettings server = server(cl, settings, env, warnings);
        MessageSettings message = read(() -> MessageSettings.of(settings, env.user()));
        CliConfig.EnvelopeSpec envelope = envelope(cl, message);
        Optional<CliConfig.Compose> compose = compose(cl, envelope, env);
        CliConfig.Output output = new CliConfig.Output(cl.hasOption("verbose"), cl.hasOption("trace"),
                cl.hasOption("json"), cl.hasOption("quiet"), cl.hasOption("debug"));
        if (compose.isPresent() && envelope.readRecipients()) {
            throw CliException.usage("-t reads recipients from a complete message; it cannot be combined with compose mode");
        }
        if (message.queueDir().isEmpty() && (cl.hasOption("queue-run") || cl.hasOption("queue-flush")
                || cl.hasOption("queue-list"))) {
            throw CliException.usage("the queue commands need --queue-dir DIR (or queue_dir in the configuration)");
        }
        DkimSettings dkim = dkim(cl, settings, env);
        Optional<String> accountName = account == Account.EMPTY ? Optional.empty() : Optional.of(account.name());
        boolean relayGiven = cl.hasOption("server")
                || settings.origin(ConfigKey.HOST).filter(o -> o.startsWith("-")).isPresent()
                || settings.origin(ConfigKey.PORT).filter(o -> o.startsWith("-")).isPresent();
        return new CliConfig(server, envelope, compose, output, message, cl.hasOption("queue-reroute"), dkim, warnings,
                ignoredFlags, accountName, relayGiven);
    }

    /**
     * {@code account} with the values of the options of {@link #KEY_OPTIONS} over its own; the file an option names
     * is checked first. Unlike msmtp's options, a blank value is refused, not taken to unset the key; but for
     * {@code -F ''}, sendmail's "no full name", which unsets {@code from_full_name}.
     *
     * @throws CliException 66 for a file that cannot be read, 64 for a value the key refuses
     */
    private static Account overrides(CommandLine cl, Account account, Environment env) throws CliException {
        Account out = account;
        for (Map.Entry<String, ConfigKey> o : KEY_OPTIONS) {
            String name = o.getKey();
            if (cl.hasOption(name)) {
                String value = FILE_OPTIONS.contains(name) ? file(cl, name, env).orElseThrow().toString()
                        : SWITCHES.containsKey(name) ? SWITCHES.get(name)
                        : LISTS.contains(name) ? String.join(",", values(cl, name)) : cl.getOptionValue(name);
                String given = "--" + name + (SWITCHES.containsKey(name) ? "" : "=" + ControlCharacters.escape(value));
                if (value.isBlank() && !name.equals("full-name")) {
                    throw CliException.usage(given + ": a value is required"); // blank would unset the key
                }
                Account before = out;
                out = parse(given, () -> before.with(o.getValue(), value, given));
            }
        }
        return out;
    }

    private static void checkValues(CommandLine cl) throws CliException {
        for (Option o : cl.getOptions()) {
            String name = o.getLongOpt() != null ? o.getLongOpt() : o.getOpt();
            String[] values = o.getValues();
            if (values == null) {
                continue;
            }
            for (String v : values) {
                // --body may hold line breaks and tabs
                String t = name.equals("body") ? v.replace("\r\n", "").replace('\n', ' ').replace('\t', ' ') : v;
                int bad = ControlCharacters.indexOf(t);
                if (bad >= 0) {
                    throw new CliException(name.equals("body") || DATA_OPTIONS.contains(name) ? ExitCodes.DATA_ERROR
                            : ExitCodes.USAGE, "--" + name + " contains a control character (U+"
                            + String.format("%04X", (int) t.charAt(bad)) + "); nothing was sent");
                }
            }
        }
    }

    /**
     * The account's server settings with the command-line options put over them; {@code warnings} gets the
     * builder's, which name where a dangerous choice was made.
     */
    private static ServerSettings server(CommandLine cl, Account account, Environment env, List<String> warnings)
            throws CliException {
        ServerSettingsBuilder b = read(() -> ServerSettings.builder(account, env.user()));
        // several --server: tried in order; they replace the configuration's host and fallback_host lines
        List<String> servers = values(cl, "server");
        OptionalInt port = cl.hasOption("port") ? OptionalInt.of(MailHost.parsePort(cl.getOptionValue("port")))
                : OptionalInt.empty();
        RelayList relays = parse("--server", () -> RelayList.parse(servers));
        OptionalInt named = relays.hosts().size() == 1 ? relays.hosts().get(0).port() : OptionalInt.empty();
        if (port.isPresent() && named.isPresent() && named.getAsInt() != port.getAsInt()) {
            throw CliException.usage("--server " + ControlCharacters.escape(servers.get(0).strip()) + " names port "
                    + named.getAsInt() + " and --port " + port.getAsInt() + " another; give one");
        }
        relays.applyTo(b);
        b.routes(parse("--route", () -> DomainRoutes.parse(values(cl, "route"))));
        for (String s : values(cl, "set")) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("--set must be KEY=VALUE: " + s);
            }
            parse("--set", () -> b.property(s.substring(0, eq).strip(), s.substring(eq + 1)));
        }
        if (cl.hasOption("deadline")) {
            b.deadline(Duration.ofSeconds(parse("--deadline", () -> ConfigKey.seconds(cl.getOptionValue("deadline")))));
        }
        value(cl, "password-file").ifPresent(f -> b.password(new PasswordSource.FromFile(env.user().expand(f))));
        value(cl, "password-env").ifPresent(v -> b.password(new PasswordSource.FromEnvironment(v)));
        value(cl, "password-cmd").ifPresent(c -> b.password(new PasswordSource.FromCommand(c)));
        value(cl, "user").ifPresent(u -> b.user(u, "--user"));
        if (cl.hasOption("auth")) {
            List<String> auth = List.of(cl.getOptionValue("auth").split("[,\\s]+"));
            parse("--auth", () -> b.mechanisms(auth, "--auth=" + String.join(",", auth).toUpperCase(Locale.ROOT)));
        }
        ServerSettings s = read(b.warnings(w -> warnings.add("warning: " + w))::build);
        ServerSettings.Routing routing = s.routing();
        if (port.isPresent() && !routing.relays()) {
            throw CliException.usage("--port needs --server (for MX delivery use --mx-port)");
        }
        return s;
    }

    /**
     * The envelope: the sender by {@link EnvelopeSender#choose} ({@code -f}, {@code --read-envelope-from}, the
     * account's {@code from} and its lock); the recipients, local names replaced by the account's aliases; DSN
     * options over the account's.
     */
    private static CliConfig.EnvelopeSpec envelope(CommandLine cl, MessageSettings account)
            throws CliException {
        Optional<String> f = value(cl, "from");
        boolean fromMessage = cl.hasOption("read-envelope-from");
        EnvelopeSender sender = parse("-f: ", () -> EnvelopeSender.choose(f, fromMessage, account), ExitCodes.DATA_ERROR);
        Aliases aliases = account.aliases();
        AddressList to = addresses("recipient", cl.getArgList(), aliases).and(addresses("--to", values(cl, "to"), aliases));
        AddressList cc = addresses("--cc", values(cl, "cc"), aliases);
        // -N, -R and -V (msmtp: --dsn-notify, --dsn-return) over the account's dsn_notify and dsn_return, one at a
        // time, so that a bad value's line names its option
        Optional<String> none = Optional.empty();
        Dsn notify = parse("-N/--dsn-notify", () -> account.dsn().with(value(cl, "dsn-notify"), none, none));
        Dsn ret = parse("-R/--dsn-return", () -> notify.with(none, value(cl, "dsn-return"), none));
        Dsn dsn = parse("-V/--envid", () -> ret.with(none, none, value(cl, "envid")));
        DeliveryOptions options = DeliveryOptions.DEFAULT.withDsn(dsn).withRequireTls(cl.hasOption("require-tls"));
        return new CliConfig.EnvelopeSpec(sender, cl.hasOption("read-recipients"), cl.hasOption("ignore-dots"), to,
                cc, addresses("--bcc", values(cl, "bcc"), aliases), options);
    }

    /**
     * Compose mode: the options mapped onto {@link Message#builder()}, which checks every value now, before anything
     * is read (65 for a value a message cannot carry, naming its option; 64 for a field send-mail writes itself or
     * an unsubscribe URL that cannot be one-click). Empty without a compose option.
     */
    private static Optional<CliConfig.Compose> compose(CommandLine cl, CliConfig.EnvelopeSpec e, Environment env)
            throws CliException {
        if (CliOptions.COMPOSE.stream().noneMatch(cl::hasOption)) {
            return Optional.empty();
        }
        if (cl.hasOption("read-envelope-from")) {
            throw CliException.usage("--read-envelope-from reads a complete message; it cannot be combined with "
                    + "compose mode");
        }
        Message.Builder b = Message.builder().clock(env.clock());
        Map<Mailbox, String> names = e.to().and(e.cc()).displayNames(); // a Cc without one gets the To's
        e.to().mailboxes().forEach(m -> b.to(m, names.get(m)));
        e.cc().mailboxes().forEach(m -> b.cc(m, names.get(m)));
        e.bcc().mailboxes().forEach(m -> b.bcc(m.address()));
        addresses("--reply-to", values(cl, "reply-to"), Aliases.NONE); // its own messages, which name the option
        parse("--reply-to: ", () -> b.replyTo(values(cl, "reply-to").toArray(String[]::new)), ExitCodes.DATA_ERROR);
        parse("--subject: ", () -> b.subject(value(cl, "subject").orElse("")), ExitCodes.DATA_ERROR);
        for (String h : values(cl, "header")) {
            String name = h.substring(0, Math.max(h.indexOf(':'), 0));
            if (Message.isWrittenByBuilder(name)) {
                throw CliException.usage("--header " + name.strip() + ": send-mail writes this field itself"
                        + (name.strip().equalsIgnoreCase("bcc") ? " (use --bcc)" : ""));
            }
            parse("--header: ", () -> b.header(h), ExitCodes.DATA_ERROR);
        }
        List<String> unsubscribe = values(cl, "list-unsubscribe");
        if (!unsubscribe.isEmpty()) {
            // a URL that cannot be one-click is a bad option value
            parse("--list-unsubscribe: ", () -> b.listUnsubscribe(unsubscribe), ExitCodes.USAGE);
        }
        value(cl, "body").ifPresent(b::text);
        Optional<Path> bodyFile = file(cl, "body-file", env);
        Optional<Path> html = file(cl, "html", env);
        if (bodyFile.isPresent() && (html.isEmpty() || bodyFile.get().toFile().length() > 0)) {
            body("--body-file " + bodyFile.get(), () -> b.text(bodyFile.get()));
        }
        if (html.isPresent()) {
            body("--html " + html.get(), () -> b.html(html.get()));
        }
        for (String a : values(cl, "attach")) {
            Path p = readable("--attach", env.user().expand(a));
            parse("--attach: ", () -> b.attach(p), ExitCodes.DATA_ERROR);
        }
        return Optional.of(new CliConfig.Compose(b, value(cl, "body").isEmpty() && bodyFile.isEmpty(),
                html.isPresent()));
    }

    /**
     * The DKIM keys of the account ({@code --dkim-*} over its {@code dkim_*}), read here: a bad key stops the run
     * before any message is read (64 for values that do not fit, 66 for a key file that is not there, 78 for an
     * unusable key).
     */
    private static DkimSettings dkim(CommandLine cl, Account account, Environment env) throws CliException {
        if (cl.hasOption("dkim-record") && account.get(ConfigKey.DKIM_KEY).isEmpty()) {
            // --dkim-record FILE names the key; a selector and a domain say where to publish it
            return DkimSettings.publishing(account);
        }
        return read(() -> DkimSettings.of(account, env.user()));
    }

    /** The file option {@code name} names, {@code ~} expanded; 66 when it is no file that can be read. */
    private static Optional<Path> file(CommandLine cl, String name, Environment env) throws CliException {
        Optional<Path> p = value(cl, name).map(env.user()::expand);
        if (p.isPresent()) {
            readable("--" + name, p.get());
        }
        return p;
    }

    private static Path readable(String what, Path p) throws CliException {
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw CliException.noInput(what + ": cannot read " + p + (Files.exists(p) ? "" : ": no such file"));
        }
        return p;
    }

    /** The mailboxes of address lists, local names replaced by their aliases, with their display names; 65 when bad. */
    private static AddressList addresses(String what, List<String> texts, Aliases aliases) throws CliException {
        return parse("", () -> AddressList.parse(what, texts, aliases::addresses), ExitCodes.DATA_ERROR);
    }

    /** Reads a body file into the message: 65 when it is not UTF-8, 74 when it cannot be read. */
    private static void body(String what, Runnable r) throws CliException {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            throw CliException.data(what + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCodes.IO_ERROR, what + ": " + e.getCause().getMessage(), e);
        }
    }

    private static Optional<String> value(CommandLine cl, String name) {
        return Optional.ofNullable(cl.getOptionValue(name));
    }

    private static List<String> values(CommandLine cl, String name) {
        String[] v = cl.getOptionValues(name);
        return v == null ? List.of() : List.of(v);
    }

    /** A parser (IllegalArgumentException for a bad value) or a read of the configuration (ConfigException). */
    private interface Parse<T> {
        T get() throws ConfigException;
    }

    /** Reads settings: values given on the command line that do not fit together are a usage error. */
    private static <T> T read(Parse<T> p) throws CliException {
        return parse("", p, ExitCodes.USAGE);
    }

    /** Runs a parser whose IllegalArgumentException is a usage error, its message after {@code what}. */
    private static <T> T parse(String what, Parse<T> p) throws CliException {
        return parse(what + ": ", p, ExitCodes.USAGE);
    }

    /**
     * Runs a parser: an IllegalArgumentException is its message after {@code prefix}, with exit code {@code code}; a
     * ConfigException keeps its own code ({@link CliException#of}).
     */
    private static <T> T parse(String prefix, Parse<T> p, int code) throws CliException {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw new CliException(code, prefix + e.getMessage());
        } catch (ConfigException e) {
            throw CliException.of(e);
        }
    }
}
