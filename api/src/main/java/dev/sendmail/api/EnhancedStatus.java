package dev.sendmail.api;

import java.util.Optional;

/**
 * An RFC 3463 enhanced status code such as {@code 5.1.1}.
 *
 * @param statusClass 2, 4 or 5
 * @param subject 0 to 999
 * @param detail 0 to 999
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    /**
     * Checks the components; collections are copied.
     *
     * @param statusClass 2, 4 or 5
     * @param subject 0 to 999
     * @param detail 0 to 999
     */
    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("enhanced status class must be 2, 4 or 5: " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("enhanced status out of range: " + subject + "." + detail);
        }
    }

    /**
     * Parses the code at the start of {@code text} ("5.1.1 User unknown").
     * Returns empty when the text does not start with a well-formed code followed by a space or its end.
     *
     * @param text reply text
     * @return the code at the start of the text, if any
     */
    public static Optional<EnhancedStatus> parsePrefix(String text) {
        int[] parts = new int[3];
        int i = 0;
        int n = text.length();
        for (int p = 0; p < 3; p++) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || (p == 0 && digits != 1)) {
                return Optional.empty();
            }
            parts[p] = value;
            if (p < 2) {
                if (i >= n || text.charAt(i) != '.') {
                    return Optional.empty();
                }
                i++;
            }
        }
        if (i < n && text.charAt(i) != ' ') {
            return Optional.empty();
        }
        if (parts[0] != 2 && parts[0] != 4 && parts[0] != 5) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatus(parts[0], parts[1], parts[2]));
    }

    /**
     * True for x.1.x codes about addresses (5.1.1 bad mailbox, 5.1.2 bad domain, ...).
     *
     * @return true for a {@code X.1.Y} code (addressing status)
     */
    public boolean isAddressStatus() {
        return subject == 1;
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
