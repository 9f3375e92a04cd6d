package dev.sendmail.sts;

import dev.sendmail.api.ControlCharacters;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An MTA-STS policy as served at {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt} (RFC 8461 section 3.2):
 * its mode, the MX host patterns it allows and how long a sender may keep it.
 *
 * <p>{@link #parse} is a pure function with hard bounds: at most {@link #MAX_BYTES} octets of UTF-8, keys and
 * the {@code version} and {@code mode} values compared case-sensitively as the RFC's grammar says, unknown keys
 * ignored, and {@code max_age} at most {@link #MAX_AGE_SECONDS}.
 *
 * @param mode what the policy asks
 * @param mx the allowed MX host patterns in the policy's order, lower case: a host name, or {@code *.} and a
 *        domain for any host one label below it; empty only in mode {@code none}
 * @param maxAge how long the policy may be cached after it was fetched
 * @param text the policy as it was served (for TLS reports, which quote it line by line)
 */
public record StsPolicy(StsMode mode, List<String> mx, Duration maxAge, String text) {

    /** The largest policy body accepted, in octets. */
    public static final int MAX_BYTES = 64 * 1024;

    /** The largest {@code max_age} the RFC allows: about one year, in seconds. */
    public static final long MAX_AGE_SECONDS = 31_557_600L;

    /**
     * Checks the components; the pattern list is copied.
     *
     * @param mode what the policy asks
     * @param mx the allowed MX host patterns, lower case
     * @param maxAge how long the policy may be cached
     * @param text the policy as it was served
     */
    public StsPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(text, "text");
        mx = List.copyOf(mx);
        if (mx.isEmpty() && mode != StsMode.NONE) {
            throw new IllegalArgumentException("a policy in mode " + mode.wireName() + " needs at least one mx");
        }
        if (maxAge.isNegative() || maxAge.getSeconds() > MAX_AGE_SECONDS) {
            throw new IllegalArgumentException("max_age must be between 0 and " + MAX_AGE_SECONDS + " seconds");
        }
    }

    /**
     * Parses a policy body.
     *
     * @param body the octets served, at most {@link #MAX_BYTES}
     * @return the policy
     * @throws IllegalArgumentException with a one-line reason when the body is not a valid STSv1 policy
     */
    public static StsPolicy parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new IllegalArgumentException("the policy is larger than " + MAX_BYTES + " octets");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the policy is not UTF-8");
        }
        return parse(text);
    }

    /**
     * Parses a policy already decoded; see {@link #parse(byte[])}.
     *
     * @param text the policy text
     * @return the policy
     * @throws IllegalArgumentException with a one-line reason when the text is not a valid STSv1 policy
     */
    public static StsPolicy parse(String text) {
        if (text.length() > MAX_BYTES) {
            throw new IllegalArgumentException("the policy is larger than " + MAX_BYTES + " octets");
        }
        String version = null;
        String mode = null;
        String maxAge = null;
        List<String> mx = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty() && i == lines.length - 1) {
                break;  // the terminator after the last field
            }
            int n = i + 1;
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("line " + n + " is not \"key: value\": " + quote(line));
            }
            String key = line.substring(0, colon);
            String value = stripWsp(line.substring(colon + 1));
            if (!isFieldName(key)) {
                throw new IllegalArgumentException("line " + n + " has an invalid key " + quote(key));
            }
            if (!isFieldValue(value)) {
                throw new IllegalArgumentException("line " + n + " has an invalid value for " + key);
            }
            switch (key) {
                case "version" -> version = once(version, value, key);
                case "mode" -> mode = once(mode, value, key);
                case "max_age" -> maxAge = once(maxAge, value, key);
                case "mx" -> mx.add(mxPattern(value, n));
                default -> {
                    // an extension: RFC 8461 section 3.2 says to ignore what is not understood
                }
            }
        }
        if (version == null) {
            throw new IllegalArgumentException("the policy has no version");
        }
        if (!version.equals("STSv1")) {
            throw new IllegalArgumentException("version must be STSv1, not " + quote(version));
        }
        if (mode == null) {
            throw new IllegalArgumentException("the policy has no mode");
        }
        StsMode m = StsMode.ofWireName(mode);
        if (maxAge == null) {
            throw new IllegalArgumentException("the policy has no max_age");
        }
        if (maxAge.isEmpty() || maxAge.length() > 10 || !maxAge.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("max_age must be up to 10 digits, not " + quote(maxAge));
        }
        long seconds = Long.parseLong(maxAge);
        if (seconds > MAX_AGE_SECONDS) {
            throw new IllegalArgumentException("max_age " + seconds + " is over the maximum of " + MAX_AGE_SECONDS);
        }
        if (mx.isEmpty() && m != StsMode.NONE) {
            throw new IllegalArgumentException("a policy in mode " + mode + " needs at least one mx");
        }
        return new StsPolicy(m, mx, Duration.ofSeconds(seconds), text);
    }

    /**
     * Whether mail may go to {@code host} under this policy: it matches one of the {@link #mx} patterns, a
     * wildcard pattern standing for exactly one label (RFC 8461 section 4.1). Names are compared without case
     * and without a trailing dot.
     *
     * @param host an MX host name
     * @return true when a pattern matches
     */
    public boolean allows(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (String p : mx) {
            if (matches(p, h)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The policy's lines without their line ends, as a TLS report's {@code policy-string} lists them.
     *
     * @return the lines, trailing empty line dropped
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n", -1)) {
            out.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        }
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    static boolean matches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(1);
            if (!host.endsWith(suffix)) {
                return false;
            }
            String first = host.substring(0, host.length() - suffix.length());
            return !first.isEmpty() && first.indexOf('.') < 0;
        }
        return pattern.equals(host);
    }

    private static String once(String previous, String value, String key) {
        if (previous != null) {
            throw new IllegalArgumentException(key + " is given twice");
        }
        return value;
    }

    private static String mxPattern(String value, int line) {
        String v = value.toLowerCase(Locale.ROOT);
        String domain = v.startsWith("*.") ? v.substring(2) : v;
        if (!isDomain(domain)) {
            throw new IllegalArgumentException("line " + line + ": mx must be a host name or *. and a domain, not "
                    + quote(value));
        }
        return v;
    }

    /** RFC 5321 Domain: dot-separated labels of letters, digits and inner hyphens, at most 253 octets. */
    static boolean isDomain(String d) {
        if (d.isEmpty() || d.length() > 253) {
            return false;
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A field or extension name: a letter or digit, then up to 31 of letters, digits, _ - and dot. */
    static boolean isFieldName(String k) {
        if (k.isEmpty() || k.length() > 32 || !isAlnum(k.charAt(0))) {
            return false;
        }
        for (int i = 1; i < k.length(); i++) {
            char c = k.charAt(i);
            if (!(isAlnum(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** Visible characters (ASCII or UTF-8 text) and inner spaces; no control characters. */
    private static boolean isFieldValue(String v) {
        return !v.isEmpty() && ControlCharacters.indexOf(v) < 0;
    }

    private static boolean isAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** {@code s} without leading and trailing spaces and tabs. */
    static String stripWsp(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) {
            b++;
        }
        while (e > b && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
            e--;
        }
        return s.substring(b, e);
    }

    /** A value for an error message: quoted, control characters escaped, cut at 60 characters. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 60; i++) {
            char c = s.charAt(i);
            if (ControlCharacters.isControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(s.length() > 60 ? "...\"" : "\"").toString();
    }
}
