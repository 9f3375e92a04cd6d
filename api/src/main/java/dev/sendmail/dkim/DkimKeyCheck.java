package dev.sendmail.dkim;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.internal.Json;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.TxtAnswer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the DKIM key record published for a selector is the public half of a signing key: the record at
 * {@code SELECTOR._domainkey.DOMAIN} is looked up with {@link Resolver#txt}, parsed with {@link DkimKeyRecord},
 * and its {@code k=} and {@code p=} compared with the key. A verdict, not an exception: a missing, revoked or
 * different key is an answer the caller shows.
 *
 * @param name the name looked up, such as {@code sel._domainkey.example.org}
 * @param outcome what was found
 * @param detail one line that says what was found and, unless it matches, what to publish
 */
public record DkimKeyCheck(String name, Outcome outcome, String detail) {

    /** What the published record says about the key. */
    public enum Outcome {
        /** The record publishes this key for e-mail and SHA-256. */
        MATCH,
        /** No record: the name does not exist, has no TXT record, or none of its TXT records is a key record. */
        MISSING,
        /** The record has an empty {@code p=}: the key was revoked. */
        REVOKED,
        /** The record's {@code k=} is not this key's type. */
        KEY_TYPE_MISMATCH,
        /** The record's {@code p=} is another key. */
        KEY_MISMATCH,
        /**
         * The record cannot be used: it breaks the syntax, there are several, or it excludes e-mail or SHA-256.
         */
        INVALID
    }

    /**
     * Checks the components.
     *
     * @param name the name looked up
     * @param outcome what was found
     * @param detail one line
     */
    public DkimKeyCheck {
        if (name == null || outcome == null || detail == null) {
            throw new IllegalArgumentException("a DKIM key check needs a name, an outcome and a detail");
        }
    }

    /**
     * Looks the record up and judges it.
     *
     * @param resolver answers the TXT lookup
     * @param key the signing key
     * @param selector the {@code s=} selector
     * @param domain the {@code d=} domain, in A-labels
     * @return the verdict
     * @throws ResolutionFailedException when the lookup failed (temporary, or a resolver without TXT lookups);
     *         a missing record is {@link Outcome#MISSING}, not a failure
     * @throws IllegalArgumentException when the selector or domain is not a valid DNS name
     */
    public static DkimKeyCheck check(Resolver resolver, DkimKey key, String selector, String domain)
            throws ResolutionFailedException {
        String name = DkimSigner.Builder.checkName(selector, "selector") + "._domainkey."
                + DkimSigner.Builder.checkName(domain, "domain");
        return judge(name.toLowerCase(Locale.ROOT), key, resolver.txt(name));
    }

    /**
     * Judges what a TXT lookup gave, without looking anything up.
     *
     * @param name the name looked up
     * @param key the signing key
     * @param answer the TXT records of {@code name}
     * @return the verdict
     */
    public static DkimKeyCheck judge(String name, DkimKey key, TxtAnswer answer) {
        String publish = "publish \"" + key.dnsRecord() + "\"";
        switch (answer.status()) {
            case NO_SUCH_NAME -> {
                return new DkimKeyCheck(name, Outcome.MISSING, "no such name (NXDOMAIN); " + publish);
            }
            case NO_DATA -> {
                return new DkimKeyCheck(name, Outcome.MISSING, "no TXT record; " + publish);
            }
            default -> {
                // FOUND: judged below
            }
        }
        List<String> records = answer.records();
        if (records.size() > 1) {
            List<String> keys = new ArrayList<>();
            for (String r : records) {
                if (looksLikeKey(r)) {
                    keys.add(r);
                }
            }
            if (keys.isEmpty()) {
                return new DkimKeyCheck(name, Outcome.MISSING, "none of the " + records.size()
                        + " TXT records is a DKIM key record; " + publish);
            }
            if (keys.size() > 1) {
                return new DkimKeyCheck(name, Outcome.INVALID, keys.size() + " DKIM key records (verifiers need "
                        + "exactly one, RFC 6376 section 3.6.2.2); keep one: " + publish);
            }
            records = keys;
        }
        DkimKeyRecord r;
        try {
            r = DkimKeyRecord.parse(records.get(0));
        } catch (DkimException e) {
            return new DkimKeyCheck(name, Outcome.INVALID,
                    ControlCharacters.oneLine(e.getMessage()) + "; " + publish);
        }
        if (r.revoked()) {
            return new DkimKeyCheck(name, Outcome.REVOKED, "the key was revoked (empty p=); to sign with this key, "
                    + publish);
        }
        String type = key.algorithm().keyType();
        if (!r.keyType().equals(type)) {
            return new DkimKeyCheck(name, Outcome.KEY_TYPE_MISMATCH, "the record says k="
                    + ControlCharacters.oneLine(r.keyType()) + " but the key is " + type + "; " + publish);
        }
        if (!samePublicKey(key, r.publicKeyOctets())) {
            return new DkimKeyCheck(name, Outcome.KEY_MISMATCH, "p= is not the public half of this " + type
                    + " key; " + publish);
        }
        if (!r.allowsSha256()) {
            return new DkimKeyCheck(name, Outcome.INVALID, "h=" + String.join(":", r.hashAlgorithms())
                    + " does not allow sha256, which the signatures use; remove h=");
        }
        if (!r.allowsEmail()) {
            return new DkimKeyCheck(name, Outcome.INVALID, "s=" + String.join(":", r.serviceTypes())
                    + " does not include email; remove s=");
        }
        return new DkimKeyCheck(name, Outcome.MATCH, "publishes this " + type + " key"
                + (type.equals("rsa") ? " (" + key.bits() + " bits)" : "")
                + (r.testing() ? "; t=y: receivers treat the domain as testing DKIM" : ""));
    }

    /**
     * Whether the record publishes the key.
     *
     * @return true for {@link Outcome#MATCH}
     */
    public boolean matches() {
        return outcome == Outcome.MATCH;
    }

    /** {@code sel._domainkey.example.org: MATCH: publishes this ed25519 key}, one line. */
    @Override
    public String toString() {
        return name + ": " + outcome + ": " + detail;
    }

    /**
     * The verdict for a person, as {@code send-mail --probe} prints it:
     * {@code dkim sel._domainkey.example.org: MATCH: publishes this ed25519 key}, control characters made spaces.
     *
     * @return the line
     */
    public String text() {
        return ControlCharacters.oneLine("dkim " + this);
    }

    /**
     * The verdict for programs: one JSON object with the fields {@code dkim} (the name looked up), {@code outcome}
     * ({@link Outcome} in lower case) and {@code detail}.
     *
     * @return the object, without line breaks
     */
    public String json() {
        return new Json().field("dkim", name).field("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .field("detail", detail).toString();
    }

    /**
     * A key record that could not be checked, for a person: {@code dkim NAME: not checked: WHY}, on one line.
     *
     * @param name the name that was to be looked up, or what was to be checked
     * @param why why not, such as a failed lookup's message
     * @return the line
     */
    public static String notCheckedText(String name, String why) {
        return ControlCharacters.oneLine("dkim " + name + ": not checked: " + why);
    }

    /**
     * A key record that could not be checked, for programs: one JSON object with the fields {@code dkim} and
     * {@code error}.
     *
     * @param name the name that was to be looked up, or what was to be checked
     * @param why why not
     * @return the object, without line breaks
     */
    public static String notCheckedJson(String name, String why) {
        return new Json().field("dkim", name).field("error", why).toString();
    }

    private static boolean looksLikeKey(String record) {
        String r = record.stripLeading();
        return r.startsWith("v=DKIM1") || r.startsWith("p=") || r.contains(";p=") || r.contains("; p=")
                || r.startsWith("k=");
    }

    /** Ed25519: the 32 octets (RFC 8463 section 4). RSA: a SubjectPublicKeyInfo with the same modulus and exponent. */
    private static boolean samePublicKey(DkimKey key, byte[] published) {
        if (key.algorithm() == DkimAlgorithm.ED25519_SHA256) {
            return MessageDigest.isEqual(java.util.Base64.getDecoder().decode(key.publicKeyTag()), published);
        }
        try {
            PublicKey p = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(published));
            RSAPublicKey mine = (RSAPublicKey) key.publicKey();
            return p instanceof RSAPublicKey rsa && rsa.getModulus().equals(mine.getModulus())
                    && rsa.getPublicExponent().equals(mine.getPublicExponent());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
