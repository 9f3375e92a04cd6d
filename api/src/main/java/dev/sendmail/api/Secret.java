package dev.sendmail.api;

import java.util.Arrays;

/**
 * A password or token. It never prints itself: {@code toString()} gives {@code ****}, so a secret that
 * ends up in a log, a trace or an exception message shows nothing.
 */
public final class Secret {

    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    public static Secret of(char[] value) {
        return new Secret(value);
    }

    public static Secret of(String value) {
        return new Secret(value.toCharArray());
    }

    /** A copy of the secret; the caller should clear it after use. */
    public char[] reveal() {
        return value.clone();
    }

    /** The secret as a string, for APIs that take nothing else (Jakarta Mail, SASL callbacks). */
    public String revealString() {
        return new String(value);
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && java.security.MessageDigest.isEqual(
                new String(value).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new String(s.value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "****";
    }
}
