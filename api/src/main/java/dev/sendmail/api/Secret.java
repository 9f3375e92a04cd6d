package dev.sendmail.api;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * A password or token. It never prints itself: {@code toString()} gives {@code ****}, so a secret that
 * ends up in a log, a trace or an exception message shows nothing. It is held in a char array that
 * {@link #destroy()} wipes.
 */
public final class Secret implements Destroyable {

    private final char[] value;
    private volatile boolean destroyed;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    /**
     * A secret from characters (copied).
     *
     * @param value the secret
     * @return the secret
     */
    public static Secret of(char[] value) {
        return new Secret(value);
    }

    /**
     * A secret from a string.
     *
     * @param value the secret
     * @return the secret
     */
    public static Secret of(String value) {
        return new Secret(value.toCharArray());
    }

    /**
     * A copy of the secret; the caller should clear it after use.
     *
     * @throws IllegalStateException once destroyed
     * @return a copy of the characters; the caller wipes it
     */
    public char[] reveal() {
        checkAlive();
        return value.clone();
    }

    /**
     * The secret as a string, for APIs that take nothing else (Jakarta Mail); such a copy cannot be wiped.
     *
     * @throws IllegalStateException once destroyed
     * @return the secret as a string
     */
    public String revealString() {
        checkAlive();
        return new String(value);
    }

    /** Overwrites the secret; it cannot be revealed afterwards. */
    @Override
    public void destroy() {
        Arrays.fill(value, '\0');
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("the secret was destroyed");
        }
    }

    /**
     * Whether the secret has no characters.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return value.length == 0;
    }

    /** Equal content, compared in time that does not depend on where the first difference is. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Secret s)) {
            return false;
        }
        int diff = value.length ^ s.value.length;
        for (int i = 0; i < Math.max(value.length, s.value.length); i++) {
            char a = i < value.length ? value[i] : 0;
            char b = i < s.value.length ? s.value[i] : 0;
            diff |= a ^ b;
        }
        return diff == 0;
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
