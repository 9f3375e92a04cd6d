package dev.sendmail.api;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One TLSA record (RFC 6698): how a server's certificate is to be matched. For SMTP (RFC 7672) only
 * certificate usages {@link #DANE_TA} and {@link #DANE_EE}, selectors 0 and 1 and matching types 0, 1 and 2 are
 * usable; see {@link #isUsableForSmtp()}. Immutable; the data is copied in and out.
 *
 * @param usage the certificate usage, 0 to 255 (2 DANE-TA, 3 DANE-EE)
 * @param selector what is matched, 0 to 255 (0 the whole certificate, 1 its SubjectPublicKeyInfo)
 * @param matchingType how it is matched, 0 to 255 (0 exact, 1 SHA-256, 2 SHA-512)
 * @param data the association data: the DER itself or its digest
 */
public record TlsaRecord(int usage, int selector, int matchingType, byte[] data) {

    /** Certificate usage PKIX-TA: unusable for SMTP. */
    public static final int PKIX_TA = 0;
    /** Certificate usage PKIX-EE: unusable for SMTP. */
    public static final int PKIX_EE = 1;
    /** Certificate usage DANE-TA: the chain must lead to the matching trust anchor, and the name must match. */
    public static final int DANE_TA = 2;
    /** Certificate usage DANE-EE: the server's own certificate or key matches; no name or date check. */
    public static final int DANE_EE = 3;

    /** Longest association data accepted, in octets (a full certificate; larger ones are refused). */
    public static final int MAX_DATA = 16_384;

    /**
     * Checks the fields and copies the data.
     *
     * @param usage the certificate usage, 0 to 255 (2 DANE-TA, 3 DANE-EE)
     * @param selector what is matched, 0 to 255 (0 the whole certificate, 1 its SubjectPublicKeyInfo)
     * @param matchingType how it is matched, 0 to 255 (0 exact, 1 SHA-256, 2 SHA-512)
     * @param data the association data: the DER itself or its digest
     */
    public TlsaRecord {
        checkOctet("certificate usage", usage);
        checkOctet("selector", selector);
        checkOctet("matching type", matchingType);
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("TLSA association data is empty");
        }
        if (data.length > MAX_DATA) {
            throw new IllegalArgumentException("TLSA association data is longer than " + MAX_DATA + " octets");
        }
        data = data.clone();
    }

    private static void checkOctet(String what, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("TLSA " + what + " out of range (0-255): " + value);
        }
    }

    /**
     * Parses the presentation form {@code USAGE SELECTOR MATCHING HEX}, as in a zone file (the hex may be split by
     * blanks), such as {@code 3 1 1 0123...}.
     *
     * @param text the record's fields
     * @return the record
     * @throws IllegalArgumentException with a one-line reason
     */
    public static TlsaRecord parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("TLSA record is empty");
        }
        if (text.length() > 2 * MAX_DATA + 64) {
            throw new IllegalArgumentException("TLSA record is too long");
        }
        String[] parts = text.strip().split("[ \t]+");
        if (parts.length < 4 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("TLSA record needs usage, selector, matching type and data");
        }
        int usage = number("certificate usage", parts[0]);
        int selector = number("selector", parts[1]);
        int matching = number("matching type", parts[2]);
        StringBuilder hex = new StringBuilder();
        for (int i = 3; i < parts.length; i++) {
            hex.append(parts[i]);
        }
        if (hex.length() % 2 != 0 || !hex.chars().allMatch(TlsaRecord::isHex)) {
            throw new IllegalArgumentException("TLSA association data is not an even number of hex digits");
        }
        return new TlsaRecord(usage, selector, matching, HexFormat.of().parseHex(hex));
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int number(String what, String text) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("TLSA " + what + " is not a number from 0 to 255");
        }
        return Integer.parseInt(text);
    }

    /**
     * The association data.
     *
     * @return a copy of the data
     */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * Whether RFC 7672 lets SMTP use this record: usage DANE-TA or DANE-EE, selector 0 or 1, matching type 0, 1
     * or 2, and a digest of the right length for types 1 (32 octets) and 2 (64 octets).
     *
     * @return true when the record can authenticate an SMTP server
     */
    public boolean isUsableForSmtp() {
        if (usage != DANE_TA && usage != DANE_EE) {
            return false;
        }
        if (selector != 0 && selector != 1) {
            return false;
        }
        return switch (matchingType) {
            case 0 -> true;
            case 1 -> data.length == 32;
            case 2 -> data.length == 64;
            default -> false;
        };
    }

    /**
     * The usage's mnemonic (RFC 7218), for messages: {@code DANE-EE}, {@code DANE-TA}, {@code PKIX-EE},
     * {@code PKIX-TA}, or the number.
     *
     * @return the name of the certificate usage
     */
    public String usageName() {
        return switch (usage) {
            case PKIX_TA -> "PKIX-TA";
            case PKIX_EE -> "PKIX-EE";
            case DANE_TA -> "DANE-TA";
            case DANE_EE -> "DANE-EE";
            default -> Integer.toString(usage);
        };
    }

    /**
     * The presentation form, lower-case hex.
     *
     * @return such as {@code 3 1 1 0123...}
     */
    @Override
    public String toString() {
        return usage + " " + selector + " " + matchingType + " " + HexFormat.of().formatHex(data).toLowerCase(Locale.ROOT);
    }

    /**
     * Records are equal when all fields and the data are.
     *
     * @param o the other object
     * @return whether they are equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof TlsaRecord t && t.usage == usage && t.selector == selector
                && t.matchingType == matchingType && Arrays.equals(t.data, data);
    }

    /**
     * A hash of all fields and the data.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return ((usage * 31 + selector) * 31 + matchingType) * 31 + Arrays.hashCode(data);
    }
}
