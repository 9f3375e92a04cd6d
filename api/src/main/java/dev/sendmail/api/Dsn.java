package dev.sendmail.api;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 3461 delivery status notification parameters for one message.
 *
 * @param notifyOn when to notify (empty: leave it to the server); NEVER cannot be combined with others
 * @param ret whether a bounce carries the full message or only its headers
 * @param envelopeId ENVID, an identifier of the sender's choosing (printable ASCII, no '+' or '=' needed: it is
 *        xtext-encoded on the wire)
 * @param originalRecipient send ORCPT=rfc822;address for each recipient
 */
public record Dsn(Set<Notify> notifyOn, Optional<Ret> ret, Optional<String> envelopeId, boolean originalRecipient) {

    /** NOTIFY values. */
    public enum Notify {
        /** No notification at all. */
        NEVER,
        /** On successful delivery. */
        SUCCESS,
        /** On failure. */
        FAILURE,
        /** When delivery is delayed. */
        DELAY
    }

    /** RET values. */
    public enum Ret {
        /** The whole message. */
        FULL,
        /** Only the header section. */
        HDRS
    }

    /**
     * No DSN parameters: the server's defaults.
     */
    public static final Dsn NONE = new Dsn(Set.of(), Optional.empty(), Optional.empty(), false);

    /**
     * Checks the components; collections are copied.
     *
     * @param notifyOn when to notify (empty: leave it to the server); NEVER cannot be combined with others
     * @param ret whether a bounce carries the full message or only its headers
     * @param envelopeId ENVID, an identifier of the sender's choosing (printable ASCII, no '+' or '=' needed: it is
     *        xtext-encoded on the wire)
     * @param originalRecipient send ORCPT=rfc822;address for each recipient
     */
    public Dsn {
        notifyOn = notifyOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(notifyOn));
        if (notifyOn.contains(Notify.NEVER) && notifyOn.size() > 1) {
            throw new IllegalArgumentException("NOTIFY=NEVER cannot be combined with other values");
        }
        envelopeId.ifPresent(Dsn::checkEnvelopeId);
    }

    /**
     * True when any DSN parameter is set, so the server must offer DSN.
     *
     * @return true when any parameter is set
     */
    public boolean isRequested() {
        return !notifyOn.isEmpty() || ret.isPresent() || envelopeId.isPresent() || originalRecipient;
    }

    /**
     * This request with values given as text put over it, as sendmail's {@code -N}, {@code -R} and {@code -V}
     * options (msmtp's {@code --dsn-notify} and {@code --dsn-return}) give them: each value given replaces this
     * one's, the others stay.
     *
     * @param notify {@code never} or a comma list of success, failure, delay ({@link #parseNotify(String)})
     * @param ret {@code full} or {@code hdrs} ({@link #parseRet(String)})
     * @param envelopeId the ENVID; surrounding blanks are dropped
     * @return the request
     * @throws IllegalArgumentException for a value that does not parse; the message names the parameter
     */
    public Dsn with(Optional<String> notify, Optional<String> ret, Optional<String> envelopeId) {
        return new Dsn(notify.isPresent() ? parseNotify(notify.get()) : notifyOn,
                ret.isPresent() ? Optional.of(parseRet(ret.get())) : this.ret,
                envelopeId.isPresent() ? envelopeId.map(String::strip) : this.envelopeId, originalRecipient);
    }

    /**
     * Parses sendmail's {@code -N} value: {@code never} or a comma list of success, failure, delay.
     *
     * @param text {@code never}, or a comma-separated list of success, failure, delay
     * @return the values
     */
    public static Set<Notify> parseNotify(String text) {
        EnumSet<Notify> set = EnumSet.noneOf(Notify.class);
        for (String part : text.split(",")) {
            String p = part.strip();
            try {
                set.add(Notify.valueOf(p.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown DSN NOTIFY value '" + p
                        + "' (use never, or success,failure,delay)");
            }
        }
        if (set.contains(Notify.NEVER) && set.size() > 1) {
            throw new IllegalArgumentException("DSN NOTIFY=never cannot be combined with other values");
        }
        return set;
    }

    /**
     * Parses sendmail's {@code -R} value: {@code full} or {@code hdrs}.
     *
     * @param text {@code full} or {@code hdrs}
     * @return the value
     */
    public static Ret parseRet(String text) {
        try {
            return Ret.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown DSN RET value '" + text + "' (use full or hdrs)");
        }
    }

    private static void checkEnvelopeId(String id) {
        if (id.isEmpty() || id.length() > 100) {
            throw new IllegalArgumentException("DSN envelope id must be 1 to 100 characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException("DSN envelope id must be printable ASCII without spaces");
            }
        }
    }

    /**
     * RFC 3461 xtext: '+', '=' and characters outside 0x21-0x7E as +XX.
     *
     * @param s printable ASCII
     * @return the xtext form (RFC 3461 4)
     */
    public static String xtext(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x21 || c > 0x7E || c == '+' || c == '=') {
                sb.append('+').append(String.format("%02X", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
