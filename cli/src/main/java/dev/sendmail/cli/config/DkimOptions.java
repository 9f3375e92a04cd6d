package dev.sendmail.cli.config;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.Account;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.ConfigKey;
import dev.sendmail.config.DkimSettings;
import dev.sendmail.dkim.Canonicalization;
import dev.sendmail.dkim.DkimException;
import dev.sendmail.dkim.DkimKey;
import dev.sendmail.dkim.DkimSigner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;

/**
 * DKIM signing from {@code --dkim-key FILE --dkim-selector NAME [--dkim-domain DOMAIN] [--dkim-canon H/B]} over the
 * configuration keys {@code dkim_key}, {@code dkim_selector}, {@code dkim_domain}, {@code dkim_canon}
 * ({@link DkimSettings} reads and checks them). Keys are read when the options are mapped, so a bad key stops the
 * run before any message is read. Failures become the CLI's exit codes: 64 for options that do not fit, 66 for a
 * key file that is not there, 78 for an unusable key, 65 for a message that cannot be signed.
 *
 * @param settings the keys, selectors, domain and canonicalization
 */
public record DkimOptions(DkimSettings settings) {

    public boolean enabled() {
        return settings.enabled();
    }

    public List<DkimKey> keys() {
        return settings.keys();
    }

    public List<String> selectors() {
        return settings.selectors();
    }

    public Optional<String> domain() {
        return settings.domain();
    }

    static DkimOptions map(CommandLine cl, Account account, Environment env) throws CliException {
        List<String> keyFiles = list(cl, "dkim-key", account.get(ConfigKey.DKIM_KEY));
        List<String> selectors = list(cl, "dkim-selector", account.get(ConfigKey.DKIM_SELECTOR));
        Optional<String> domain = Optional.ofNullable(cl.getOptionValue("dkim-domain"))
                .or(() -> account.get(ConfigKey.DKIM_DOMAIN)).map(String::strip);
        if (keyFiles.isEmpty() && cl.hasOption("dkim-record")) {
            return new DkimOptions(new DkimSettings(List.of(), selectors, domain, Canonicalization.RELAXED,
                    Canonicalization.RELAXED));
        }
        List<Path> files = keyFiles.stream().map(env::expand).toList();
        Optional<String> canon = Optional.ofNullable(cl.getOptionValue("dkim-canon"))
                .or(() -> account.get(ConfigKey.DKIM_CANON));
        try {
            return new DkimOptions(DkimSettings.of(files, selectors, domain, canon));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        } catch (ConfigException e) {
            throw CliException.of(e);
        }
    }

    /** Reads a key file named on the command line ({@code ~} expanded): 66 when it is not there, else 78. */
    public static DkimKey readKey(Environment env, String file) throws CliException {
        try {
            return DkimSettings.readKey(env.expand(file));
        } catch (ConfigException e) {
            throw CliException.of(e);
        }
    }

    /** The signer for a message whose From address is {@code from}; 65 when there is no domain to sign for. */
    public DkimSigner signer(Optional<Mailbox> from, Clock clock) throws CliException {
        try {
            return settings.signer(from, clock);
        } catch (DkimException e) {
            throw CliException.data(e.getMessage());
        }
    }

    /**
     * Signs a message whose From address is {@code from}, streaming. The single send and {@code --batch} both sign
     * through here.
     *
     * @throws CliException 65 with one line starting with "DKIM" when the message cannot be signed
     * @throws IOException when the content cannot be read
     */
    public MessageContent sign(MessageContent content, Optional<Mailbox> from, Clock clock)
            throws CliException, IOException {
        try {
            return settings.sign(content, from, clock);
        } catch (DkimException e) {
            throw CliException.data(e.getMessage());
        }
    }

    private static List<String> list(CommandLine cl, String option, Optional<String> configured) {
        String[] given = cl.getOptionValues(option);
        if (given != null) {
            List<String> out = new ArrayList<>();
            for (String g : given) {
                out.add(g.strip());
            }
            return out;
        }
        return configured.map(v -> List.of(v.strip().split("\\s*,\\s*"))).orElse(List.of());
    }
}
