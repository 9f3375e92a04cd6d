package dev.sendmail.config;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.dkim.Canonicalization;
import dev.sendmail.dkim.DkimException;
import dev.sendmail.dkim.DkimKey;
import dev.sendmail.dkim.DkimSigner;
import dev.sendmail.dmarc.SenderCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DKIM signing as an account sets it up ({@code dkim_key}, {@code dkim_selector}, {@code dkim_domain},
 * {@code dkim_canon}): the keys, read and checked, with one selector each. Several keys add several signatures,
 * for example one RSA and one Ed25519. Immutable.
 *
 * @param keys the keys
 * @param selectors one selector per key, in the same order
 * @param domain the signing domain; empty means the From address's domain
 * @param headerCanon the header canonicalization
 * @param bodyCanon the body canonicalization
 */
public record DkimSettings(List<DkimKey> keys, List<String> selectors, Optional<String> domain,
                           Canonicalization headerCanon, Canonicalization bodyCanon) {

    /** No signing. */
    public static final DkimSettings NONE = new DkimSettings(List.of(), List.of(), Optional.empty(),
            Canonicalization.RELAXED, Canonicalization.RELAXED);

    /**
     * Copies the lists.
     *
     * @param keys the keys
     * @param selectors one selector per key
     * @param domain the signing domain
     * @param headerCanon the header canonicalization
     * @param bodyCanon the body canonicalization
     */
    public DkimSettings {
        keys = List.copyOf(keys);
        selectors = List.copyOf(selectors);
    }

    /** @return true when there is a key to sign with */
    public boolean enabled() {
        return !keys.isEmpty();
    }

    /**
     * The DKIM settings of {@code account}. Values given elsewhere, such as command-line options, go over the file's
     * as keys ({@link Account#with}); the lists of {@code dkim_key} and {@code dkim_selector} are separated by
     * commas.
     *
     * @param account the account
     * @param env expands {@code ~} in the key files' names
     * @return the settings; {@link #NONE} without {@code dkim_key}
     * @throws IllegalArgumentException as {@link #of(List, List, Optional, Optional)}: keys and selectors that do not
     *         pair up, a bad selector, domain or canonicalization
     * @throws ConfigException as {@link #of(List, List, Optional, Optional)}: a key file that is missing
     *         ({@link ConfigException.Reason#MISSING}) or unusable
     */
    public static DkimSettings of(Account account, UserEnvironment env) throws ConfigException {
        return of(items(account, ConfigKey.DKIM_KEY).stream().map(env::expand).toList(),
                items(account, ConfigKey.DKIM_SELECTOR), domain(account), account.get(ConfigKey.DKIM_CANON));
    }

    /**
     * Where the DNS record of a key that does not sign is to be published (a key file given only to print its
     * record): the account's {@code dkim_selector} and {@code dkim_domain}. Reads no key.
     *
     * @param account the account
     * @return settings without keys ({@link #enabled()} is false), relaxed/relaxed
     */
    public static DkimSettings publishing(Account account) {
        return new DkimSettings(List.of(), items(account, ConfigKey.DKIM_SELECTOR), domain(account),
                Canonicalization.RELAXED, Canonicalization.RELAXED);
    }

    private static Optional<String> domain(Account account) {
        return account.get(ConfigKey.DKIM_DOMAIN).map(String::strip);
    }

    private static List<String> items(Account account, ConfigKey key) {
        return account.get(key).map(v -> List.of(v.strip().split("\\s*,\\s*"))).orElse(List.of());
    }

    /**
     * Reads the keys and checks the selectors, the domain and the canonicalization.
     *
     * @param keyFiles the key files (PEM; RSA or Ed25519)
     * @param selectors one selector per key file
     * @param domain the signing domain; empty for the From address's
     * @param canon {@code HEADER/BODY} ({@code relaxed/simple}), or one name for the header (the body is then
     *        simple); empty for relaxed/relaxed
     * @return the settings; {@link #NONE} without key files
     * @throws IllegalArgumentException for selectors that do not pair up with the keys, a bad selector, domain or
     *         canonicalization
     * @throws ConfigException for a key file that is missing or cannot be read ({@link ConfigException.Reason#MISSING}),
     *         is readable by others or holds no usable key ({@link ConfigException.Reason#INVALID})
     */
    public static DkimSettings of(List<Path> keyFiles, List<String> selectors, Optional<String> domain,
                                  Optional<String> canon) throws ConfigException {
        if (keyFiles.isEmpty()) {
            if (!selectors.isEmpty() || domain.isPresent()) {
                throw new IllegalArgumentException("DKIM selectors and a signing domain (dkim_selector, dkim_domain) need "
                        + "key files (dkim_key)");
            }
            return NONE;
        }
        if (selectors.size() != keyFiles.size()) {
            throw new IllegalArgumentException("give one --dkim-selector per --dkim-key (" + keyFiles.size()
                    + " key(s), " + selectors.size() + " selector(s))");
        }
        Canonicalization header = Canonicalization.RELAXED;
        Canonicalization body = Canonicalization.RELAXED;
        if (canon.isPresent()) {
            String[] parts = canon.get().strip().split("/", -1);
            try {
                header = Canonicalization.parse(parts[0]);
                body = parts.length > 1 ? Canonicalization.parse(parts[1]) : Canonicalization.SIMPLE;
                if (parts.length > 2) {
                    throw new IllegalArgumentException("give HEADER/BODY, such as relaxed/simple");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--dkim-canon: " + e.getMessage(), e);
            }
        }
        List<DkimKey> keys = new ArrayList<>();
        for (Path f : keyFiles) {
            keys.add(readKey(f));
        }
        DkimSettings s = new DkimSettings(keys, selectors, domain.map(String::strip), header, body);
        try {
            // checks the selector and domain syntax now, with a placeholder domain when it comes from From
            s.signer(s.domain.orElse("example.org"), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--dkim: " + e.getMessage(), e);
        }
        return s;
    }

    /**
     * Reads a DKIM private key file.
     *
     * @param file the file
     * @return the key
     * @throws ConfigException {@link ConfigException.Reason#MISSING} when the file is not there or cannot be read,
     *         {@link ConfigException.Reason#INVALID} when others can read it or it holds no usable key; one line
     */
    public static DkimKey readKey(Path file) throws ConfigException {
        if (!Files.exists(file)) {
            throw new ConfigException(ConfigException.Reason.MISSING, "DKIM key " + file + " does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException(ConfigException.Reason.MISSING,
                    "cannot read DKIM key " + file + " (not a readable file)");
        }
        try {
            return DkimKey.read(file);
        } catch (DkimException e) {
            throw new ConfigException(ConfigException.Reason.INVALID, e.getMessage());
        }
    }

    /**
     * The key, selector and signing domain of each signature on mail from {@code from}: what
     * {@link SenderCheck#check} compares with the published key records.
     *
     * @param from the From address, whose domain signs when no domain is set
     * @return one setup per key; empty without keys
     */
    public List<SenderCheck.DkimSetup> setups(Mailbox from) {
        String d = domain.orElse(from.domain());
        List<SenderCheck.DkimSetup> out = new ArrayList<>();
        for (int i = 0; i < keys.size() && i < selectors.size(); i++) {
            out.add(new SenderCheck.DkimSetup(d, selectors.get(i), keys.get(i)));
        }
        return out;
    }

    /**
     * The domain that signs ({@code d=}) and under which the key records are published: the configured domain, else
     * the domain of {@code from} (an address literal has none).
     *
     * @param from the From address, or for a check without a message the envelope sender
     * @return the domain; empty when there is neither
     */
    public Optional<String> signingDomain(Optional<Mailbox> from) {
        return domain.or(() -> from.filter(m -> !m.isAddressLiteral()).map(Mailbox::domain));
    }

    /**
     * @param from the message's From address, whose domain signs when no domain is set
     * @param clock the signature's time
     * @return one signer adding a signature per key
     * @throws DkimException starting with "DKIM" when there is no domain, or the domain is not one DKIM takes
     */
    public DkimSigner signer(Optional<Mailbox> from, Clock clock) throws DkimException {
        Optional<String> d = signingDomain(from);
        if (d.isEmpty()) {
            throw new DkimException("DKIM: no --dkim-domain and no From address to take the domain from");
        }
        try {
            return signer(d.get(), clock);
        } catch (IllegalArgumentException e) {
            throw new DkimException("DKIM: " + e.getMessage());
        }
    }

    /**
     * Signs a message whose From address is {@code from}, streaming: the result holds the new fields and reads the
     * rest from {@code content}.
     *
     * @param content the message
     * @param from its From address
     * @param clock the signature's time
     * @return the signed message
     * @throws DkimException with one line starting with "DKIM" when the message cannot be signed (no domain, no
     *         single From field, a header section over the bound)
     * @throws IOException when the content cannot be read
     */
    public MessageContent sign(MessageContent content, Optional<Mailbox> from, Clock clock) throws IOException {
        DkimSigner s = signer(from, clock);
        try {
            return s.sign(content);
        } catch (DkimException e) {
            throw e.getMessage().startsWith("DKIM") ? e : new DkimException("DKIM: " + e.getMessage());
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
}
