package dev.sendmail.dkim;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A DKIM key record, the TXT record published at {@code SELECTOR._domainkey.DOMAIN} (RFC 6376 section 3.6.1),
 * parsed by the tag-list rules of section 3.2: {@code name=value} pairs separated by {@code ;}, white space (and
 * folding) around names and values, names case-sensitive, a name twice makes the whole record invalid, unknown
 * tags are ignored. {@code v=}, when present, must come first and be {@code DKIM1}; {@code p=} is required and
 * empty for a revoked key. {@code n=} (notes) is not kept. Immutable.
 *
 * @param keyType {@code k=}: {@code rsa} unless given (compared as written, as verifiers do)
 * @param publicKey {@code p=} with its white space removed: base64 of the public key; empty when the key is revoked
 * @param hashAlgorithms {@code h=}: the hash algorithms allowed; empty when the tag is absent (all are)
 * @param serviceTypes {@code s=}: the services the key is for; {@code *} unless given
 * @param flags {@code t=}: such as {@code y} (testing) and {@code s} (no subdomains); empty unless given
 */
public record DkimKeyRecord(String keyType, String publicKey, List<String> hashAlgorithms, List<String> serviceTypes,
                            List<String> flags) {

    /** The longest record parsed, in characters; an RSA-4096 key record is under 800. */
    public static final int MAX_LENGTH = 8192;
    /** The most tags parsed in one record. */
    public static final int MAX_TAGS = 64;

    /**
     * Checks the components; lists are copied.
     *
     * @param keyType {@code k=}
     * @param publicKey {@code p=} without white space, possibly empty
     * @param hashAlgorithms {@code h=}, empty for all
     * @param serviceTypes {@code s=}
     * @param flags {@code t=}
     * @throws IllegalArgumentException when the key type is empty or {@code p=} is not base64
     */
    public DkimKeyRecord {
        if (keyType == null || keyType.isEmpty() || publicKey == null) {
            throw new IllegalArgumentException("a DKIM key record needs a key type and a p= value");
        }
        Base64.getDecoder().decode(publicKey);
        hashAlgorithms = List.copyOf(hashAlgorithms);
        serviceTypes = List.copyOf(serviceTypes);
        flags = List.copyOf(flags);
    }

    /**
     * Parses one TXT record (its character-strings already joined).
     *
     * @param text the record
     * @return the record
     * @throws DkimException in one line, when the text is over {@link #MAX_LENGTH} or breaks the tag-list rules,
     *         has no {@code p=}, a {@code v=} other than {@code DKIM1} or not first, or a {@code p=} that is not
     *         base64
     */
    public static DkimKeyRecord parse(String text) throws DkimException {
        if (text.length() > MAX_LENGTH) {
            throw new DkimException("DKIM key record of " + text.length() + " characters (at most " + MAX_LENGTH + ")");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 0x21 && c <= 0x7E) && !isSpace(c)) {
                throw new DkimException("DKIM key record has a character not allowed in a tag list (0x"
                        + Integer.toHexString(c) + ")");
            }
        }
        List<String> specs = new ArrayList<>(List.of(text.split(";", -1)));
        if (specs.size() > 1 && strip(specs.get(specs.size() - 1)).isEmpty()) {
            specs.remove(specs.size() - 1); // a final ';' is allowed
        }
        if (specs.size() > MAX_TAGS) {
            throw new DkimException("DKIM key record has more than " + MAX_TAGS + " tags");
        }
        Set<String> seen = new HashSet<>();
        String k = "rsa";
        String p = null;
        List<String> h = List.of();
        List<String> s = List.of("*");
        List<String> t = List.of();
        for (int n = 0; n < specs.size(); n++) {
            String spec = strip(specs.get(n));
            int eq = spec.indexOf('=');
            if (spec.isEmpty()) {
                throw new DkimException("DKIM key record has an empty tag (two ';' in a row, or nothing at all)");
            }
            if (eq < 0) {
                throw new DkimException("DKIM key record has a tag without '=': " + shown(spec));
            }
            String name = strip(spec.substring(0, eq));
            String value = strip(spec.substring(eq + 1));
            if (!isTagName(name)) {
                throw new DkimException("DKIM key record has a malformed tag name: " + shown(name));
            }
            if (!seen.add(name)) {
                throw new DkimException("DKIM key record has the tag " + name + "= twice");
            }
            switch (name) {
                case "v" -> {
                    if (n != 0) {
                        throw new DkimException("DKIM key record has v= but not as its first tag");
                    }
                    if (!value.equals("DKIM1")) {
                        throw new DkimException("DKIM key record has v=" + shown(value) + ", not v=DKIM1");
                    }
                }
                case "k" -> {
                    if (value.isEmpty()) {
                        throw new DkimException("DKIM key record has an empty k=");
                    }
                    k = value;
                }
                case "p" -> p = base64(value);
                case "h" -> h = list(value, "h");
                case "s" -> s = list(value, "s");
                case "t" -> t = list(value, "t");
                default -> {
                    // n= and unknown tags are ignored (section 3.2)
                }
            }
        }
        if (p == null) {
            throw new DkimException("DKIM key record has no p= tag");
        }
        return new DkimKeyRecord(k, p, h, s, t);
    }

    /**
     * Whether the key was revoked: an empty {@code p=} (RFC 6376 section 3.6.1).
     *
     * @return true when {@code p=} is empty
     */
    public boolean revoked() {
        return publicKey.isEmpty();
    }

    /**
     * Whether signatures with SHA-256 may use this key ({@code h=} absent or listing {@code sha256}).
     *
     * @return true when SHA-256 is allowed
     */
    public boolean allowsSha256() {
        return hashAlgorithms.isEmpty() || hashAlgorithms.contains("sha256");
    }

    /**
     * Whether the key is for e-mail ({@code s=} lists {@code *} or {@code email}).
     *
     * @return true when e-mail may use the key
     */
    public boolean allowsEmail() {
        return serviceTypes.contains("*") || serviceTypes.contains("email");
    }

    /**
     * Whether the domain is testing DKIM ({@code t=y}): verifiers must not treat mail differently for a failed
     * signature.
     *
     * @return true with {@code t=y}
     */
    public boolean testing() {
        return flags.contains("y");
    }

    /**
     * The decoded {@code p=} value.
     *
     * @return the public key octets; empty when revoked
     */
    public byte[] publicKeyOctets() {
        return Base64.getDecoder().decode(publicKey);
    }

    private static String base64(String value) throws DkimException {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isSpace(c)) {
                sb.append(c);
            }
        }
        String p = sb.toString();
        try {
            Base64.getDecoder().decode(p);
        } catch (IllegalArgumentException e) {
            throw new DkimException("DKIM key record has a p= that is not base64");
        }
        return p;
    }

    /** A colon-separated list of tokens, white space around each allowed. */
    private static List<String> list(String value, String tag) throws DkimException {
        List<String> out = new ArrayList<>();
        for (String item : value.split(":", -1)) {
            String v = strip(item);
            if (v.isEmpty() || v.chars().anyMatch(c -> isSpace((char) c))) {
                throw new DkimException("DKIM key record has a malformed " + tag + "= list: " + shown(value));
            }
            out.add(v);
        }
        return out;
    }

    /** ALPHA *(ALPHA / DIGIT / "_"). */
    private static boolean isTagName(String s) {
        if (s.isEmpty() || !isAlpha(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** White space of a tag list: SP and TAB, and the CR and LF of folding. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isSpace(s.charAt(b))) {
            b++;
        }
        while (e > b && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    /** For messages: at most 40 characters (the text is already printable ASCII or white space). */
    private static String shown(String s) {
        String one = s.replaceAll("[\\r\\n\\t]", " ");
        return one.length() > 40 ? one.substring(0, 40) + "..." : one;
    }
}
