package dev.sendmail.cli.config;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.dkim.Canonicalization;
import dev.sendmail.dkim.DkimException;
import dev.sendmail.dkim.DkimKey;
import dev.sendmail.dkim.DkimSigner;
import dev.sendmail.config.Account;
import dev.sendmail.config.ConfigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;

/**
 * DKIM signing from {@code --dkim-key FILE --dkim-selector NAME [--dkim-domain DOMAIN]} or the configuration keys
 * {@code dkim_key}, {@code dkim_selector}, {@code dkim_domain}. Several keys (one selector each, in the same
 * order) add several signatures, for example one RSA and one Ed25519. Keys are read when the options are mapped,
 * so a bad key stops the run (78) before any message is read.
 *
 * @param keys the keys, read and checked
 * @param selectors one selector per key
 * @param domain the signing domain; empty means the From address's domain
 * @param headerCanon the header canonicalization (relaxed unless {@code --dkim-canon} says otherwise)
 * @param bodyCanon the body canonicalization
 */
public record DkimOptions(List<DkimKey> keys, List<String> selectors, Optional<String> domain,
                          Canonicalization headerCanon, Canonicalization bodyCanon) {

    public static final DkimOptions NONE = new DkimOptions(List.of(), List.of(), Optional.empty(),
            Canonicalization.RELAXED, Canonicalization.RELAXED);

    public DkimOptions {
        keys = List.copyOf(keys);
        selectors = List.copyOf(selectors);
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    static DkimOptions map(CommandLine cl, Account account, Environment env) throws CliException {
        List<String> keyFiles = list(cl, "dkim-key", account.get(ConfigKey.DKIM_KEY));
        List<String> selectors = list(cl, "dkim-selector", account.get(ConfigKey.DKIM_SELECTOR));
        Optional<String> domain = Optional.ofNullable(cl.getOptionValue("dkim-domain"))
                .or(() -> account.get(ConfigKey.DKIM_DOMAIN)).map(String::strip);
        if (keyFiles.isEmpty()) {
            if (cl.hasOption("dkim-record")) {
                return new DkimOptions(List.of(), selectors, domain, Canonicalization.RELAXED,
                        Canonicalization.RELAXED);
            }
            if (!selectors.isEmpty() || domain.isPresent()) {
                throw CliException.usage("--dkim-selector and --dkim-domain need --dkim-key (or dkim_key)");
            }
            return NONE;
        }
        if (selectors.size() != keyFiles.size()) {
            throw CliException.usage("give one --dkim-selector per --dkim-key (" + keyFiles.size() + " key(s), "
                    + selectors.size() + " selector(s))");
        }
        Canonicalization[] canon = {Canonicalization.RELAXED, Canonicalization.RELAXED};
        Optional<String> c = Optional.ofNullable(cl.getOptionValue("dkim-canon")).or(() -> account.get(ConfigKey.DKIM_CANON));
        if (c.isPresent()) {
            String[] parts = c.get().strip().split("/", -1);
            try {
                canon[0] = Canonicalization.parse(parts[0]);
                canon[1] = parts.length > 1 ? Canonicalization.parse(parts[1]) : Canonicalization.SIMPLE;
                if (parts.length > 2) {
                    throw new IllegalArgumentException("give HEADER/BODY, such as relaxed/simple");
                }
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--dkim-canon: " + e.getMessage());
            }
        }
        List<DkimKey> keys = new ArrayList<>();
        for (String f : keyFiles) {
            keys.add(readKey(env.expand(f)));
        }
        DkimOptions o = new DkimOptions(keys, selectors, domain, canon[0], canon[1]);
        try {
            // checks the selector and domain syntax now, with a placeholder domain when it comes from From
            o.signer(domain.orElse("example.org"), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--dkim: " + e.getMessage());
        }
        return o;
    }

    /** Reads a key file named on the command line ({@code ~} expanded); problems are configuration errors (78). */
    public static DkimKey readKey(Environment env, String file) throws CliException {
        return readKey(env.expand(file));
    }

    /**
     * Reads a key file: a file that is not there or cannot be read is no input (66), like every file named by an
     * option; any other problem (readable by others, not a usable key) is a configuration error (78); one line.
     */
    static DkimKey readKey(Path file) throws CliException {
        if (!Files.exists(file)) {
            throw CliException.noInput("DKIM key " + file + " does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.noInput("cannot read DKIM key " + file + " (not a readable file)");
        }
        try {
            return DkimKey.read(file);
        } catch (DkimException e) {
            throw CliException.config(e.getMessage());
        }
    }

    /** The signer for a message whose From address is {@code from}. */
    public DkimSigner signer(Optional<Mailbox> from, Clock clock) throws CliException {
        Optional<String> d = domain.or(() -> from.filter(m -> !m.isAddressLiteral()).map(Mailbox::domain));
        if (d.isEmpty()) {
            throw CliException.data("DKIM: no --dkim-domain and no From address to take the domain from");
        }
        try {
            return signer(d.get(), clock);
        } catch (IllegalArgumentException e) {
            throw CliException.data("DKIM: " + e.getMessage());
        }
    }

    /**
     * Signs a message whose From address is {@code from}, streaming: the result holds the new fields and reads the
     * rest from {@code content}. The single send and {@code --batch} both sign through here.
     *
     * @throws CliException 65 with one line starting with "DKIM" when the message cannot be signed (no domain,
     *         no single From field, a header section over the bound)
     * @throws IOException when the content cannot be read
     */
    public MessageContent sign(MessageContent content, Optional<Mailbox> from, Clock clock)
            throws CliException, IOException {
        DkimSigner s = signer(from, clock);
        try {
            return s.sign(content);
        } catch (DkimException e) {
            throw CliException.data(e.getMessage().startsWith("DKIM") ? e.getMessage() : "DKIM: " + e.getMessage());
        }
    }

    private DkimSigner signer(String d, Clock clock) {
        DkimSigner all = null;
        for (int i = 0; i < keys.size(); i++) {
            DkimSigner one = DkimSigner.builder(keys.get(i), selectors.get(i), d).clock(clock)
                    .canonicalization(headerCanon, bodyCanon).build();
            all = all == null ? one : all.and(one);
        }
        return all;
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
