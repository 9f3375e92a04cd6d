package dev.sendmail.api;

/**
 * What a transport must know about a message before it sends MAIL FROM.
 *
 * @param wireSize the size in octets once every line ending is CRLF (before dot-stuffing); the value for SIZE=
 * @param eightBit true when any octet is 0x80 or above (BODY=8BITMIME)
 * @param nonAsciiHeaders true when the header section has a non-ASCII octet (needs SMTPUTF8 if UTF-8)
 * @param longestLine the longest line in octets, without its line ending
 * @param nulOctets true when the content has a NUL octet, which SMTP DATA cannot carry safely
 */
public record ContentTraits(long wireSize, boolean eightBit, boolean nonAsciiHeaders, int longestLine,
                            boolean nulOctets) {

    /** RFC 5321 4.5.3.1.6: 1000 octets including CRLF. */
    public static final int MAX_LINE_OCTETS = 998;

    /**
     * Whether a line is longer than SMTP allows.
     *
     * @return true when the longest line exceeds {@link #MAX_LINE_OCTETS}
     */
    public boolean hasOverlongLine() {
        return longestLine > MAX_LINE_OCTETS;
    }
}
