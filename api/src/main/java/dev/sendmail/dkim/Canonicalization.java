package dev.sendmail.dkim;

import java.util.Locale;

/** RFC 6376 section 3.4: how header fields and the body are normalised before hashing. */
public enum Canonicalization {
    /** Octets as they are, except trailing empty lines of the body. Fragile: any rewrapping breaks it. */
    SIMPLE,
    /** White space runs become one space, header names lower-case, trailing white space ignored. */
    RELAXED;

    /**
     * The name used in the {@code c=} tag.
     *
     * @return the name in the {@code c=} tag
     */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code simple} or {@code relaxed}, case-insensitively.
     *
     * @param value {@code simple} or {@code relaxed}
     * @return the canonicalization
     */
    public static Canonicalization parse(String value) {
        for (Canonicalization c : values()) {
            if (c.tag().equalsIgnoreCase(value.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException("canonicalization must be simple or relaxed, not " + value.strip());
    }
}
